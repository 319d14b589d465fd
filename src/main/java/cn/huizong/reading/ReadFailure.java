package cn.huizong.reading;

/**
 * A file that cannot be read as a whole, with what is known of where it failed. The code is one of the issue
 * codes (UNREADABLE_FILE, ENCRYPTED_FILE, UNSUPPORTED_FORMAT, FILE_TOO_LARGE…); the detail is for the message.
 */
public class ReadFailure extends Exception {

    private final String code;
    private final String detail;
    private final String sheet;
    private final int row;

    public ReadFailure(String code, String detail, Throwable cause) {
        this(code, detail, null, 0, cause);
    }

    public ReadFailure(String code, String detail, String sheet, int row, Throwable cause) {
        super(code + ": " + detail + (sheet == null ? "" : " [" + sheet + (row > 0 ? "!" + row : "") + "]"), cause);
        this.code = code;
        this.detail = detail;
        this.sheet = sheet;
        this.row = row;
    }

    public String code() {
        return code;
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
}
