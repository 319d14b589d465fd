package cn.huizong.mail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.huizong.support.TextDecoding;

/**
 * Header text as Chinese mail clients write it: RFC 2047 encoded words (B or Q; GBK, GB2312, GB18030, UTF-8; a
 * character split across two words), RFC 2231 parameters (filename*=gbk''%D5%E3, continuations filename*0*=…),
 * and raw 8-bit bytes (GBK or UTF-8) that some clients put in headers. Headers arrive as ISO-8859-1 characters,
 * one per byte, so raw bytes can be told apart and decoded here.
 */
final class HeaderText {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private HeaderText() {
    }

    /** A header value decoded: encoded words, then any raw 8-bit text between them. */
    static String decode(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = ENCODED_WORD.matcher(value);
        int at = 0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        while (m.find()) {
            String between = value.substring(at, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            Charset cs = charset(m.group(1));
            if (!adjacent || !cs.equals(pendingCharset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(raw(between));
                }
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : quoted(m.group(3));
            pending.writeBytes(bytes);
            pendingCharset = cs;
            at = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(raw(value.substring(at)));
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset cs) {
        if (cs != null && pending.size() > 0) {
            out.append(new String(pending.toByteArray(), cs));
        }
        pending.reset();
    }

    /**
     * Characters that are bytes (all at most U+00FF, some above U+007F): raw 8-bit header text, decoded as UTF-8
     * when valid, else GB18030 (a superset of GBK and GB2312).
     */
    static String raw(String s) {
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, TextDecoding.GB18030);
        }
    }

    /** The charset a mail names, GBK's family read as GB18030: clients label GBK text gb2312 all the time. */
    static Charset charset(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int star = n.indexOf('*'); // RFC 2231 language suffix: utf-8*zh-cn
        if (star >= 0) {
            n = n.substring(0, star);
        }
        switch (n) {
            case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "euc-cn", "x-euc-cn", "gb_2312-80", "csgb2312", "gb18030":
                return TextDecoding.GB18030;
            default:
                try {
                    return Charset.forName(n);
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
        }
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] quoted(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                out.write(hex(text, i + 1));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int hex(String s, int at) {
        try {
            return Integer.parseInt(s.substring(at, at + 2), 16);
        } catch (RuntimeException e) {
            return '?';
        }
    }

    /**
     * The parameters of a structured header (Content-Type, Content-Disposition) by lower-case name, values unquoted
     * but not decoded. Written for what clients send, not only for what the RFCs allow: unquoted Chinese,
     * semicolons inside quotes.
     */
    static Map<String, String> parameters(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        String h = header.replaceAll("\\r?\\n[ \\t]*", " ");
        int i = h.indexOf(';');
        while (i >= 0 && i < h.length()) {
            i++;
            while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == '\t' || h.charAt(i) == ';')) {
                i++;
            }
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            while (v < h.length() && (h.charAt(v) == ' ' || h.charAt(v) == '\t')) {
                v++;
            }
            StringBuilder value = new StringBuilder();
            if (v < h.length() && h.charAt(v) == '"') {
                v++;
                while (v < h.length() && h.charAt(v) != '"') {
                    if (h.charAt(v) == '\\' && v + 1 < h.length()) {
                        v++;
                    }
                    value.append(h.charAt(v++));
                }
                int next = h.indexOf(';', v);
                i = next;
            } else {
                int next = h.indexOf(';', v);
                value.append(next < 0 ? h.substring(v) : h.substring(v, next));
                i = next;
            }
            out.putIfAbsent(name, value.toString().strip());
        }
        return out;
    }

    /**
     * A parameter decoded from every form it may take: RFC 2231 ({@code name*}, continuations {@code name*0*}),
     * else the plain value with RFC 2047 words or raw 8-bit bytes.
     */
    static String parameter(Map<String, String> params, String name) {
        String extended = params.get(name + "*");
        if (extended != null) {
            return rfc2231(extended);
        }
        if (params.containsKey(name + "*0*") || params.containsKey(name + "*0")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Charset cs = null;
            for (int k = 0;; k++) {
                String enc = params.get(name + "*" + k + "*");
                String plain = params.get(name + "*" + k);
                if (enc == null && plain == null) {
                    break;
                }
                if (enc != null) {
                    String v = enc;
                    if (k == 0) {
                        int q1 = v.indexOf('\'');
                        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                        if (q2 > 0) {
                            cs = charset(v.substring(0, q1));
                            v = v.substring(q2 + 1);
                        }
                    }
                    bytes.writeBytes(percent(v));
                } else {
                    bytes.writeBytes(plain.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            byte[] b = bytes.toByteArray();
            return cs != null ? new String(b, cs) : raw(new String(b, StandardCharsets.ISO_8859_1));
        }
        String plain = params.get(name);
        return plain == null ? null : decode(plain);
    }

    /** charset'language'percent-encoded */
    private static String rfc2231(String value) {
        int q1 = value.indexOf('\'');
        int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            return decode(value);
        }
        Charset cs = q1 == 0 ? null : charset(value.substring(0, q1));
        byte[] b = percent(value.substring(q2 + 1));
        return cs != null ? new String(b, cs) : raw(new String(b, StandardCharsets.ISO_8859_1));
    }

    private static byte[] percent(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(hex(s, i + 1));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }
}
