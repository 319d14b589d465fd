package cn.huizong.reporting;

import java.util.Locale;
import java.util.Set;

/**
 * Names of files and folders we create from unit and file names people chose. Keeps Chinese; replaces what
 * Windows or Linux refuse (/ \ : * ? " < > |, control characters) so that a copied 反馈 folder opens anywhere.
 */
public final class FileNames {

    /** ext4 allows 255 bytes per name; a Chinese character takes 3 in UTF-8. */
    static final int MAX_CODE_POINTS = 80;
    private static final Set<String> WINDOWS_RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7",
            "LPT8", "LPT9");

    private FileNames() {
    }

    /** One safe path segment; never empty, never "." or "..". */
    public static String safe(String name) {
        StringBuilder sb = new StringBuilder();
        String s = name == null ? "" : name;
        s.codePoints().forEach(cp -> {
            boolean bad = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || "/\\:*?\"<>|".indexOf(cp) >= 0;
            sb.appendCodePoint(bad ? '_' : cp);
        });
        String out = sb.toString().strip();
        // Windows drops trailing dots and spaces, which would make two names collide or a folder vanish
        while (out.endsWith(".") || out.endsWith(" ")) {
            out = out.substring(0, out.length() - 1);
        }
        if (out.isEmpty() || out.equals(".") || out.equals("..")) {
            out = "_";
        }
        String stem = stem(out);
        if (WINDOWS_RESERVED.contains(stem.toUpperCase(Locale.ROOT))) {
            out = "_" + out;
        }
        return shorten(out);
    }

    /** The name's last path segment, as written (archive members and inbox paths use '/'). */
    public static String lastSegment(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    /** Replaces the extension (or adds one), e.g. 附件5.csv → 附件5.xlsx. */
    public static String withExtension(String name, String ext) {
        return stem(name) + "." + ext;
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** Keeps the extension when the stem has to be cut. */
    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_CODE_POINTS) {
            return name;
        }
        String ext = name.lastIndexOf('.') > 0 ? name.substring(name.lastIndexOf('.')) : "";
        if (ext.length() > 10) {
            ext = "";
        }
        String stem = ext.isEmpty() ? name : name.substring(0, name.length() - ext.length());
        int keep = MAX_CODE_POINTS - ext.length();
        return stem.substring(0, stem.offsetByCodePoints(0, keep)) + ext;
    }
}
