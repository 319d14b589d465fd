package cn.huizong.validation;

/**
 * A problem found in a file. Row is the Excel row number the user sees (0 for file level); column is the
 * Excel letter or null; rowNo links a row issue to its staged row.
 */
public record Issue(String sheet, int row, String column, IssueCode code, String message, Integer rowNo) {

    public static Issue file(IssueCode code, String message) {
        return new Issue(null, 0, null, code, message, null);
    }

    public Severity severity() {
        return code.severity();
    }
}
