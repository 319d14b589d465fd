package cn.huizong.validation;

/**
 * Every problem Huizong reports, with its severity. Codes are a stable contract for dashboards and scripts;
 * the Chinese messages (what is wrong, how to fix it) live in {@code messages/issues.properties}, keyed by
 * code, and may be reworded there.
 */
public enum IssueCode {
    // row level
    MISSING_REQUIRED(Severity.ERROR),
    INVALID_PHONE(Severity.ERROR),
    SUMMARY_TOO_LONG(Severity.ERROR),
    INVALID_DATE(Severity.WARNING),
    DEADLINE_ASSUMED(Severity.WARNING),
    UNIT_TYPE_MISMATCH(Severity.WARNING),
    DUPLICATE_ROW(Severity.WARNING),
    DUPLICATE_CASE(Severity.WARNING),
    OVER_QUOTA(Severity.WARNING),
    // file level
    LATE_SUBMISSION(Severity.WARNING),
    SAME_TIME_SUBMISSIONS(Severity.WARNING),
    SUPERSEDED_FILE(Severity.INFO),
    DUPLICATE_FILE(Severity.INFO),
    NO_DATA_ROWS(Severity.WARNING),
    EMPTY_TABLE_IGNORED(Severity.WARNING),
    SKIPPED_ROWS(Severity.WARNING),
    SKIPPED_NOTE_ROWS(Severity.INFO),
    HIDDEN_SHEET_SKIPPED(Severity.WARNING),
    HIDDEN_SHEET_READ(Severity.WARNING),
    HIDDEN_DATA_READ(Severity.WARNING),
    EXTRA_COLUMN_IGNORED(Severity.WARNING),
    JOINED_COLUMNS(Severity.INFO),
    UNREADABLE_FILE(Severity.ERROR),
    ENCRYPTED_FILE(Severity.ERROR),
    UNSUPPORTED_FORMAT(Severity.ERROR),
    UNRECOGNIZED_TEMPLATE(Severity.ERROR),
    UNKNOWN_UNIT(Severity.ERROR),
    FILE_TOO_LARGE(Severity.ERROR),
    ARCHIVE_REJECTED(Severity.ERROR),
    /** The database refused what was read from the file (a value or a constraint); only this file is left out. */
    STAGING_FAILED(Severity.ERROR),
    // Word documents: case write-ups (附件4) and plans (附件2/3); the row is the paragraph number (第N段)
    DOC_FONT(Severity.WARNING),
    DOC_FONT_SIZE(Severity.WARNING),
    DOC_LINE_SPACING(Severity.WARNING),
    DOC_ALIGNMENT(Severity.WARNING),
    DOC_MARGINS(Severity.WARNING),
    DOC_MISSING_SECTION(Severity.WARNING),
    DOC_CAPTION_POSITION(Severity.WARNING),
    DOC_TABLE_TITLE(Severity.WARNING),
    DOC_PICTURE_CLIPPED(Severity.WARNING),
    DOC_PICTURE_NOT_SENT(Severity.WARNING),
    DOC_NOT_DOCX(Severity.WARNING),
    WRITEUP_WITHOUT_CASE(Severity.WARNING),
    CASE_WITHOUT_WRITEUP(Severity.WARNING),
    /** A plan of the other kind than the unit owes (a bureau's 一校一品): it does not count as the unit's plan. */
    DOC_PLAN_WRONG_KIND(Severity.WARNING),
    /** A write-up or plan replaced by the unit's newer one of the same case (or title) or plan. */
    SUPERSEDED_DOCUMENT(Severity.INFO);

    private final Severity severity;

    IssueCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    public String message(Object... args) {
        return String.format(IssueTexts.TEXTS.get(this), args);
    }

    /** The file-level code of a file that cannot be read. */
    public static IssueCode of(cn.huizong.reading.ReadFailure.Reason reason) {
        return switch (reason) {
            case UNREADABLE -> UNREADABLE_FILE;
            case ENCRYPTED -> ENCRYPTED_FILE;
            case UNSUPPORTED_FORMAT -> UNSUPPORTED_FORMAT;
            case TOO_LARGE -> FILE_TOO_LARGE;
        };
    }

    /** The message texts as loaded, for the rules fingerprint: a reworded message is a new rule set. */
    public static String textsFingerprint() {
        return IssueTexts.FINGERPRINT;
    }

    /** The UNKNOWN_UNIT message: what the sheet said (if anything) and the closest registry entry to it. */
    public static String unknownUnit(String unitText, String fileName, cn.huizong.registry.Registry registry) {
        String written = unitText != null ? "表内填写为“" + SubmittedText.quote(unitText) + "”，文件夹和文件名中也没有单位名称"
                : "表内未填写填报单位，文件夹和文件名中也没有单位名称";
        return UNKNOWN_UNIT.message(written, registry.closest(unitText != null ? unitText : fileName).name());
    }
}
