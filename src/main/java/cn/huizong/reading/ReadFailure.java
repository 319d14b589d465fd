package cn.huizong.reading;

/**
 * A file that cannot be read as a whole, with why (a typed reason) and what is known of where it failed: sheet,
 * Excel row and column letter when the reader got that far. The detail is the Chinese words for the message.
 */
public class ReadFailure extends Exception {

    /** Why a file cannot be read; each becomes one file-level issue code. */
    public enum Reason {
        /** damaged, truncated, not what its name says it is, or a structure we refuse to parse (DOCTYPE) */
        UNREADABLE,
        /** protected by a password we do not have */
        ENCRYPTED,
        /** a format we do not read (xlsb, ods, Excel 95, Strict OOXML, Word renamed .xlsx) */
        UNSUPPORTED_FORMAT,
        /** past one of the configured limits (bytes, cells, strings, merges, expanded size) */
        TOO_LARGE
    }

    private final Reason reason;
    private final String detail;
    private final String sheet;
    private final int row;
    private final String column;

    public ReadFailure(Reason reason, String detail, Throwable cause) {
        this(reason, detail, null, 0, null, cause);
    }

    public ReadFailure(Reason reason, String detail, String sheet, int row, Throwable cause) {
        this(reason, detail, sheet, row, null, cause);
    }

    public ReadFailure(Reason reason, String detail, String sheet, int row, String column, Throwable cause) {
        super(reason + ": " + detail + (sheet == null ? "" : " [" + sheet + (row > 0 ? "!" + (column == null ? "" : column)
                + row : "") + "]"), cause);
        this.reason = reason;
        this.detail = detail;
        this.sheet = sheet;
        this.row = row;
        this.column = column;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public String sheet() {
        return sheet;
    }

    public int row() {
        return row;
    }

    /** The Excel column letter, or null when the failure is not at one cell. */
    public String column() {
        return column;
    }
}
