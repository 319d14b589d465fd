package cn.huizong.reading;

import cn.huizong.support.ReadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the rows of an .xlsx/.xlsm with POI's SAX API and a handler of our own: memory stays flat however
 * many rows the sheet has. Merged ranges sit after the cell data in the sheet XML, so each sheet is scanned
 * once for them before its rows are streamed. Styles are read with SAX too (not XMLBeans), so no part of the
 * package is ever held as a document tree; the dimension a sheet claims is ignored, only cells present cost.
 */
public final class XlsxReader {

    /** Excel allows 64,000 cell styles; more is a broken or hostile file. */
    static final int MAX_STYLES = 100_000;

    private final ReadLimits limits;

    public XlsxReader(ReadLimits limits) {
        this.limits = limits;
    }

    public void read(OPCPackage pkg, RowHandler handler) throws ReadFailure {
        try {
            XSSFReader reader = new XSSFReader(pkg);
            CompactStrings strings = sharedStrings(pkg);
            boolean[] dateStyles = dateStyles(reader);
            WorkbookFacts book = workbookFacts(reader);
            boolean date1904 = book.date1904();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<Object[]> listed = new ArrayList<>(); // {name, part, workbook index}
            int position = 0;
            while (sheets.hasNext()) {
                try (InputStream ignored = sheets.next()) {
                    // the iterator opens the stream; the part is re-opened per pass below
                } catch (POIXMLException e) {
                    position++;
                    continue; // a sheet listed in the workbook without its part: nothing to read there
                }
                listed.add(new Object[] {sheets.getSheetName(), sheets.getSheetPart(), position++});
            }
            // shown sheets first, then hidden ones (see RowHandler)
            List<Object[]> ordered = new ArrayList<>();
            listed.stream().filter(s -> !book.hidden().contains((String) s[0])).forEach(ordered::add);
            listed.stream().filter(s -> book.hidden().contains((String) s[0])).forEach(ordered::add);
            long[] cellBudget = {limits.maxCellsPerFile()};
            for (Object[] listedSheet : ordered) {
                String name = (String) listedSheet[0];
                PackagePart part = (PackagePart) listedSheet[1];
                int index = (Integer) listedSheet[2];
                Layout layout = layout(name, part);
                handler.startSheet(new SheetInfo(name, index, book.hidden().contains(name), layout.merged(),
                        layout.hiddenColumns()));
                SheetHandler sh = new SheetHandler(name, strings, dateStyles, date1904, handler, cellBudget);
                try (InputStream in = part.getInputStream()) {
                    parse(in, sh);
                } catch (StopSheet e) {
                    // the handler has what it wanted from this sheet
                }
                if (sh.failure != null) {
                    throw sh.failure;
                }
                handler.endSheet();
            }
        } catch (ReadFailure e) {
            throw e;
        } catch (SAXException e) {
            if (e.getCause() instanceof CompactStrings.LimitExceeded l) {
                throw new ReadFailure("FILE_TOO_LARGE", l.getMessage(), e);
            }
            throw Failures.classify(e, "XML 结构损坏");
        } catch (IOException | OpenXML4JException | RuntimeException e) {
            throw Failures.classify(e, Failures.DAMAGED);
        }
    }

