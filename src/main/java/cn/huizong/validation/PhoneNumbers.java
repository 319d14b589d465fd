package cn.huizong.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese phone numbers as people write them: mobiles 1[3-9]+9 digits (spaces or hyphens inside allowed, +86
 * or 86 in front); landlines 0 + 2–3 digit area code + 7–8 digits, written 0371-69691274, 0371 69691274 or
 * (0371)69691274, with an optional extension (转801, -801); enterprise hotlines 400/800 + 7 digits in any
 * grouping (400-123-4567, 400 1234 567). Several numbers and a name may share the cell.
 *
 * <p>Each number found has one written form, the one outputs show: mobiles 13812345678, landlines
 * 0371-69691274 (extension 转801), hotlines 400-123-4567.
 */
final class PhoneNumbers {

    private static final Pattern NUMBER = Pattern.compile("(?<![0-9])(?:"
            + "(?:\\+?86[ -]?)?(?<mobile>1[3-9][0-9](?:[ -]?[0-9]){8})"
            + "|(?:\\((?<paren>0[0-9]{2,3})\\)|(?<area>0[0-9]{2,3}))[ -]?(?<local>[0-9]{7,8})"
            + "(?:(?:转|分机|-)(?<ext>[0-9]{1,5}))?"
            + "|(?<hotline>[48]00(?:[ -]?[0-9]){7})"
            + ")(?![0-9])");

    private PhoneNumbers() {
    }

    /** A number found: where it stands in the cell and its written form. */
    private record Found(int start, int end, String written) {
    }

    /** A cell's numbers. */
    private record Scan(String text, List<Found> found) {
    }

    /**
     * The cell scanned last: a contact cell is checked ({@code PhoneRule}) and then staged in its written form,
     * usually as the very same string, so the pattern runs once for both. Immutable, so threads may share it.
     */
    private static volatile Scan last;

    private static Scan scan(String text) {
        Scan s = last;
        if (s != null && s.text().equals(text)) {
            return s;
        }
        Matcher m = NUMBER.matcher(forMatching(text));
        List<Found> found = List.of();
        while (m.find()) {
            if (found.isEmpty()) {
                found = new ArrayList<>(2);
            }
            found.add(new Found(m.start(), m.end(), written(m)));
        }
        s = new Scan(text, found);
        last = s;
        return s;
    }

    public static boolean containsValid(String text) {
        return !scan(text).found().isEmpty();
    }

    /**
     * The cell with every number found in its written form and the rest as it stands (a name beside the
     * number is kept); the text unchanged when it holds no number.
     */
    static String rewrite(String text) {
        List<Found> found = scan(text).found();
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Found f : found) {
            sb.append(text, at, f.start()).append(f.written());
            at = f.end();
        }
        return sb.append(text, at, text.length()).toString();
    }

    /** The numbers alone, in their written form, joined by “、”; the text unchanged when it holds none. */
    static String numbersOnly(String text) {
        List<Found> found = scan(text).found();
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        for (Found f : found) {
            if (sb.length() > 0) {
                sb.append('、');
            }
            sb.append(f.written());
        }
        return sb.toString();
    }

    private static String written(Matcher m) {
        if (m.group("mobile") != null) {
            return digits(m.group("mobile"));
        }
        if (m.group("hotline") != null) {
            String d = digits(m.group("hotline"));
            return d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6);
        }
        String area = m.group("paren") != null ? m.group("paren") : m.group("area");
        String ext = m.group("ext");
        return area + "-" + m.group("local") + (ext == null ? "" : "转" + ext);
    }

    private static String digits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * One char for one char, so positions stay those of the cell: full-width forms (１, （, －, ＋) as ASCII,
     * wide and no-break spaces as a space, dashes as a hyphen. Only for finding numbers, never for output.
     */
    private static String forMatching(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char u;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                u = (char) (c - 0xFEE0);
            } else {
                u = switch (c) {
                    case '\u3000', '\u00A0', '\u2002', '\u2003', '\u2009', '\u202F' -> ' ';
                    case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63' -> '-';
                    default -> c;
                };
            }
            if (u != c) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = u;
            }
        }
        return out == null ? text : new String(out);
    }
}
