package cn.huizong.registry;

import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Pattern;

/** Normalisations shared by every comparison of names, headers and keys. */
public final class Names {

    private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u3000\\u200B\\uFEFF]+");
    private static final Pattern SEAL = UnitNames.DEFAULT.sealPattern();
    private static final Pattern BLANK_MARKS = Pattern.compile("[_＿—\\-－]+");

    private Names() {
    }

    /** NFKC and no whitespace at all: the base of every key. Runs once per cell, so no regex here. */
    public static String compact(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder sb = null;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (isSpace(c)) {
                if (sb == null) {
                    sb = new StringBuilder(n.length()).append(n, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? n : sb.toString();
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u3000' || c == '\u200B' || c == '\uFEFF';
    }

    /** Brackets of every kind unified to ASCII parentheses (NFKC leaves 【】〔〕 alone). */
    public static String unifyBrackets(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char u = switch (c) {
                case '【', '〔', '［', '[', '（' -> '(';
                case '】', '〕', '］', ']', '）' -> ')';
                default -> c;
            };
            if (u != c) {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = u;
            }
        }
        return out == null ? s : new String(out);
    }

    /** Key under which two spellings of one enterprise meet. */
    public static String enterpriseKey(String name) {
        return unifyBrackets(compact(name));
    }

    /** Key of a header cell: layout noise (line breaks, spaces, bracket widths) removed. */
    public static String header(String title) {
        return unifyBrackets(compact(title));
    }

    /** Key of a unit name as written: seal marks, fill-in underscores and bureau-name variants unified. */
    public static String unit(String name) {
        return unit(name, UnitNames.DEFAULT, SEAL);
    }

    /** {@link #unit(String)} under a campaign's rules; {@code seal} is {@code rules.sealPattern()}, compiled once. */
    static String unit(String name, UnitNames rules, Pattern seal) {
        String s = unifyBrackets(compact(name));
        s = BLANK_MARKS.matcher(s).replaceAll("");
        s = seal.matcher(s).replaceAll("");
        for (Map.Entry<String, String> r : rules.replacements().entrySet()) {
            s = s.replace(r.getKey(), r.getValue());
        }
        return s;
    }

    /** Number of characters the notice counts: code points, whitespace and line breaks excluded. */
    public static int countedLength(String text) {
        if (text == null) {
            return 0;
        }
        return (int) SPACE.matcher(text).replaceAll("").codePoints().count();
    }

    /** Trim including full-width and no-break spaces; line breaks unified to \n. */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replace("\r\n", "\n").replace('\r', '\n');
        int b = 0;
        int e = t.length();
        while (b < e && isTrimmable(t.charAt(b))) {
            b++;
        }
        while (e > b && isTrimmable(t.charAt(e - 1))) {
            e--;
        }
        return t.substring(b, e);
    }

    private static boolean isTrimmable(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u3000' || c == '\uFEFF' || c == '\u200B';
    }

    /** Edit distance, for naming the closest registry entry to an unknown unit. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
