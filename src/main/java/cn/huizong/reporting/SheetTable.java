package cn.huizong.reporting;

import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * One table on a streamed sheet: optional lines above it, the title row, the header row, then body rows as
 * they come. Every value is written as a value (text or number), never as a formula, whatever it starts
 * with. A table longer than Excel's 1,048,576 rows goes on in a sheet named “…（续2）” with the same title and
 * header, so no row is ever dropped.
 */
final class SheetTable {

    record Column(String title, int width) {
    }

    static final int EXCEL_MAX_ROWS = 1_048_576;

    private final SXSSFWorkbook wb;
    private final TableStyle style;
    private final String name;
    private final List<Column> columns;
    private final int[] widths;
    private final String footer;
    private final int maxRows;
    private SXSSFSheet sheet;
    private String title;
    private int part = 1;
    private int next;
    private int headerRow = -1;

    SheetTable(SXSSFWorkbook wb, TableStyle style, String name, List<Column> columns, String footer) {
        this(wb, style, name, columns, footer, EXCEL_MAX_ROWS);
    }

    /** @param maxRows rows per sheet before continuing on the next one (Excel's limit; smaller in tests) */
    SheetTable(SXSSFWorkbook wb, TableStyle style, String name, List<Column> columns, String footer, int maxRows) {
        this.wb = wb;
        this.style = style;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.widths = columns.stream().mapToInt(Column::width).toArray();
        this.footer = footer;
        this.maxRows = maxRows;
        this.sheet = newSheet(name);
    }

    private SXSSFSheet newSheet(String sheetName) {
        SXSSFSheet s = wb.createSheet(sheetName);
        for (int c = 0; c < widths.length; c++) {
            s.setColumnWidth(c, widths[c] * 256);
        }
        return s;
    }

    private int lastColumn() {
        return columns.size() - 1;
    }

    /** A line of text across the whole table width, above the table (the feedback letter). */
    void paragraph(String text, CellStyle cellStyle) {
        paragraph(text, cellStyle, 0);
    }

    void paragraph(String text, CellStyle cellStyle, float minHeight) {
        Row row = sheet.createRow(next);
        Cell cell = row.createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(cellStyle);
        if (columns.size() > 1) {
            sheet.addMergedRegion(new CellRangeAddress(next, next, 0, lastColumn()));
        }
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        row.setHeightInPoints(Math.max(minHeight, TableStyle.heightFor(new Object[] {text}, new int[] {total})));
        next++;
    }

    void skipRow() {
        next++;
    }

    /** The title row (宋体小五, centred, merged over the table) and the header row. */
    void begin(String tableTitle) {
        this.title = tableTitle;
        Row t = sheet.createRow(next);
        Cell tc = t.createCell(0);
        tc.setCellValue(tableTitle);
        tc.setCellStyle(style.title);
        if (columns.size() > 1) {
            sheet.addMergedRegion(new CellRangeAddress(next, next, 0, lastColumn()));
        }
        next++;
        headerRow = next;
        Row h = sheet.createRow(next++);
        Object[] titles = columns.stream().map(Column::title).toArray();
        for (int c = 0; c < titles.length; c++) {
            write(h.createCell(c), titles[c], style.header);
        }
        h.setHeightInPoints(TableStyle.heightFor(titles, widths));
    }

    void add(Object... values) {
        add(TableStyle.Fill.NONE, values);
    }

    void add(TableStyle.Fill fill, Object... values) {
        addCells(null, fill, values);
    }

    /** A body row whose cells may stand out on their own (cellFills[i] non-null) within the row's fill. */
    void addCells(TableStyle.Fill[] cellFills, TableStyle.Fill fill, Object... values) {
        if (next >= maxRows) {
            finishSheet();
            part++;
            sheet = newSheet(name + "（续" + part + "）");
            next = 0;
            begin(title);
        }
        Row row = sheet.createRow(next++);
        CellStyle s = style.body(fill);
        for (int c = 0; c < columns.size(); c++) {
            CellStyle cs = cellFills != null && c < cellFills.length && cellFills[c] != null ? style.body(cellFills[c]) : s;
            write(row.createCell(c), c < values.length ? values[c] : null, cs);
        }
        float h = TableStyle.heightFor(values, widths);
        if (h > TableStyle.LINE_POINTS + 2) {
            row.setHeightInPoints(h);
        }
    }

    void finish() {
        finishSheet();
    }

    private void finishSheet() {
        TableStyle.finishSheet(sheet, headerRow, next - 1, lastColumn(), footer);
    }

    /** Text stays text: setCellValue(String) never makes a formula, even for "=HYPERLINK(…)". */
    static void write(Cell cell, Object value, CellStyle cellStyle) {
        if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value != null) {
            String s = value.toString();
            // Excel refuses cells over 32,767 characters; a hostile submission could hold one
            cell.setCellValue(s.length() > 32_767 ? s.substring(0, 32_760) + "……" : s);
        }
        cell.setCellStyle(cellStyle);
    }
}
