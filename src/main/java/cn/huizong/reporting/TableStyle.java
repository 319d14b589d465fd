package cn.huizong.reporting;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;

/**
 * The table look the notice fixes (附件4 四、表格): 宋体五号 (10.5 pt), centred, single line spacing; the
 * title above the table in 宋体小五 (9 pt), centred. One instance per workbook: styles are workbook objects and
 * a workbook may hold only so many, so every sheet shares these.
 */
final class TableStyle {

    public static final String FONT = "宋体";
    /** 五号 and 小五 in twentieths of a point, the unit POI stores font heights in. */
    public static final short BODY_TWIPS = 210;
    public static final short TITLE_TWIPS = 180;
    public static final byte[] LIGHT_RED = {(byte) 255, (byte) 199, (byte) 206};
    public static final byte[] LIGHT_YELLOW = {(byte) 255, (byte) 235, (byte) 156};
    private static final byte[] HEADER_GREY = {(byte) 217, (byte) 217, (byte) 217};
    /** One line of 10.5 pt 宋体 with Excel's cell padding. */
    static final float LINE_POINTS = 14.25f;

    final CellStyle title;
    final CellStyle header;
    final CellStyle body;
    final CellStyle bodyRed;
    final CellStyle bodyYellow;
    /** Total rows inside a table: bold on grey, like the header. */
    final CellStyle bodyTotal;
    /** Prose above a table (the feedback letter): left-aligned, wrapped, no border. */
    final CellStyle prose;
    final CellStyle heading;

    public TableStyle(Workbook wb) {
        // the workbook's default font too, so that empty and unstyled cells are 宋体五号 as well
        XSSFFont normal = (XSSFFont) wb.getFontAt(0);
        normal.setFontName(FONT);
        normal.setFontHeight(BODY_TWIPS / 20.0);
        XSSFFont small = font(wb, TITLE_TWIPS, false);
        XSSFFont bodyFont = font(wb, BODY_TWIPS, false);
        XSSFFont bold = font(wb, BODY_TWIPS, true);
        XSSFFont big = font(wb, (short) 320, true); // 三号 for the letter's heading
        title = wb.createCellStyle();
        title.setFont(small);
        title.setAlignment(HorizontalAlignment.CENTER);
        title.setVerticalAlignment(VerticalAlignment.CENTER);
        title.setWrapText(true);
        header = cellStyle(wb, bold, HEADER_GREY);
        body = cellStyle(wb, bodyFont, null);
        bodyRed = cellStyle(wb, bodyFont, LIGHT_RED);
        bodyYellow = cellStyle(wb, bodyFont, LIGHT_YELLOW);
        bodyTotal = cellStyle(wb, bold, HEADER_GREY);
        prose = wb.createCellStyle();
        prose.setFont(bodyFont);
        prose.setAlignment(HorizontalAlignment.LEFT);
        prose.setVerticalAlignment(VerticalAlignment.TOP);
        prose.setWrapText(true);
        heading = wb.createCellStyle();
        heading.setFont(big);
        heading.setAlignment(HorizontalAlignment.CENTER);
        heading.setVerticalAlignment(VerticalAlignment.CENTER);
    }

    /** How a body row stands out: light red (missing, over quota), light yellow (late), grey (a total). */
    public enum Fill {
        NONE, RED, YELLOW, GREY
    }

    CellStyle body(Fill fill) {
        return switch (fill) {
            case NONE -> body;
            case RED -> bodyRed;
            case YELLOW -> bodyYellow;
            case GREY -> bodyTotal;
        };
    }

    private static XSSFFont font(Workbook wb, short twips, boolean bold) {
        XSSFFont f = (XSSFFont) wb.createFont();
        f.setFontName(FONT);
        f.setFontHeight(twips / 20.0);
        f.setBold(bold);
        return f;
    }

    private static CellStyle cellStyle(Workbook wb, XSSFFont font, byte[] fill) {
        XSSFCellStyle s = (XSSFCellStyle) wb.createCellStyle();
        s.setFont(font);
        s.setAlignment(HorizontalAlignment.CENTER);
        s.setVerticalAlignment(VerticalAlignment.CENTER);
        s.setWrapText(true);
        s.setBorderTop(BorderStyle.THIN);
        s.setBorderBottom(BorderStyle.THIN);
        s.setBorderLeft(BorderStyle.THIN);
        s.setBorderRight(BorderStyle.THIN);
        if (fill != null) {
            s.setFillForegroundColor(new XSSFColor(fill, null));
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
        return s;
    }

    /**
     * Freezes everything down to the header row, filters the table, and prints it A4 landscape, one page wide,
     * the header row repeated on every page.
     */
    static void finishSheet(Sheet sheet, int headerRow, int lastRow, int lastColumn, String footerLeft) {
        sheet.createFreezePane(0, headerRow + 1);
        sheet.setAutoFilter(new CellRangeAddress(headerRow, Math.max(headerRow, lastRow), 0, lastColumn));
        sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        PrintSetup ps = sheet.getPrintSetup();
        ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
        ps.setLandscape(true);
        ps.setFitWidth((short) 1);
        ps.setFitHeight((short) 0); // as many pages down as it takes
        sheet.setFitToPage(true);
        sheet.setHorizontallyCenter(true);
        sheet.setMargin(Sheet.LeftMargin, 0.5);
        sheet.setMargin(Sheet.RightMargin, 0.5);
        sheet.setMargin(Sheet.TopMargin, 0.6);
        sheet.setMargin(Sheet.BottomMargin, 0.6);
        sheet.getFooter().setLeft(footerLeft == null ? "" : footerLeft);
        sheet.getFooter().setCenter("第 &P 页，共 &N 页");
    }

    /**
     * Row height that shows every line of wrapped text: Excel and WPS do not grow rows on opening, so a row
     * left at the default height would show one line of a 200-character 案例简介. Widths are in characters
     * (the width of '0'); a Chinese character takes two.
     */
    static float heightFor(Object[] values, int[] widths) {
        int lines = 1;
        for (int i = 0; i < values.length && i < widths.length; i++) {
            if (values[i] instanceof String s && !s.isEmpty()) {
                lines = Math.max(lines, lines(s, widths[i]));
            }
        }
        return Math.min(409f, lines * LINE_POINTS + 2);
    }

    static int lines(String text, int widthChars) {
        int usable = Math.max(2, widthChars - 1);
        int n = text.length();
        if (2 * n <= usable && text.indexOf('\n') < 0) {
            return 1; // fits on one line even if every character is wide: most cells
        }
        int lines = 0;
        int units = 0;
        for (int i = 0; i < n;) {
            char c = text.charAt(i);
            int w;
            if (c < 0x80) { // ASCII
                i++;
                if (c == '\n') {
                    lines += Math.max(1, (units + usable - 1) / usable);
                    units = 0;
                    continue;
                }
                w = 1;
            } else if (c >= 0x4E00 && c <= 0x9FEF) { // CJK unified ideographs (all HAN): most Chinese text
                i++;
                w = 2;
            } else {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                w = wide(cp) ? 2 : 1;
            }
            units += w;
        }
        return lines + Math.max(1, (units + usable - 1) / usable);
    }

    private static boolean wide(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || cp >= 0x3000 && cp <= 0x303F || cp >= 0xFF00 && cp <= 0xFFEF
                || cp >= 0x2E80 && cp <= 0x2FFF || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
    }
}