    private CompactStrings sharedStrings(OPCPackage pkg) throws IOException, SAXException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new CompactStrings();
        }
        try (InputStream in = parts.get(0).getInputStream()) {
            return CompactStrings.parse(in, limits.maxCellsPerFile(), limits.maxTextChars());
        }
    }

    /** Which cell styles (xf index) show dates: cellXfs numFmtId, resolved against numFmts and built-ins. */
    private static boolean[] dateStyles(XSSFReader reader) throws IOException, SAXException {
        InputStream stylesData;
        try {
            stylesData = reader.getStylesData();
        } catch (OpenXML4JException | IOException | RuntimeException e) {
            stylesData = null;
        }
        if (stylesData == null) {
            return new boolean[0]; // a workbook without styles shows no dates
        }
        StylesHandler styles = new StylesHandler();
        try (InputStream in = stylesData) {
            parse(in, styles);
        }
        boolean[] out = new boolean[styles.count];
        for (int i = 0; i < out.length; i++) {
            int fmt = styles.xfFormats[i];
            String code = styles.formats.containsKey(fmt) ? styles.formats.get(fmt) : BuiltinFormats.getBuiltinFormat(fmt);
            out[i] = CellFormats.isDateFormat(fmt, code);
        }
        return out;
    }

    /** Collects custom number formats and the number format of each cell style (cellXfs, not cellStyleXfs). */
    private static final class StylesHandler extends DefaultHandler {
        final Map<Integer, String> formats = new HashMap<>();
        int[] xfFormats = new int[64];
        int count;
        private boolean inCellXfs;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            switch (localName) {
                case "numFmt" -> {
                    String code = atts.getValue("formatCode");
                    int id = parseInt(atts.getValue("numFmtId"), -1);
                    if (id >= 0 && code != null && formats.size() < MAX_STYLES) {
                        formats.put(id, code);
                    }
                }
                case "cellXfs" -> inCellXfs = true;
                case "xf" -> {
                    if (inCellXfs) {
                        if (count >= MAX_STYLES) {
                            throw new SAXException(new ReadFailure("FILE_TOO_LARGE", "单元格样式超过 " + MAX_STYLES + " 个", null));
                        }
                        if (count == xfFormats.length) {
                            xfFormats = Arrays.copyOf(xfFormats, count * 2);
                        }
                        xfFormats[count++] = parseInt(atts.getValue("numFmtId"), 0);
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if ("cellXfs".equals(localName)) {
                inCellXfs = false;
            }
        }
    }

    /** What workbook.xml says before the sheets: the 1904 date system, and which sheets are hidden. */
    private record WorkbookFacts(boolean date1904, java.util.Set<String> hidden) {
    }

    private static WorkbookFacts workbookFacts(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
        boolean[] date1904 = {false};
        java.util.Set<String> hidden = new java.util.HashSet<>();
        try (InputStream in = reader.getWorkbookData()) {
            parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes atts)
                        throws SAXException {
                    if ("workbookPr".equals(localName)) {
                        String v = atts.getValue("date1904");
                        date1904[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                    } else if ("sheet".equals(localName)) {
                        String state = atts.getValue("state");
                        if ("hidden".equals(state) || "veryHidden".equals(state)) {
                            hidden.add(atts.getValue("name"));
                        }
                    }
                }

                @Override
                public void endElement(String uri, String localName, String qName) throws SAXException {
                    if ("sheets".equals(localName)) {
                        throw new StopSheet();
                    }
                }
            });
        } catch (StopSheet e) {
            // found what we need
        }
        return new WorkbookFacts(date1904[0], hidden);
    }

    /** What a sheet says before and after its rows: hidden columns (cols) and merged ranges (after sheetData). */
    private record Layout(MergedRegions merged, java.util.Set<Integer> hiddenColumns) {
    }

    private Layout layout(String sheet, PackagePart part) throws IOException, SAXException {
        List<CellRangeAddress> ranges = new ArrayList<>();
        java.util.Set<Integer> hiddenColumns = new java.util.HashSet<>();
        int max = limits.maxMergedRegions();
        try (InputStream in = part.getInputStream()) {
            parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes atts)
                        throws SAXException {
                    if ("col".equals(localName) && ("1".equals(atts.getValue("hidden"))
                            || "true".equals(atts.getValue("hidden")))) {
                        // a range of columns; only the ones a table can use are worth remembering
                        int min = parseInt(atts.getValue("min"), 1);
                        int maxCol = Math.min(parseInt(atts.getValue("max"), min), Math.min(limits.maxColumns(), 1_000));
                        for (int c = Math.max(min, 1); c <= maxCol; c++) {
                            hiddenColumns.add(c - 1);
                        }
                    }
                    if ("mergeCell".equals(localName)) {
                        String ref = atts.getValue("ref");
                        if (ref != null && ref.contains(":")) {
                            if (ranges.size() >= max) {
                                throw new SAXException(new ReadFailure("FILE_TOO_LARGE",
                                        "合并单元格超过 " + max + " 处", sheet, 0, null));
                            }
                            try {
                                ranges.add(CellRangeAddress.valueOf(ref));
                            } catch (RuntimeException ignored) {
                                // a malformed range merges nothing
                            }
                        }
                    }
                }
            });
        }
        return new Layout(ranges.isEmpty() ? MergedRegions.NONE : new MergedRegions(ranges), hiddenColumns);
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        XMLReader reader;
        try {
            // POI's helper turns off DTDs and external entities (XXE, entity expansion).
            reader = XMLHelper.newXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
        reader.setContentHandler(handler);
        reader.parse(new InputSource(in));
    }

    /** Ends the parse of one sheet early. */
    private static final class StopSheet extends SAXException {
        StopSheet() {
            super("stop");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final class SheetHandler extends DefaultHandler {
        private final String sheet;
        private final CompactStrings strings;
        private final boolean[] dateStyles;
        private final boolean date1904;
        private final RowHandler handler;
        private final long[] cellBudget;
        private final StringBuilder value = new StringBuilder();
        private final StringBuilder inline = new StringBuilder();
        private List<Cell> cells = new ArrayList<>();
        private int rowNumber;
        private boolean rowHidden;
        private int rowsSeen;
        private int column = -1;
        private String type;
        private int style;
        private boolean inValue;
        private boolean inInlineText;
        private int phoneticDepth;
        ReadFailure failure;

        SheetHandler(String sheet, CompactStrings strings, boolean[] dateStyles, boolean date1904,
                RowHandler handler, long[] cellBudget) {
            this.sheet = sheet;
            this.strings = strings;
            this.dateStyles = dateStyles;
            this.date1904 = date1904;
            this.handler = handler;
            this.cellBudget = cellBudget;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            switch (localName) {
                case "row" -> {
                    String h = atts.getValue("hidden");
                    rowHidden = "1".equals(h) || "true".equals(h);
                    String r = atts.getValue("r");
                    rowNumber = r != null ? parseInt(r, rowNumber + 1) : rowNumber + 1;
                    cells = new ArrayList<>();
                    column = -1;
                    if (++rowsSeen > limits.maxRowsPerSheet() || rowNumber > limits.maxRowsPerSheet()) {
                        fail("FILE_TOO_LARGE", "工作表行数超过上限 " + limits.maxRowsPerSheet());
                    }
                }
                case "c" -> {
                    String ref = atts.getValue("r");
                    column = ref != null ? columnOf(ref, column + 1) : column + 1;
                    type = atts.getValue("t");
                    String s = atts.getValue("s");
                    style = s == null ? 0 : parseInt(s, 0);
                    value.setLength(0);
                    inline.setLength(0);
                }
                case "v" -> inValue = true;
                case "t" -> inInlineText = phoneticDepth == 0;
                case "rPh" -> phoneticDepth++;
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (localName) {
                case "v" -> inValue = false;
                case "t" -> inInlineText = false;
                case "rPh" -> phoneticDepth--;
                case "c" -> endCell();
                case "row" -> {
                    if (!cells.isEmpty() && !handler.row(new SheetRow(rowNumber, cells, rowHidden))) {
                        throw new StopSheet();
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (inValue) {
                value.append(ch, start, length);
                if (value.length() > limits.maxTextChars()) {
                    fail("FILE_TOO_LARGE", "单元格内容超过 " + limits.maxTextChars() + " 个字符");
                }
            } else if (inInlineText) {
                inline.append(ch, start, length);
                if (inline.length() > limits.maxTextChars()) {
                    fail("FILE_TOO_LARGE", "单元格内容超过 " + limits.maxTextChars() + " 个字符");
                }
            }
        }

        private void endCell() throws SAXException {
            if (column >= limits.maxColumns()) {
                fail("FILE_TOO_LARGE", "列数超过上限 " + limits.maxColumns());
            }
            if (--cellBudget[0] < 0) {
                fail("FILE_TOO_LARGE", "单元格数超过上限 " + limits.maxCellsPerFile());
            }
            Cell cell = toCell();
            if (cell != null && !cell.text().isEmpty()) {
                cells.add(cell);
            }
        }

        private Cell toCell() {
            String v = value.toString();
            if (type == null || "n".equals(type)) {
                if (v.isEmpty()) {
                    return null;
                }
                try {
                    double d = Double.parseDouble(v);
                    boolean isDate = style >= 0 && style < dateStyles.length && dateStyles[style];
                    return isDate ? CellFormats.numeric(column, d, 14, null, date1904) : Cell.text(column, CellFormats.number(d));
                } catch (NumberFormatException e) {
                    return Cell.text(column, v);
                }
            }
            return switch (type) {
                case "s" -> Cell.text(column, strings.get(parseInt(v.trim(), -1)));
                case "inlineStr" -> Cell.text(column, inline.toString());
                case "b" -> Cell.text(column, "1".equals(v) ? "TRUE" : "FALSE");
                case "d" -> isoDate(v);
                default -> Cell.text(column, v); // str (formula text), e (error)
            };
        }

        private Cell isoDate(String v) {
            try {
                return Cell.date(column, java.time.LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v));
            } catch (RuntimeException e) {
                return Cell.text(column, v);
            }
        }

        private void fail(String code, String detail) throws SAXException {
            failure = new ReadFailure(code, detail, sheet, rowNumber, null);
            throw new StopSheet();
        }
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int columnOf(String ref, int fallback) {
        int col = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
            if (col > 20_000) {
                return fallback;
            }
        }
        return i == 0 ? fallback : col - 1;
    }
}
