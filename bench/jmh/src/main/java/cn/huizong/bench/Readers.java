package cn.huizong.bench;

import cn.huizong.reading.FileSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import cn.huizong.campaign.Campaign;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.Cell;
import cn.huizong.support.ReadLimits;
import cn.huizong.reading.RowHandler;
import cn.huizong.reading.SheetInfo;
import cn.huizong.reading.SheetRow;
import cn.huizong.reading.XlsxReader;
import cn.huizong.registry.Registry;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentSink;
import cn.huizong.validation.FileChecker;
import cn.huizong.validation.Issue;
import cn.huizong.validation.StagedRow;

/**
 * The contestants, each reading every sheet of one xlsx and touching every cell's text (its length goes into
 * a checksum, so no reader can skip the work). Each returns what it saw, which the benchmark reports, so that
 * a fast contestant that read nothing shows.
 */
public final class Readers {

    /**
     * @param rows     sheet rows (readers) or data rows staged (Huizong's checker)
     * @param cells    cells with a value
     * @param errors   rows with an error (Huizong's checker only)
     * @param issues   issues raised, errors and warnings (Huizong's checker only)
     * @param checksum sum of the lengths of every cell's text
     */
    public record Counts(long rows, long cells, long errors, long issues, long checksum) {
    }

    private Readers() {
    }

