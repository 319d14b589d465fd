package cn.huizong.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import cn.huizong.campaign.Campaign;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.CsvReader;
import cn.huizong.reading.Failures;
import cn.huizong.reading.FormatSniffer;
import cn.huizong.reading.OoxmlPackages;
import cn.huizong.reading.PoiGuards;
import cn.huizong.reading.ReadFailure;
import cn.huizong.support.ReadLimits;
import cn.huizong.support.Sizes;
import cn.huizong.reading.StopReading;
import cn.huizong.reading.XlsReader;
import cn.huizong.reading.XlsxReader;
import cn.huizong.registry.Registry;

/**
 * Reads one received file and reports what it holds: template, unit line, rows and issues. Decides the real
 * format from the bytes (an .xls may be an xlsx, HTML or a Word file in disguise). Never throws for bad
 * input: every failure becomes a file-level issue.
 */
public final class FileChecker {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FileChecker.class);

    /** The bytes of a file: a path on disk (in the evidence store), or an archive member held in memory. */
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

        SeekableByteChannel channel() throws IOException {
            return bytes != null ? new SeekableInMemoryByteChannel(bytes) : Files.newByteChannel(path, StandardOpenOption.READ);
        }
    }

    private final Campaign campaign;
    private final Registry registry;
    private final ReadLimits limits;

    public FileChecker(Campaign campaign, Registry registry, ReadLimits limits) {
        this.campaign = campaign;
        this.registry = registry;
        this.limits = limits;
        PoiGuards.apply(limits);
    }

    public ReadLimits limits() {
        return limits;
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
            log.debug("{} rejected: {}", source.name(), f.getMessage(), f.getCause());
            return fromFailure(f);
        } catch (SheetProcessor.TimeBudgetExceeded e) {
            return timedOut(limits);
        } catch (StopReading e) {
            throw e; // the caller abandoned this file
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // a parser bug on a hostile file must cost this file only, never the run
            log.debug("{} rejected", source.name(), e);
            try {
                return fromFailure(Failures.classify(e, Failures.DAMAGED));
            } catch (SheetProcessor.TimeBudgetExceeded t) {
                return timedOut(limits); // the budget ran out inside a parser that wrapped our signal
            }
        }
    }

    /** The rejection of a file that used up its time budget. */
    public static ContentResult timedOut(ReadLimits limits) {
        return ContentResult.rejected(IssueCode.FILE_TOO_LARGE,
                IssueCode.FILE_TOO_LARGE.message("处理时间超过 " + limits.timePerFile().toSeconds() + " 秒"));
    }

    private ContentResult checkSheet(Source source, ContentSink sink) throws IOException, ReadFailure {
        byte[] head = source.head(512);
        if (head.length == 0) {
            throw new ReadFailure("UNREADABLE_FILE", "文件为空（0 字节）", null);
        }
        SheetProcessor processor = new SheetProcessor(campaign, sink,
                System.nanoTime() + limits.timePerFile().toNanos());
        Optional<String> foreign = FormatSniffer.foreign(head, source.kind() == FileKind.CSV);
        if (FormatSniffer.isZip(head)) {
            readOoxml(source, processor);
        } else if (FormatSniffer.isOle2(head)) {
            readOle2(source, processor);
        } else if (foreign.isPresent()) {
            throw new ReadFailure("UNSUPPORTED_FORMAT", "扩展名是 ." + FileKind.extension(source.name())
                    + "，内容却是" + foreign.get(), null);
        } else if (source.kind() == FileKind.CSV) {
            new CsvReader(limits).read(source::open, baseName(source.name()), processor);
        } else {
            throw new ReadFailure("UNREADABLE_FILE", "内容不是 Excel 文件", null);
        }
        processor.finish();
        if (processor.template == null) {
            String why = processor.nearMiss != null ? processor.nearMiss
                    : "没有找到含“" + headerHint() + "”等列的表头行";
            String unitText = unitText(processor.unitTexts());
            return new ContentResult(null, unitText, unit(unitText), 0,
                    Issue.file(IssueCode.UNRECOGNIZED_TEMPLATE, IssueCode.UNRECOGNIZED_TEMPLATE.message(campaign.templateLabels(), why)));
        }
        if (processor.rowsRead == 0) {
            sink.issue(Issue.file(IssueCode.NO_DATA_ROWS, IssueCode.NO_DATA_ROWS.message()));
        }
        return new ContentResult(processor.template.id(), processor.templates.stream().map(t -> t.id()).toList(),
                unitText(processor.unitTexts()), unit(unitText(processor.unitTexts())), processor.rowsRead, null);
    }

    /** The first 填报单位 line the registry knows, else the first written (for the UNKNOWN_UNIT message). */
    private String unitText(List<String> candidates) {
        return candidates.stream().filter(u -> registry.match(u).isPresent()).findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.get(0));
    }

    private String unit(String unitText) {
        return unitText == null ? null : registry.match(unitText).map(u -> u.name()).orElse(null);
    }

    private void readOoxml(Source source, SheetProcessor processor) throws ReadFailure, IOException {
        // what else a zip can be is decided from its directory alone, before POI inflates anything
        Optional<String> other = otherZipFormat(source);
        if (other.isPresent()) {
            throw new ReadFailure("UNSUPPORTED_FORMAT", other.get(), null);
        }
        OPCPackage pkg;
        try {
            pkg = source.bytes() != null ? OoxmlPackages.open(source.bytes())
                    : OPCPackage.open(source.path().toFile(), PackageAccess.READ);
        } catch (Exception e) {
            throw Failures.classify(e, "压缩结构损坏或不完整");
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

    /**
     * A zip that is not a spreadsheet package: OpenDocument, xlsb, Word, Apple Numbers, or a plain archive
     * renamed. Reads the central directory only. Empty when it looks like an xlsx or cannot be listed (POI
     * then reports the damage).
     */
    private static Optional<String> otherZipFormat(Source source) {
        try (SeekableByteChannel ch = source.channel();
                ZipFile zip = ZipFile.builder().setSeekableByteChannel(ch).get()) {
            boolean ooxml = false;
            int n = 0;
            for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements() && n++ < 10_000;) {
                String name = e.nextElement().getName();
                if (name.equals("mimetype") || name.equals("content.xml")) {
                    return Optional.of("OpenDocument 表格（.ods），请另存为 .xlsx");
                }
                if (name.equals("xl/workbook.bin")) {
                    return Optional.of("Excel 二进制工作簿（.xlsb）");
                }
                if (name.startsWith("word/")) {
                    return Optional.of("这是 Word 文档，扩展名却是表格");
                }
                if (name.startsWith("Index/") || name.equals("Index.zip")) {
                    return Optional.of("Apple Numbers 表格");
                }
                ooxml |= name.equalsIgnoreCase("[Content_Types].xml") || name.startsWith("xl/");
            }
            return ooxml ? Optional.empty() : Optional.of("这是 zip 压缩包而不是 Excel 文件");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void readOle2(Source source, SheetProcessor processor) throws ReadFailure, IOException {
        byte[] decrypted = null;
        try (POIFSFileSystem fs = source.bytes() != null ? new POIFSFileSystem(new ByteArrayInputStream(source.bytes()))
                : new POIFSFileSystem(source.path().toFile(), true)) {
            Set<String> entries = fs.getRoot().getEntryNames();
            if (entries.contains("EncryptionInfo") || entries.contains("EncryptedPackage")) {
                decrypted = decryptWithDefaultPassword(fs);
            } else if (entries.contains("WordDocument")) {
                throw new ReadFailure("UNSUPPORTED_FORMAT", "这是 Word 文档，扩展名却是表格", null);
            } else if (!fs.getRoot().hasEntryCaseInsensitive("Workbook") && !fs.getRoot().hasEntryCaseInsensitive("Book")) {
                throw new ReadFailure("UNREADABLE_FILE", "OLE2 文件中没有工作簿", null);
            }
        } catch (ReadFailure f) {
            throw f;
        } catch (IOException | RuntimeException e) {
            throw Failures.classify(e, Failures.DAMAGED);
        }
        if (decrypted != null) {
            // the package inside is an xlsx held in memory, read as an archive member would be
            readOoxml(new Source(source.name(), source.kind(), null, decrypted), processor);
            return;
        }
        XlsReader reader = new XlsReader(limits);
        if (source.bytes() != null) {
            reader.read(new ByteArrayInputStream(source.bytes()), processor);
        } else {
            reader.read(source.path(), processor);
        }
    }

    /**
     * An encrypted xlsx opens without a prompt in Excel only under the built-in password "VelvetSweatshop"
     * (protected, not secret); anything else needs the sender to remove the password.
     */
    private byte[] decryptWithDefaultPassword(POIFSFileSystem fs) throws ReadFailure {
        try {
            Decryptor d = Decryptor.getInstance(new EncryptionInfo(fs));
            if (!d.verifyPassword(Decryptor.DEFAULT_PASSWORD)) {
                throw new ReadFailure("ENCRYPTED_FILE", "加密的 Excel 文件", null);
            }
            try (InputStream in = d.getDataStream(fs)) {
                long length = d.getLength(); // read from the package header: not to be trusted
                if (length < 0 || length > limits.maxArchiveMemberBytes()) {
                    throw new ReadFailure("FILE_TOO_LARGE", "解密后超过 " + Sizes.human(limits.maxArchiveMemberBytes()), null);
                }
                return in.readNBytes((int) length);
            }
        } catch (ReadFailure f) {
            throw f;
        } catch (Exception e) {
            // unknown or damaged encryption header: still a file we cannot read without the password
            throw new ReadFailure("ENCRYPTED_FILE", "加密的 Excel 文件", e);
        }
    }

    /** Archives are judged at intake (members, nesting, sizes); one that got this far is accepted. */
    private ContentResult checkArchive(Source source) {
        if (source.bytes() != null) {
            return ContentResult.rejected(IssueCode.ARCHIVE_REJECTED,
                    IssueCode.ARCHIVE_REJECTED.message("压缩包内不能再嵌套压缩包"));
        }
        return new ContentResult("archive", null, null, 0, null);
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

    private static String describeExtension(String name) {
        String ext = FileKind.extension(name);
        return ext.isEmpty() ? "没有扩展名" : "." + ext;
    }

    static String baseName(String name) {
        String n = name.substring(name.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
