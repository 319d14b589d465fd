package cn.huizong.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import cn.huizong.campaign.Campaign;
import cn.huizong.intake.Archives;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.CsvReader;
import cn.huizong.reading.ReadFailure;
import cn.huizong.reading.ReadLimits;
import cn.huizong.reading.XlsReader;
import cn.huizong.reading.XlsxReader;
import cn.huizong.registry.Registry;

/**
 * Reads one received file and reports what it holds: template, unit line, rows and issues. Decides the real
 * format from the bytes (an .xls may be an xlsx, HTML or a Word file in disguise). Never throws for bad
 * input: every failure becomes a file-level issue.
 */
public final class FileChecker {

    /** The bytes of a file: a path on disk, or an archive member held in memory. */
    public record Source(String name, FileKind kind, Path path, byte[] bytes) {

        InputStream open() {
            try {
                return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] head(int n) throws IOException {
            try (InputStream in = open()) {
                return in.readNBytes(n);
            }
        }
    }

    private final Campaign campaign;
    private final Registry registry;
    private final ReadLimits limits;

    public FileChecker(Campaign campaign, Registry registry, ReadLimits limits) {
        this.campaign = campaign;
        this.registry = registry;
        this.limits = limits;
    }

    public ContentResult check(Source source, ContentSink sink) {
        try {
            return switch (source.kind()) {
                case DOCUMENT -> new ContentResult("document", null, null, 0, null);
                case ARCHIVE -> checkArchive(source);
                case UNSUPPORTED -> ContentResult.rejected(IssueCode.UNSUPPORTED_FORMAT, IssueCode.UNSUPPORTED_FORMAT
                        .message(describeExtension(source.name())));
                case SPREADSHEET, CSV -> checkSheet(source, sink);
            };
        } catch (ReadFailure f) {
            return fromFailure(f);
        } catch (SheetProcessor.TimeBudgetExceeded e) {
            return ContentResult.rejected(IssueCode.FILE_TOO_LARGE,
                    IssueCode.FILE_TOO_LARGE.message("处理时间超过 " + limits.timePerFile().toSeconds() + " 秒"));
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // a parser bug on a hostile file must cost this file only, never the run
            return ContentResult.rejected(IssueCode.UNREADABLE_FILE,
                    IssueCode.UNREADABLE_FILE.message(e.getClass().getSimpleName()));
        }
    }

    private ContentResult checkSheet(Source source, ContentSink sink) throws IOException, ReadFailure {
        byte[] head = source.head(8);
        if (head.length == 0) {
            throw new ReadFailure("UNREADABLE_FILE", "文件为空（0 字节）", null);
        }
        SheetProcessor processor = new SheetProcessor(campaign, sink,
                System.nanoTime() + limits.timePerFile().toNanos());
        if (isZip(head)) {
            readOoxml(source, processor);
        } else if (isOle2(head)) {
            readOle2(source, processor);
        } else if (source.kind() == FileKind.CSV) {
            new CsvReader(limits).read(source::open, baseName(source.name()), processor);
        } else if (looksLikeMarkup(source)) {
            throw new ReadFailure("UNSUPPORTED_FORMAT", "扩展名是 ." + cn.huizong.intake.FileKind.extension(source.name())
                    + "，内容却是网页(HTML)或 XML，并不是真正的 Excel 文件", null);
        } else {
            throw new ReadFailure("UNREADABLE_FILE", "内容不是 Excel 文件", null);
        }
        if (processor.template == null) {
            String why = processor.nearMiss != null ? processor.nearMiss
                    : "没有找到含“" + headerHint() + "”等列的表头行";
            return new ContentResult(null, processor.unitText, unit(processor.unitText), 0,
                    Issue.file(IssueCode.UNRECOGNIZED_TEMPLATE, IssueCode.UNRECOGNIZED_TEMPLATE.message(why)));
        }
        if (processor.rowsRead == 0) {
            sink.issue(Issue.file(IssueCode.NO_DATA_ROWS, IssueCode.NO_DATA_ROWS.message()));
        }
        return new ContentResult(processor.template.id(), processor.unitText, unit(processor.unitText),
                processor.rowsRead, null);
    }

    private String unit(String unitText) {
        return unitText == null ? null : registry.match(unitText).map(u -> u.name()).orElse(null);
    }

    private void readOoxml(Source source, SheetProcessor processor) throws ReadFailure, IOException {
        OPCPackage pkg;
        try {
            pkg = source.bytes() != null ? OPCPackage.open(new ByteArrayInputStream(source.bytes()))
                    : OPCPackage.open(source.path().toFile(), PackageAccess.READ);
        } catch (Exception e) {
            String kind = ooxmlKind(source);
            throw new ReadFailure(kind, kind.equals("UNSUPPORTED_FORMAT") ? "OpenDocument、xlsb 或 Word 文件" : "压缩结构损坏或不完整", e);
        }
        try {
            if (pkg.getPartsByName(java.util.regex.Pattern.compile("/xl/workbook\\.bin")).size() > 0) {
                throw new ReadFailure("UNSUPPORTED_FORMAT", "Excel 二进制工作簿（.xlsb）", null);
            }
            new XlsxReader(limits).read(pkg, processor);
        } finally {
            pkg.revert(); // read-only: never write back
        }
    }

