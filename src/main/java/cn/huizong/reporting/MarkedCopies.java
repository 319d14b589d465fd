package cn.huizong.reporting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.EmptyFileException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.huizong.campaign.Campaign;
import cn.huizong.support.Sha256;
import cn.huizong.intake.Archives;
import cn.huizong.intake.EvidenceStore;
import cn.huizong.reading.CsvReader;
import cn.huizong.reading.ReadFailure;
import cn.huizong.support.ReadLimits;
import cn.huizong.reading.RowHandler;
import cn.huizong.reading.SheetRow;
import cn.huizong.validation.SubmittedText;

/**
 * 反馈/&lt;unit&gt;/&lt;file&gt;: a copy of each problem file with its problem cells filled light red and carrying the
 * message as a cell comment, so a unit fixes its own table instead of hunting for “C9”; a .docx write-up or plan
 * with problems gets its issues as Word comments on the paragraphs they name ({@link WordComments}). The original is read
 * from the evidence store (the file, or the archive holding it) into memory, never from the inbox; xlsx stays xlsx, xls stays xls, a
 * CSV becomes an xlsx. Files whose problems concern the file as a whole (unreadable, unknown unit …) get no
 * copy: the letter explains them.
 */
final class MarkedCopies {

    private static final Logger log = LoggerFactory.getLogger(MarkedCopies.class);

    /** What became of one problem file: the copy (path under 反馈/), or why there is none. */
    public record Outcome(int fileNo, String copy, String reason, int cellsMarked) {
    }

    private final ReportData data;
    private final EvidenceStore store;
    private final ReadLimits limits;
    /**
     * POI's usermodel holds a whole workbook in memory (about 1 KB a cell): beyond these limits (campaign YAML,
     * markedCopies; 5 MB and 10,000 rows by default) a copy could take the run's heap, so big files get the list
     * of problems only. Real submissions are far smaller.
     */
    private final Campaign.MarkedCopyLimits copyLimits;

    private final Campaign campaign;

    MarkedCopies(ReportData data, EvidenceStore store, ReadLimits limits, Campaign campaign) {
        this.data = data;
        this.store = store;
        this.limits = limits;
        this.copyLimits = campaign.markedCopies();
        this.campaign = campaign;
    }

    /** @return outcomes by file number, for every file that has issues on its rows */
    Map<Integer, Outcome> write(String runId, Path feedbackDir, Map<Integer, ReportData.FileRow> files) {
        Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Set<String>> namesByFolder = new HashMap<>();
        // issues arrive grouped by file: each file is copied as soon as its last issue is read
        List<ReportData.IssueRow> pending = new ArrayList<>();
        int[] current = {-1};
        boolean[] skipping = {false};
        Runnable flush = () -> {
            if (current[0] >= 0) {
                ReportData.FileRow f = files.get(current[0]);
                outcomes.put(f.fileNo(), copy(f, pending, feedbackDir, namesByFolder));
            }
            pending.clear();
        };
        data.cellIssues(runId, issue -> {
            if (issue.fileNo() != current[0]) {
                flush.run();
                current[0] = issue.fileNo();
                skipping[0] = tooLarge(files.get(issue.fileNo())) != null;
            }
            if (!skipping[0]) {
                pending.add(issue);
            }
        });
        flush.run();
        documents(runId, feedbackDir, files, outcomes, namesByFolder);
        long copies = outcomes.values().stream().filter(o -> o.copy() != null).count();
        log.info("wrote {} marked copies of {} problem files", copies, outcomes.size());
        return outcomes;
    }

