package cn.huizong.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import cn.huizong.validation.IssueCode;

/**
 * The words of the letter's section on Word documents, read once from {@code messages/document-advice.properties}
 * (UTF-8): its own lines ({@code letter.*}) and, per issue code, how to fix that problem in Word or WPS. The codes
 * with a text there are the document problems; a key that is neither fails at start-up, not in a run.
 */
final class DocumentAdvice {

    static final String RESOURCE = "/messages/document-advice.properties";
    private static final String LETTER = "letter.";
    private static final Map<String, String> LINES;
    /** By code, in IssueCode's order. */
    private static final Map<String, String> FIXES;

    static {
        Properties p = new Properties();
        try (InputStream in = DocumentAdvice.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("document advice missing: " + RESOURCE);
            }
            p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> lines = new LinkedHashMap<>();
        Map<String, String> fixes = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(LETTER)) {
                lines.put(key.substring(LETTER.length()), p.getProperty(key));
                continue;
            }
            try {
                IssueCode.valueOf(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + ": " + key + " is no issue code", e);
            }
        }
        for (IssueCode code : IssueCode.values()) {
            if (p.getProperty(code.name()) != null) {
                fixes.put(code.name(), p.getProperty(code.name()));
            }
        }
        for (String line : new String[] {"heading", "file", "copy", "fixes", "resend"}) {
            if (!lines.containsKey(line)) {
                throw new IllegalStateException(RESOURCE + ": no " + LETTER + line);
            }
        }
        LINES = Collections.unmodifiableMap(lines);
        FIXES = Collections.unmodifiableMap(fixes);
    }

    private DocumentAdvice() {
    }

    /** The codes of document problems, in IssueCode's order. */
    static Set<String> codes() {
        return FIXES.keySet();
    }

    /** How to fix a problem of this code, or null for a code that is no document problem. */
    static String fix(String code) {
        return FIXES.get(code);
    }

    static String line(String name, Object... args) {
        return String.format(LINES.get(name), args);
    }

    /**
     * What is wrong, without the request that closes an issue's message (from its last “，请” or “。请” on, the
     * way issues.properties words them); the whole message where it has none.
     */
    static String problem(String message) {
        int cut = Math.max(message.lastIndexOf("，请"), message.lastIndexOf("。请"));
        if (cut <= 0) {
            return message;
        }
        String what = message.substring(0, cut);
        return what.endsWith("。") ? what : what + "。";
    }
}
