package cn.huizong.web.roster;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * One table as an xlsx (streamed with SXSSF, so a long list never sits in memory as cells): a title line, Chinese
 * headers with a filter, the header frozen. Text stays text (a unit name is never taken for a formula).
 */
final class XlsxTable {

    /** A column: its header and width in characters. */
    record Column(String header, int width) {
    }

    private XlsxTable() {
    }

    static void write(OutputStream out, String sheetName, String title, List<Column> columns, List<List<Object>> rows)
            throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            Sheet sheet = wb.createSheet(sheetName);
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle titleStyle = wb.createCellStyle();
            titleStyle.setFont(bold);
            CellStyle head = wb.createCellStyle();
            head.setFont(bold);
            head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            head.setWrapText(true);
            CellStyle body = wb.createCellStyle();
            body.setWrapText(true);
            body.setVerticalAlignment(VerticalAlignment.TOP);
            sheet.createRow(0).createCell(0).setCellValue(title);
            sheet.getRow(0).getCell(0).setCellStyle(titleStyle);
            Row header = sheet.createRow(1);
            for (int c = 0; c < columns.size(); c++) {
                header.createCell(c).setCellValue(columns.get(c).header());
                header.getCell(c).setCellStyle(head);
                sheet.setColumnWidth(c, Math.min(255, columns.get(c).width()) * 256 + 200);
            }
            sheet.createFreezePane(0, 2);
            sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(1, 1 + rows.size(), 0, columns.size() - 1));
            int r = 2;
            for (List<Object> values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    org.apache.poi.ss.usermodel.Cell cell = row.createCell(c);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else {
                        cell.setCellValue(v == null ? "" : v.toString());
                    }
                    cell.setCellStyle(body);
                }
            }
            wb.write(out);
            wb.dispose();
        }
    }
}
