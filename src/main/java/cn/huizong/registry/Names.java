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

    /**
     * What NFKC makes of each character of the common Chinese table, when it stands anywhere: itself for ASCII,
     * the common CJK ideographs and punctuation; the ASCII character for the full-width forms (，（）：１Ａ);
     * a space for the ideographic space. None of these decomposes into more than one character or combines
     * with a neighbour, so a text of only these is normalised one character at a time; any other character
     * (0 here) sends the text to the JDK's normaliser. Most cells never need it.
     */
    private static final char[] NFKC = nfkcTable();

    private static char[] nfkcTable() {
        char[] t = new char[0x10000];
        for (int c = 0x20; c < 0x7F; c++) {
            t[c] = (char) c;
        }
        t['\t'] = '\t';
        t['\n'] = '\n';
        t['\r'] = '\r';
        for (int c = 0x4E00; c <= 0x9FFF; c++) {
            t[c] = (char) c;
        }
        for (int c : new int[] {0x3001, 0x3002, 0x3008, 0x3009, 0x300A, 0x300B, 0x300C, 0x300D, 0x300E, 0x300F,
                0x3010, 0x3011, 0x3014, 0x3015, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x00B7}) {
            t[c] = (char) c;
        }
        for (int c = 0xFF01; c <= 0xFF5E; c++) {
            t[c] = (char) (c - 0xFEE0);
        }
        t[0x3000] = ' ';
        // the table is a claim about Unicode; hold it to the JDK's normaliser once
        for (int c = 0; c < t.length; c++) {
            if (t[c] != 0 && !Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC)
                    .equals(String.valueOf(t[c]))) {
                t[c] = 0;
            } else if (t[c] != 0 && isCompactSpace(t[c])) {
                t[c] = NFKC_SPACE;
            }
        }
        return t;
    }

    /** In {@link #NFKC}: a character that normalises to a space {@link #compact} removes. */
    public static final char NFKC_SPACE = '\uFFFF';

    /** Each character of {@code s} normalises on its own (see {@link #NFKC}): {@link #nfkcOf} tells how. */
    public static boolean nfkcByChar(CharSequence s) {
        char[] t = NFKC;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (t[c] == 0 && c != 0) {
                return false;
            }
        }
        return true;
    }

    /** NFKC of one character of a text for which {@link #nfkcByChar} holds; {@link #NFKC_SPACE} for a space. */
    public static char nfkcOf(char c) {
        return NFKC[c];
    }

    /** NFKC and no whitespace at all: the base of every key. Runs once per cell, so no regex here. */
    public static String compact(String s) {
        if (s == null) {
            return "";
        }
        char[] t = NFKC;
        char[] out = null;
        int o = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            char u = t[c];
            if (u == c) {
                if (out != null) {
                    out[o++] = c;
                }
                continue;
            }
            if (u == 0 && c != 0) {
                return compactSlowly(s); // a character whose NFKC depends on more than itself
            }
            if (u == NFKC_SPACE) {
                if (out == null) {
                    out = new char[n];
                    s.getChars(0, i, out, 0);
                    o = i;
                }
            } else if (out != null) {
                out[o++] = u;
            } else if (u != c) {
                out = new char[n];
                s.getChars(0, i, out, 0);
                o = i;
                out[o++] = u;
            }
        }
        return out == null ? s : new String(out, 0, o);
    }

    private static String compactSlowly(String s) {
        String n = Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder sb = null;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (isCompactSpace(c)) {
                if (sb == null) {
                    sb = new StringBuilder(n.length()).append(n, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? n : sb.toString();
    }

    /** The characters {@link #compact} removes. */
    public static boolean isCompactSpace(char c) {
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