    private Outcome copy(ReportData.FileRow f, List<ReportData.IssueRow> issues, Path feedbackDir,
            Map<String, Set<String>> namesByFolder) {
        String big = tooLarge(f);
        if (big != null) {
            return new Outcome(f.fileNo(), null, big, 0);
        }
        byte[] bytes;
        try {
            bytes = read(f);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read {} again for its marked copy: {}", f.path(), e.toString());
            return new Outcome(f.fileNo(), null, "原文件已无法读取，未生成标注副本", 0);
        }
        if (f.sha256() != null && !f.sha256().isEmpty() && !Sha256.of(bytes).equals(f.sha256())) {
            return new Outcome(f.fileNo(), null, "原文件在汇总后被改动，未生成标注副本", 0);
        }
        String original = FileNames.lastSegment(f.isMember() ? f.memberName() : f.path());
        try (Workbook wb = open(bytes, f, issues)) {
            if (wb == null) {
                return new Outcome(f.fileNo(), null, "文件无法打开，未生成标注副本", 0);
            }
            if (wb instanceof XSSFWorkbook x && x.isMacroEnabled()) {
                // a copy would carry the sender's macros into the output folder a clerk opens
                return new Outcome(f.fileNo(), null, "文件含有宏，未生成标注副本，请按问题清单逐条修改", 0);
            }
            valuesOnly(wb);
            int marked = CellMarker.mark(wb, issues);
            String ext = extension(wb, original);
            String folder = FileNames.safe(f.unit() == null ? FeedbackWorkbooks.NO_UNIT : f.unit());
            String name = unique(FileNames.safe(FileNames.withExtension(original, ext)),
                    namesByFolder.computeIfAbsent(folder, k -> new HashSet<>()));
            return save(f.fileNo(), feedbackDir, folder, name, marked, wb::write);
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // a file the checker could read may still trip the usermodel: it costs this copy only
            log.warn("no marked copy of {}: {}", f.path(), e.toString());
            return new Outcome(f.fileNo(), null, "文件无法打开，未生成标注副本", 0);
        }
    }

    /**
     * The .docx documents with issues: a copy each with the issues as Word comments on their paragraphs
     * ({@link WordComments}), by the organisation, dated the run's start.
     */
    private void documents(String runId, Path feedbackDir, Map<Integer, ReportData.FileRow> files,
            Map<Integer, Outcome> outcomes, Map<String, Set<String>> namesByFolder) {
        Map<Integer, List<ReportData.IssueRow>> byFile = new LinkedHashMap<>();
        data.docxIssues(runId, i -> byFile.computeIfAbsent(i.fileNo(), k -> new ArrayList<>()).add(i));
        if (byFile.isEmpty()) {
            return;
        }
        java.util.Calendar date = java.util.GregorianCalendar.from(data.runStartedAt(runId).atZone(campaign.zone())
                .withNano(0));
        WordComments.Author author = new WordComments.Author(campaign.organisation().name(),
                campaign.organisation().shortName(), date);
        byFile.forEach((fileNo, issues) -> {
            ReportData.FileRow f = files.get(fileNo);
            outcomes.put(fileNo, document(f, fileNo, issues, author, feedbackDir, namesByFolder));
        });
    }

