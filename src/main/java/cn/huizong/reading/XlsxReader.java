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
import javax.xml.stream.XMLStreamException;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the rows of an .xlsx/.xlsm: memory stays flat however many rows the sheet has. Merged ranges sit
 * after the cell data in the sheet XML, so each sheet's bytes are first scanned for them ({@link SheetLayout},
 * no XML parse), then its rows are parsed with StAX ({@link SheetRows}); the shared strings are parsed with StAX
 * into a compact table ({@link CompactStrings}). The small parts (workbook, styles) are read with POI's SAX
 * helper. No part of the package is ever held as a document tree; the dimension a sheet claims is ignored, only
 * cells present cost.
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
                SheetLayout layout;
                try (InputStream in = part.getInputStream()) {
                    layout = SheetLayout.scan(in, limits, name);
                }
                handler.startSheet(new SheetInfo(name, index, book.hidden().contains(name), layout.merged,
                        layout.hiddenColumns));
                try (InputStream in = part.getInputStream()) {
                    new SheetRows(name, strings, dateStyles, date1904, handler, cellBudget, limits).read(in);
                }
                handler.endSheet();
            }
        } catch (ReadFailure e) {
            throw e;
        } catch (SAXException | XMLStreamException e) {
            throw Failures.classify(e, "XML 结构损坏");
        } catch (IOException | OpenXML4JException | RuntimeException e) {
            throw Failures.classify(e, Failures.DAMAGED);
        }
    }

    private CompactStrings sharedStrings(OPCPackage pkg) throws IOException, XMLStreamException, ReadFailure {
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
                            throw new SAXException(new ReadFailure(ReadFailure.Reason.TOO_LARGE, "单元格样式超过 " + MAX_STYLES + " 个", null));
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

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
