package cn.huizong.bench;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a one-sheet xlsx part by part, the way Excel and WPS save it: every text cell is an index into
 * xl/sharedStrings.xml, which follows the sheet in the zip. POI's SXSSF writes inline strings unless told
 * otherwise and then keeps an XMLBeans object per string; this keeps only the distinct strings, so a sheet
 * of close to a million of them is written in seconds. Values: String (shared string), Number, LocalDate
 * (a serial number with a built-in date format), null (no cell).
 */
public final class SharedStringsXlsx implements Closeable {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);

    private final ZipOutputStream zip;
    private final Writer out;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> strings = new ArrayList<>();
    private final List<String> merges = new ArrayList<>();
    private long stringCells;
    private int rowNumber;

    private SharedStringsXlsx(Path file, String sheetName) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        OutputStream raw = Files.newOutputStream(file);
        zip = new ZipOutputStream(raw);
        out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
        part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                + "</Types>");
        part("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        part("xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL + "\"><sheets><sheet name=\""
                + escape(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        part("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + REL + "/styles\" Target=\"styles.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"" + REL + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "</Relationships>");
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" + MAIN
                + "\" xmlns:r=\"" + REL + "\"><sheetData>");
    }

    public static SharedStringsXlsx create(Path file, String sheetName) throws IOException {
        return new SharedStringsXlsx(file, sheetName);
    }

    /** The next row (rows are numbered from 1 in the order written). */
    public void row(Object... values) throws IOException {
        row(java.util.Arrays.asList(values));
    }

    public void row(List<?> values) throws IOException {
        rowNumber++;
        out.write("<row r=\"");
        out.write(Integer.toString(rowNumber));
        out.write("\">");
        for (int c = 0; c < values.size(); c++) {
            Object v = values.get(c);
            if (v == null) {
                continue;
            }
            out.write("<c r=\"");
            out.write(column(c));
            out.write(Integer.toString(rowNumber));
            if (v instanceof String s) {
                Integer i = index.get(s);
                if (i == null) {
                    i = strings.size();
                    index.put(s, i);
                    strings.add(s);
                }
                stringCells++;
                // style 2 wraps text, as a header with line breaks is saved
                out.write(s.indexOf('\n') >= 0 ? "\" s=\"2\" t=\"s\"><v>" : "\" t=\"s\"><v>");
                out.write(Integer.toString(i));
            } else if (v instanceof LocalDate d) {
                out.write("\" s=\"1\"><v>");
                out.write(Long.toString(ChronoUnit.DAYS.between(EPOCH_1900, d)));
            } else if (v instanceof Number n) {
                out.write("\"><v>");
                out.write(n instanceof Double || n instanceof Float ? Double.toString(n.doubleValue()) : n.toString());
            } else {
                throw new IllegalArgumentException("unsupported value " + v.getClass());
            }
            out.write("</v></c>");
        }
        out.write("</row>");
    }

    /** A merged range such as "A2:H2" (written after the cell data, as Excel does). */
    public void merge(String range) {
        merges.add(range);
    }

    public int uniqueStrings() {
        return strings.size();
    }

    @Override
    public void close() throws IOException {
        out.write("</sheetData>");
        if (!merges.isEmpty()) {
            out.write("<mergeCells count=\"" + merges.size() + "\">");
            for (String m : merges) {
                out.write("<mergeCell ref=\"" + m + "\"/>");
            }
            out.write("</mergeCells>");
        }
        out.write("</worksheet>");
        out.flush();
        zip.closeEntry();
        // 0 general, 1 a built-in date format (14, m/d/yyyy: every reader knows it), 2 wrapped text
        part("xl/styles.xml", "<styleSheet xmlns=\"" + MAIN + "\">"
                + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment wrapText=\"1\"/></xf>"
                + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                + "</styleSheet>");
        zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"" + MAIN + "\" count=\""
                + stringCells + "\" uniqueCount=\"" + strings.size() + "\">");
        for (String s : strings) {
            boolean preserve = !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                    || Character.isWhitespace(s.charAt(s.length() - 1)) || s.indexOf('\n') >= 0);
            out.write(preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>");
            out.write(escape(s));
            out.write("</t></si>");
        }
        out.write("</sst>");
        out.flush();
        zip.closeEntry();
        index.clear();
        zip.close();
    }

    private void part(String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        out.write(xml);
        out.flush();
        zip.closeEntry();
    }

    static String column(int c) {
        StringBuilder sb = new StringBuilder();
        for (int n = c + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String rep = switch (ch) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(ch);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
