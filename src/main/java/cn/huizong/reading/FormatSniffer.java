package cn.huizong.reading;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What the first bytes of a file say it is. The extension is only what the sender typed: an ".xls" may be an
 * xlsx, a web page, a Word file, an Excel 4.0 stream, a gzip file or random bytes.
 */
public final class FormatSniffer {

    private FormatSniffer() {
    }

    public static boolean isZip(byte[] h) {
        return h.length >= 4 && h[0] == 'P' && h[1] == 'K' && (h[2] == 3 || h[2] == 5 || h[2] == 7);
    }

    public static boolean isOle2(byte[] h) {
        return h.length >= 8 && (h[0] & 0xFF) == 0xD0 && (h[1] & 0xFF) == 0xCF && (h[2] & 0xFF) == 0x11
                && (h[3] & 0xFF) == 0xE0;
    }

    /** A format we recognise and do not read, named for the message; empty when the bytes say nothing known. */
    public static Optional<String> foreign(byte[] h, boolean textExpected) {
        if (starts(h, 0x1F, 0x8B)) {
            return Optional.of("gzip 压缩文件");
        }
        if (starts(h, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return Optional.of("7z 压缩包");
        }
        if (starts(h, 'R', 'a', 'r', '!')) {
            return Optional.of("RAR 压缩包");
        }
        if (starts(h, '%', 'P', 'D', 'F')) {
            return Optional.of("PDF 文件");
        }
        if (starts(h, 0x89, 'P', 'N', 'G') || starts(h, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("图片");
        }
        if (starts(h, '{', '\\', 'r', 't', 'f')) {
            return Optional.of("RTF 文档");
        }
        // BIFF2–BIFF8 BOF record without an OLE2 container: Excel 2.x–4.0 (or a bare workbook stream)
        if (h.length >= 4 && h[0] == 0x09 && (h[1] == 0x00 || h[1] == 0x02 || h[1] == 0x04 || h[1] == 0x08)
                && h[3] == 0 && (h[2] == 4 || h[2] == 6 || h[2] == 8 || h[2] == 16)) {
            return Optional.of("Excel 2.x–4.0 旧格式");
        }
        if (starts(h, 0x00, 0x00, 0x02, 0x00)) {
            return Optional.of("Lotus 1-2-3 文件");
        }
        if (textExpected) {
            return Optional.empty(); // a CSV may begin with anything printable
        }
        String head = new String(h, StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("\u00EF\u00BB\u00BF")) {
            head = head.substring(3).stripLeading();
        }
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("id;p")) {
            return Optional.of("SYLK 文本表格");
        }
        if (lower.startsWith("mime-version")) {
            return Optional.of("单个文件网页（.mht）");
        }
        if (head.startsWith("<")) {
            return Optional.of("网页(HTML)或 XML，并不是真正的 Excel 文件");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] h, int... sig) {
        if (h.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((h[i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }
}
