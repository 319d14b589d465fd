package cn.huizong.intake;

import java.util.Locale;
import java.util.Set;

/** What a received file is taken to be, from its name; the reader confirms from its bytes. */
public enum FileKind {
    SPREADSHEET, CSV, ARCHIVE, DOCUMENT, UNSUPPORTED;

    private static final Set<String> SHEETS = Set.of("xlsx", "xlsm", "xltx", "xltm", "xls", "xlt", "et");
    private static final Set<String> DOCS = Set.of("doc", "docx", "wps", "pdf", "jpg", "jpeg", "png", "ofd", "bmp",
            "gif", "tif", "tiff", "txt", "rtf", "wpt", "dot", "dotx");

    public static FileKind of(String fileName) {
        String ext = extension(fileName);
        if (SHEETS.contains(ext)) {
            return SPREADSHEET;
        }
        if (ext.equals("csv")) {
            return CSV;
        }
        if (ext.equals("zip")) {
            return ARCHIVE;
        }
        if (DOCS.contains(ext)) {
            return DOCUMENT;
        }
        return UNSUPPORTED;
    }

    public static String extension(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