    /**
     * The floor: what reading an xlsx costs at the least. Unzip, the shared strings into a String array, then a
     * StAX scan of the sheet with aalto (the parser fastexcel uses), each cell's value looked up.
     */
    public static Counts floor(Path file) throws Exception {
        XMLInputFactory factory = new com.fasterxml.aalto.stax.InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        long rows = 0;
        long cells = 0;
        long checksum = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String[] strings = sharedStrings(zip, factory);
            List<? extends ZipEntry> sheets = zip.stream().filter(e -> e.getName().startsWith("xl/worksheets/")
                    && e.getName().endsWith(".xml")).toList();
            for (ZipEntry sheet : sheets) {
                try (InputStream in = zip.getInputStream(sheet)) {
                    XMLStreamReader r = factory.createXMLStreamReader(in);
                    String type = null;
                    while (r.hasNext()) {
                        if (r.next() != XMLStreamConstants.START_ELEMENT) {
                            continue;
                        }
                        switch (r.getLocalName()) {
                            case "row" -> rows++;
                            case "c" -> type = r.getAttributeValue(null, "t");
                            case "v" -> {
                                String v = r.getElementText();
                                String value = "s".equals(type) ? strings[Integer.parseInt(v)] : v;
                                cells++;
                                checksum += value.length();
                            }
                            case "t" -> { // inline string
                                cells++;
                                checksum += r.getElementText().length();
                            }
                            default -> {
                            }
                        }
                    }
                    r.close();
                }
            }
        }
        return new Counts(rows, cells, 0, 0, checksum);
    }

    private static String[] sharedStrings(ZipFile zip, XMLInputFactory factory) throws Exception {
        ZipEntry entry = zip.getEntry("xl/sharedStrings.xml");
        if (entry == null) {
            return new String[0];
        }
        List<String> out = new ArrayList<>();
        try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            StringBuilder si = new StringBuilder();
            int phonetic = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> si.setLength(0);
                        case "rPh" -> phonetic++;
                        case "t" -> {
                            String t = r.getElementText();
                            if (phonetic == 0) {
                                si.append(t);
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> out.add(si.toString());
                        case "rPh" -> phonetic--;
                        default -> {
                        }
                    }
                }
            }
            r.close();
        }
        return out.toArray(String[]::new);
    }

    /** POI's stock streaming reader, as in its XLSX2CSV example: SAX, read-only shared strings, styles. */
    public static Counts poi(Path file) throws Exception {
        long[] c = new long[3]; // rows, cells, checksum
        XSSFSheetXMLHandler.SheetContentsHandler counter = new XSSFSheetXMLHandler.SheetContentsHandler() {
            @Override
            public void startRow(int rowNum) {
                c[0]++;
            }

            @Override
            public void endRow(int rowNum) {
            }

            @Override
            public void cell(String cellReference, String formattedValue, XSSFComment comment) {
                c[1]++;
                c[2] += formattedValue.length();
            }
        };
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            DataFormatter formatter = new DataFormatter();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, counter, formatter, false));
                    xml.parse(new InputSource(in));
                }
            }
        } finally {
            pkg.revert();
        }
        return new Counts(c[0], c[1], 0, 0, c[2]);
    }

    /** dhatim fastexcel-reader: rows as a stream, cells' raw text. */
    public static Counts fastexcel(Path file) throws IOException {
        long rows = 0;
        long cells = 0;
        long checksum = 0;
        try (org.dhatim.fastexcel.reader.ReadableWorkbook wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(file.toFile())) {
            for (org.dhatim.fastexcel.reader.Sheet sheet : wb.getSheets().toList()) {
                try (Stream<org.dhatim.fastexcel.reader.Row> stream = sheet.openStream()) {
                    for (org.dhatim.fastexcel.reader.Row row : (Iterable<org.dhatim.fastexcel.reader.Row>) stream::iterator) {
                        rows++;
                        for (org.dhatim.fastexcel.reader.Cell cell : row) {
                            if (cell != null && cell.getRawValue() != null) {
                                cells++;
                                checksum += cell.getRawValue().length();
                            }
                        }
                    }
                }
            }
        }
        return new Counts(rows, cells, 0, 0, checksum);
    }

    /** Huizong's XlsxReader alone: rows of cells, no template, no rules. */
    public static Counts huizongRead(Path file) throws Exception {
        long[] c = new long[3];
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            new XlsxReader(ReadLimits.DEFAULT).read(pkg, new RowHandler() {
                @Override
                public void startSheet(SheetInfo sheet) {
                }

                @Override
                public boolean row(SheetRow row) {
                    c[0]++;
                    for (Cell cell : row.cells()) {
                        c[1]++;
                        c[2] += cell.text().length();
                    }
                    return true;
                }

                @Override
                public void endSheet() {
                }
            });
        } finally {
            pkg.revert();
        }
        return new Counts(c[0], c[1], 0, 0, c[2]);
    }

    /** Huizong read + check through its public API (what `validate` and a run's reading step do), no database. */
    public static Counts huizongCheck(FileChecker checker, Path file) {
        long[] c = new long[5];
        ContentSink sink = new ContentSink() {
            @Override
            public void row(StagedRow row) {
                c[0]++;
                for (String v : row.values()) {
                    if (v != null) {
                        c[1]++;
                        c[4] += v.length();
                    }
                }
                if (row.hasError()) {
                    c[2]++;
                }
            }

            @Override
            public void issue(Issue issue) {
                c[3]++;
            }
        };
        ContentResult result = checker.check(new FileSource(file.getFileName().toString(), FileKind.SPREADSHEET,
                file, null), sink);
        if (result.failure() != null) {
            throw new IllegalStateException("file rejected: " + result.failure().message());
        }
        return new Counts(c[0], c[1], c[2], c[3], c[4]);
    }

    public static FileChecker checker(Path campaign, Path registry) throws IOException {
        Campaign c = cn.huizong.campaign.CampaignLoader.load(campaign);
        return new FileChecker(c, Registry.load(registry), ReadLimits.DEFAULT);
    }

    /** Runs each contestant once and prints what it saw: a smoke test of the contestants, not a measurement. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        System.out.println("floor      " + floor(file));
        System.out.println("fastexcel  " + fastexcel(file));
        System.out.println("poi        " + poi(file));
        System.out.println("hz-read    " + huizongRead(file));
        System.out.println("hz-check   " + huizongCheck(checker(Path.of("jobs/jiaoyu-zhuqi-2025.yml"),
                Path.of("input/registry.csv")), file));
    }
}
