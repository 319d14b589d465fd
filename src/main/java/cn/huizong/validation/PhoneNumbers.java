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

    public static boolean containsValid(String text) {
        return NUMBER.matcher(forMatching(text)).find();
    }

    /**
     * The cell with every number found in its written form and the rest as it stands (a name beside the
     * number is kept); the text unchanged when it holds no number.
     */
    static String rewrite(String text) {
        Matcher m = NUMBER.matcher(forMatching(text));
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, m.start()).append(written(m));
            last = m.end();
        }
        return sb == null ? text : sb.append(text, last, text.length()).toString();
    }

    /** The numbers alone, in their written form, joined by “、”; the text unchanged when it holds none. */
    static String numbersOnly(String text) {
        Matcher m = NUMBER.matcher(forMatching(text));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(written(m));
        }
        return found.isEmpty() ? text : String.join("、", found);
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
