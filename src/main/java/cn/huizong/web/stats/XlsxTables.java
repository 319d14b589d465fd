package cn.huizong.web.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Tables as an .xlsx workbook: a bold header row, numbers as numbers, a frozen header. */
final class XlsxTables {

    private XlsxTables() {
    }

    static byte[] write(List<ChartTables.Table> tables) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle head = wb.createCellStyle();
            head.setFont(bold);
            for (ChartTables.Table t : tables) {
                Sheet sheet = wb.createSheet(t.sheet());
                Row h = sheet.createRow(0);
                int[] widths = new int[t.header().size()];
                for (int c = 0; c < t.header().size(); c++) {
                    Cell cell = h.createCell(c);
                    cell.setCellValue(t.header().get(c));
                    cell.setCellStyle(head);
                    widths[c] = t.header().get(c).length();
                }
                int r = 1;
                for (List<Object> values : t.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object v = values.get(c);
                        Cell cell = row.createCell(c);
                        if (v instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else if (v != null) {
                            // text from submissions (unit names) never becomes a formula: setCellValue keeps it a string
                            cell.setCellValue(v.toString());
                        }
                        widths[c] = Math.max(widths[c], v == null ? 0 : v.toString().length());
                    }
                }
                for (int c = 0; c < widths.length; c++) {
                    // a CJK character is about two widths of a digit
                    sheet.setColumnWidth(c, Math.min(60, widths[c] * 2 + 2) * 256);
                }
                sheet.createFreezePane(0, 1);
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
