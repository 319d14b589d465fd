package cn.huizong.reporting;

import java.util.List;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** What every sheet of one workbook shares: the workbook, its styles, and the footer naming the run. */
record SheetContext(SXSSFWorkbook wb, TableStyle style, String footer) {

    SheetTable table(String name, List<SheetTable.Column> columns) {
        return new SheetTable(wb, style, name, columns, footer);
    }
}
