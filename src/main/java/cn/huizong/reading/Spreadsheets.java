package cn.huizong.reading;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import cn.huizong.intake.FileKind;
import cn.huizong.support.ReadLimits;
import cn.huizong.support.Sizes;

/**
 * The one reader of received spreadsheets: decides the real format from the bytes (an .xls may be an xlsx, HTML
 * or a Word file in disguise; a zip may be OpenDocument or xlsb), opens an xlsx encrypted under Excel's built-in
 * password, and hands the rows of xlsx, xls or CSV to the handler.
 */
public final class Spreadsheets implements WorkbookReader {

    private final ReadLimits limits;

    public Spreadsheets(ReadLimits limits) {
        this.limits = limits;
        PoiGuards.apply(limits);
    }

    @Override
    public void read(FileSource source, RowHandler rows) throws ReadFailure, IOException {
        byte[] head = source.head(512);
        if (head.length == 0) {
            throw new ReadFailure(ReadFailure.Reason.UNREADABLE, "文件为空（0 字节）", null);
        }
        Optional<String> foreign = FormatSniffer.foreign(head, source.kind() == FileKind.CSV);
        if (FormatSniffer.isZip(head)) {
            readOoxml(source, rows);
        } else if (FormatSniffer.isOle2(head)) {
            readOle2(source, rows);
        } else if (foreign.isPresent()) {
            throw new ReadFailure(ReadFailure.Reason.UNSUPPORTED_FORMAT, "扩展名是 ." + FileKind.extension(source.name())
                    + "，内容却是" + foreign.get(), null);
        } else if (source.kind() == FileKind.CSV) {
            new CsvReader(limits).read(source::open, source.baseName(), rows);
        } else {
            throw new ReadFailure(ReadFailure.Reason.UNREADABLE, "内容不是 Excel 文件", null);
        }
    }

    private void readOoxml(FileSource source, RowHandler rows) throws ReadFailure, IOException {
        // what else a zip can be is decided from its directory alone, before POI inflates anything
        Optional<String> other = otherZipFormat(source);
        if (other.isPresent()) {
            throw new ReadFailure(ReadFailure.Reason.UNSUPPORTED_FORMAT, other.get(), null);
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
                throw new ReadFailure(ReadFailure.Reason.UNSUPPORTED_FORMAT, "Excel 二进制工作簿（.xlsb）", null);
            }
            new XlsxReader(limits).read(pkg, rows);
        } finally {
            pkg.revert(); // read-only: never write back
        }
    }

    /**
     * A zip that is not a spreadsheet package: OpenDocument, xlsb, Word, Apple Numbers, or a plain archive
     * renamed. Reads the central directory only. Empty when it looks like an xlsx or cannot be listed (POI
     * then reports the damage).
     */
    private static Optional<String> otherZipFormat(FileSource source) {
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

    private void readOle2(FileSource source, RowHandler rows) throws ReadFailure, IOException {
        byte[] decrypted = null;
        try (POIFSFileSystem fs = source.bytes() != null ? new POIFSFileSystem(new ByteArrayInputStream(source.bytes()))
                : new POIFSFileSystem(source.path().toFile(), true)) {
            Set<String> entries = fs.getRoot().getEntryNames();
            if (entries.contains("EncryptionInfo") || entries.contains("EncryptedPackage")) {
                decrypted = decryptWithDefaultPassword(fs);
            } else if (entries.contains("WordDocument")) {
                throw new ReadFailure(ReadFailure.Reason.UNSUPPORTED_FORMAT, "这是 Word 文档，扩展名却是表格", null);
            } else if (!fs.getRoot().hasEntryCaseInsensitive("Workbook") && !fs.getRoot().hasEntryCaseInsensitive("Book")) {
                throw new ReadFailure(ReadFailure.Reason.UNREADABLE, "OLE2 文件中没有工作簿", null);
            }
        } catch (ReadFailure f) {
            throw f;
        } catch (IOException | RuntimeException e) {
            throw Failures.classify(e, Failures.DAMAGED);
        }
        if (decrypted != null) {
            // the package inside is an xlsx held in memory, read as an archive member would be
            readOoxml(new FileSource(source.name(), source.kind(), null, decrypted), rows);
            return;
        }
        XlsReader reader = new XlsReader(limits);
        if (source.bytes() != null) {
            reader.read(new ByteArrayInputStream(source.bytes()), rows);
        } else {
            reader.read(source.path(), rows);
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
                throw new ReadFailure(ReadFailure.Reason.ENCRYPTED, "加密的 Excel 文件", null);
            }
            try (InputStream in = d.getDataStream(fs)) {
                long length = d.getLength(); // read from the package header: not to be trusted
                if (length < 0 || length > limits.maxArchiveMemberBytes()) {
                    throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, "解密后超过 " + Sizes.human(limits.maxArchiveMemberBytes()), null);
                }
                return in.readNBytes((int) length);
            }
        } catch (ReadFailure f) {
            throw f;
        } catch (Exception e) {
            // unknown or damaged encryption header: still a file we cannot read without the password
            throw new ReadFailure(ReadFailure.Reason.ENCRYPTED, "加密的 Excel 文件", e);
        }
    }
}