    /** Why a zip is not an OOXML package: ODF, xlsb, docx renamed, or simply damaged. */
    private String ooxmlKind(Source source) {
        try (ZipInputStream zin = new ZipInputStream(source.open())) {
            ZipEntry e;
            int n = 0;
            while ((e = zin.getNextEntry()) != null && n++ < 200) {
                String name = e.getName();
                if (name.equals("mimetype") || name.equals("content.xml") || name.startsWith("word/")
                        || name.equals("xl/workbook.bin")) {
                    return "UNSUPPORTED_FORMAT";
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // damaged zip
        }
        return "UNREADABLE_FILE";
    }

    private void readOle2(Source source, SheetProcessor processor) throws ReadFailure, IOException {
        Set<String> entries;
        try (POIFSFileSystem fs = source.bytes() != null ? new POIFSFileSystem(new ByteArrayInputStream(source.bytes()))
                : new POIFSFileSystem(source.path().toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            entries = root.getEntryNames();
        } catch (IOException | RuntimeException e) {
            throw new ReadFailure("UNREADABLE_FILE", "文件结构损坏或不完整", e);
        }
        if (entries.contains("EncryptionInfo") || entries.contains("EncryptedPackage")) {
            throw new ReadFailure("ENCRYPTED_FILE", "加密的 Excel 文件", null);
        }
        if (entries.contains("WordDocument")) {
            throw new ReadFailure("UNSUPPORTED_FORMAT", "这是 Word 文档，扩展名却是表格", null);
        }
        if (!entries.contains("Workbook") && !entries.contains("WORKBOOK") && !entries.contains("Book")) {
            throw new ReadFailure("UNREADABLE_FILE", "OLE2 文件中没有工作簿", null);
        }
        XlsReader reader = new XlsReader(limits);
        if (source.bytes() != null) {
            reader.read(new ByteArrayInputStream(source.bytes()), processor);
        } else {
            reader.read(source.path(), processor);
        }
    }

    private ContentResult checkArchive(Source source) throws IOException {
        if (source.path() == null) {
            return ContentResult.rejected(IssueCode.ARCHIVE_REJECTED,
                    IssueCode.ARCHIVE_REJECTED.message("压缩包内不能再嵌套压缩包"));
        }
        try (ZipFile zip = Archives.open(source.path())) {
            int members = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                if (!e.nextElement().isDirectory() && ++members > limits.maxArchiveMembers()) {
                    return ContentResult.rejected(IssueCode.ARCHIVE_REJECTED, IssueCode.ARCHIVE_REJECTED
                            .message("文件数超过 " + limits.maxArchiveMembers() + " 个"));
                }
            }
            return new ContentResult("archive", null, null, 0, null);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("encrypt")) {
                return ContentResult.rejected(IssueCode.ENCRYPTED_FILE, "压缩包设置了密码，无法读取。请去掉压缩包密码后重新发送。");
            }
            return ContentResult.rejected(IssueCode.UNREADABLE_FILE,
                    IssueCode.UNREADABLE_FILE.message("不是有效的 zip 压缩包"));
        }
    }

    static ContentResult fromFailure(ReadFailure f) {
        IssueCode code = IssueCode.valueOf(f.code());
        String message = switch (code) {
            case ENCRYPTED_FILE -> code.message();
            case UNSUPPORTED_FORMAT, UNREADABLE_FILE, FILE_TOO_LARGE, ARCHIVE_REJECTED -> code.message(f.detail());
            default -> code.message(f.detail(), "");
        };
        return new ContentResult(null, null, null, 0, new Issue(f.sheet(), f.row(), null, code, message, null));
    }

    private String headerHint() {
        return String.join("”“", campaign.templates().stream()
                .map(t -> t.columns().stream().filter(c -> c.required()).findFirst().map(c -> c.title()).orElse(t.id()))
                .toList());
    }

    private static boolean isZip(byte[] h) {
        return h.length >= 4 && h[0] == 'P' && h[1] == 'K' && (h[2] == 3 || h[2] == 5 || h[2] == 7);
    }

    private static boolean isOle2(byte[] h) {
        return h.length >= 8 && (h[0] & 0xFF) == 0xD0 && (h[1] & 0xFF) == 0xCF && (h[2] & 0xFF) == 0x11
                && (h[3] & 0xFF) == 0xE0;
    }

    private static boolean looksLikeMarkup(Source source) throws IOException {
        String head = new String(source.head(512), java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("\u00EF\u00BB\u00BF")) {
            head = head.substring(3).stripLeading();
        }
        return head.startsWith("<");
    }

    private static String describeExtension(String name) {
        String ext = FileKind.extension(name);
        return ext.isEmpty() ? "没有扩展名" : "." + ext;
    }

    static String baseName(String name) {
        String n = name.substring(name.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String shortMessage(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 120 ? m.substring(0, 120) : m;
    }
}
