package cn.huizong.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

import cn.huizong.support.Sha256;

/**
 * The Chinese message texts of {@link IssueCode}, read once from {@code messages/issues.properties} (UTF-8).
 * A code without a text, or a text without a code, fails at start-up rather than in the middle of a run.
 */
final class IssueTexts {

    static final String RESOURCE = "/messages/issues.properties";
    static final Map<IssueCode, String> TEXTS;
    static final String FINGERPRINT;

    static {
        byte[] bytes;
        try (InputStream in = IssueTexts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("issue messages missing: " + RESOURCE);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<IssueCode, String> texts = new EnumMap<>(IssueCode.class);
        for (String key : p.stringPropertyNames()) {
            try {
                texts.put(IssueCode.valueOf(key), p.getProperty(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + ": " + key + " is no issue code", e);
            }
        }
        for (IssueCode code : IssueCode.values()) {
            if (!texts.containsKey(code)) {
                throw new IllegalStateException(RESOURCE + ": no message for " + code);
            }
        }
        TEXTS = texts;
        FINGERPRINT = Sha256.of(bytes);
    }

    private IssueTexts() {
    }
}
