package cn.huizong.validation;

/**
 * Text from a submission as Huizong stores and quotes it. A cell may hold up to {@code max-text-chars}
 * (32 M characters); the rules see all of it, but what is staged and published is cut at what one Excel cell
 * holds, with a visible marker, so that no value can fail a database write or a workbook cell. Messages quote
 * a value by its first characters only, so that a 100,000-character case name does not make a 100,000-character
 * message or cell comment.
 */
public final class SubmittedText {

    /** Excel's limit for one cell; a cut value, marker included, is exactly this long. */
    public static final int MAX_CHARS = 32_767;
    public static final String CUT_MARKER = "……（已截断）";
    /** Characters (code points) of a value quoted in a message. */
    static final int QUOTED_CHARS = 50;

    private SubmittedText() {
    }

    /** The value as stored: whole up to {@link #MAX_CHARS}, else its beginning and {@link #CUT_MARKER}. */
    public static String cap(String s) {
        if (s == null || s.length() <= MAX_CHARS) {
            return s;
        }
        int end = MAX_CHARS - CUT_MARKER.length();
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never half a character
        }
        return s.substring(0, end) + CUT_MARKER;
    }

    /** The value as a message quotes it: its first {@value #QUOTED_CHARS} characters, then “…” if there is more. */
    public static String quote(String s) {
        if (s == null) {
            return null;
        }
        int end = 0;
        for (int n = 0; n < QUOTED_CHARS && end < s.length(); n++) {
            end += Character.charCount(s.codePointAt(end));
        }
        return end >= s.length() ? s : s.substring(0, end) + "…";
    }
}