    private Outcome document(ReportData.FileRow f, int fileNo, List<ReportData.IssueRow> issues,
            WordComments.Author author, Path feedbackDir, Map<String, Set<String>> namesByFolder) {
        if (f == null) {
            return new Outcome(fileNo, null, "文件信息缺失，未生成标注副本", 0);
        }
        if (f.sizeBytes() > copyLimits.maxDocumentBytes()) {
            return new Outcome(fileNo, null, "文件较大（" + Math.max(1, Math.round(f.sizeBytes() / 1048576.0))
                    + " MB），未生成标注副本，请按问题清单逐条修改", 0);
        }
        byte[] bytes;
        try {
            bytes = read(f);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read {} again for its marked copy: {}", f.path(), e.toString());
            return new Outcome(fileNo, null, "原文件已无法读取，未生成标注副本", 0);
        }
        if (f.sha256() != null && !f.sha256().isEmpty() && !Sha256.of(bytes).equals(f.sha256())) {
            return new Outcome(fileNo, null, "原文件在汇总后被改动，未生成标注副本", 0);
        }
        String original = FileNames.lastSegment(f.isMember() ? f.memberName() : f.path());
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            if (macroEnabled(doc)) {
                // a copy would carry the sender's macros into the output folder a clerk opens
                return new Outcome(fileNo, null, "文件含有宏，未生成标注副本，请按问题清单逐条修改", 0);
            }
            int comments = WordComments.mark(doc, issues, campaign.documents(), author);
            if (comments == 0) {
                return new Outcome(fileNo, null, "文件中没有可加批注的段落，未生成标注副本", 0);
            }
            String folder = FileNames.safe(f.unit() == null ? FeedbackWorkbooks.NO_UNIT : f.unit());
            String name = unique(FileNames.safe(FileNames.withExtension(original, "docx")),
                    namesByFolder.computeIfAbsent(folder, k -> new HashSet<>()));
            return save(fileNo, feedbackDir, folder, name, comments, doc::write);
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // a document the checker could read may still trip the usermodel: it costs this copy only
            log.warn("no marked copy of {}: {}", f.path(), e.toString());
            return new Outcome(fileNo, null, "文件无法打开，未生成标注副本", 0);
        }
    }

    /** What writes a copy's bytes (a workbook's or a document's write). */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    static final String NOT_WRITTEN = "标注副本未能生成，请按问题清单逐条修改";

    /**
     * The copy 反馈/&lt;folder&gt;/&lt;name&gt;, whole or not at all: a copy that failed part-way (disk full, out of
     * memory) would otherwise stay in the folder and be mailed as the unit's marked file.
     */
    static Outcome save(int fileNo, Path feedbackDir, String folder, String name, int marked, Body body) {
        try {
            Path dir = feedbackDir.resolve(folder);
            Files.createDirectories(dir);
            writeWhole(dir.resolve(name), body);
            return new Outcome(fileNo, folder + "/" + name, null, marked);
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            log.warn("could not write the marked copy {}/{}: {}", folder, name, e.toString());
            return new Outcome(fileNo, null, NOT_WRITTEN, 0);
        }
    }

    /**
     * Writes to a temporary file in the target's folder and moves it into place in one step; on any failure the
     * temporary file is deleted and the target never exists. An existing target is never replaced.
     */
    static void writeWhole(Path target, Body body) throws IOException {
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        // hidden and short (a long Chinese name plus a suffix could pass the 255-byte limit); default permissions
        Path tmp = target.resolveSibling(".copy-" + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                body.writeTo(out);
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
    }

    /** A .docm (or a .docx holding a VBA project): Word would refuse it under a .docx name, and it runs code. */
    private static boolean macroEnabled(XWPFDocument doc) {
        String main = doc.getPackagePart().getContentType();
        return main.contains("macroEnabled")
                || !doc.getPackage().getPartsByContentType("application/vnd.ms-office.vbaProject").isEmpty();
    }

    private String tooLarge(ReportData.FileRow f) {
        if (f == null) {
            return "文件信息缺失，未生成标注副本";
        }
        if (f.sizeBytes() > copyLimits.maxBytes() || f.rowsRead() > copyLimits.maxRows()) {
            return "文件较大（" + f.rowsRead() + " 行），未生成标注副本，请按问题清单逐条修改";
        }
        return null;
    }

    private byte[] read(ReportData.FileRow f) throws IOException {
        if (f.isMember()) {
            return Archives.readMember(store.path(f.archiveSha256()), f.memberName(), limits);
        }
        return Files.readAllBytes(store.path(f.sha256()));
    }

    /**
     * Outputs hold values, never formulas: each formula cell keeps the value the sender's program last
     * computed; cells of an array formula are left blank. A copy then cannot call out (HYPERLINK, WEBSERVICE,
     * DDE) or recompute into something else when a clerk opens it. (Cell.removeFormula is not used: HSSF
     * writes a string-valued formula back as a formula.)
     */
    static void valuesOnly(Workbook wb) {
        for (Sheet sheet : wb) {
            List<CellRangeAddress> arrays = new ArrayList<>();
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() != CellType.FORMULA) {
                        continue;
                    }
                    if (cell.isPartOfArrayFormulaGroup()) {
                        CellRangeAddress range = cell.getArrayFormulaRange();
                        if (!arrays.contains(range)) {
                            arrays.add(range);
                        }
                        continue;
                    }
                    switch (cell.getCachedFormulaResultType()) {
                        case NUMERIC -> {
                            double v = cell.getNumericCellValue();
                            cell.setBlank();
                            cell.setCellValue(v);
                        }
                        case STRING -> {
                            String v = cell.getRichStringCellValue().getString();
                            cell.setBlank();
                            cell.setCellValue(v);
                        }
                        case BOOLEAN -> {
                            boolean v = cell.getBooleanCellValue();
                            cell.setBlank();
                            cell.setCellValue(v);
                        }
                        case ERROR -> {
                            byte v = cell.getErrorCellValue();
                            cell.setBlank();
                            cell.setCellErrorValue(v);
                        }
                        default -> cell.setBlank();
                    }
                }
            }
            for (CellRangeAddress range : arrays) {
                Row row = sheet.getRow(range.getFirstRow());
                Cell first = row == null ? null : row.getCell(range.getFirstColumn());
                if (first != null) {
                    sheet.removeArrayFormula(first);
                }
            }
        }
    }

    /** The workbook to mark, from the bytes' real format (not the name's); null when it is no workbook. */
    private Workbook open(byte[] bytes, ReportData.FileRow f, List<ReportData.IssueRow> issues) throws IOException {
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(bytes);
        } catch (EmptyFileException e) {
            return null;
        }
        return switch (magic) {
            case OOXML -> new XSSFWorkbook(new ByteArrayInputStream(bytes));
            // preserveNodes false: macros and embedded objects of the original stay out of the copy
            case OLE2 -> new HSSFWorkbook(new POIFSFileSystem(new ByteArrayInputStream(bytes)).getRoot(), false);
            default -> "CSV".equals(f.kind()) ? fromCsv(bytes, issues.isEmpty() ? "Sheet1" : issues.get(0).sheet())
                    : null;
        };
    }

    /** A CSV's rows as text cells of a new xlsx, at the same row and column numbers the issues name. */
    private Workbook fromCsv(byte[] bytes, String sheetName) throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet(
                org.apache.poi.ss.util.WorkbookUtil.createSafeSheetName(sheetName == null ? "Sheet1" : sheetName));
        int[] widest = new int[1];
        try {
            new CsvReader(limits).read(() -> new ByteArrayInputStream(bytes), sheet.getSheetName(), new RowHandler() {
                @Override
                public void startSheet(cn.huizong.reading.SheetInfo info) {
                }

                @Override
                public boolean row(SheetRow row) {
                    org.apache.poi.ss.usermodel.Row r = sheet.createRow(row.rowNumber() - 1);
                    for (cn.huizong.reading.Cell c : row.cells()) {
                        // text, even "=…"; a CSV field can be longer than a cell holds: cut as the feeds are
                        r.createCell(c.column()).setCellValue(SubmittedText.cap(c.text()));
                        widest[0] = Math.max(widest[0], c.column() + 1);
                    }
                    return true;
                }

                @Override
                public void endSheet() {
                }
            });
        } catch (ReadFailure e) {
            wb.close();
            throw new IOException(e.getMessage(), e);
        }
        for (int c = 0; c < widest[0]; c++) {
            sheet.setColumnWidth(c, 20 * 256);
        }
        return wb;
    }

    /** xlsx stays xlsx (or xlsm …), xls stays xls, whatever the name claimed; a CSV becomes xlsx. */
    private static String extension(Workbook wb, String original) {
        String ext = FileNames.extension(original);
        if (wb instanceof HSSFWorkbook) {
            return ext.equals("xls") || ext.equals("xlt") ? ext : "xls";
        }
        return Set.of("xlsx", "xlsm", "xltx", "xltm").contains(ext) ? ext : "xlsx";
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = FileNames.stem(name) + "（" + n + "）." + FileNames.extension(name);
        }
        return candidate;
    }
}
