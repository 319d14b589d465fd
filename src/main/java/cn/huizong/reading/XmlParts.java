package cn.huizong.reading;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX readers over the large parts of an xlsx (sheets, shared strings) with the settings POI's XMLHelper gives
 * its SAX parsers: no DTDs, no external entities; a DOCTYPE is refused outright by the callers (see
 * {@link #doctype()}). Parts in UTF-8 (every Excel and WPS file) go to aalto, about twice as fast as the JDK's
 * parser. aalto has no size limits of its own and holds a whole text node before reporting it, so its input
 * passes a guard: no run of bytes between two '<' may exceed the text limit (a byte is at most a character, so
 * no cell the limit allowed before is refused for it, and nothing aalto buffers is larger). Parts in another
 * encoding (UTF-16, a legacy charset in the declaration) go to the JDK's own StAX parser, whose secure-processing
 * limits apply and which reports long text in pieces the callers count.
 */
final class XmlParts {

    /** Element nesting; a sheet is about eight deep, and each level costs the parser memory. */
    static final int MAX_DEPTH = 1_000;

    private static final XMLInputFactory AALTO = secure(new com.fasterxml.aalto.stax.InputFactoryImpl());
    // newDefaultFactory: the JDK's built-in one, whatever provider the classpath registers (aalto does)
    private static final XMLInputFactory JDK = secure(XMLInputFactory.newDefaultFactory());
    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private XmlParts() {
    }

    private static XMLInputFactory secure(XMLInputFactory f) {
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** A reader over one part; {@code maxRun} bounds what the fast parser may hold at once (bytes). */
    static XMLStreamReader open(InputStream part, long maxRun) throws IOException, XMLStreamException {
        byte[] head = part.readNBytes(256);
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), part);
        if (aaltoCanRead(head)) {
            return AALTO.createXMLStreamReader(new RunGuard(whole, maxRun));
        }
        return JDK.createXMLStreamReader(whole);
    }

    /** ASCII-compatible bytes (no BOM but UTF-8's, no NULs up front) declaring UTF-8, ASCII, Latin-1 or nothing. */
    static boolean aaltoCanRead(byte[] head) {
        if (!asciiCompatible(head)) {
            return false;
        }
        int from = head.length >= 3 && (head[0] & 0xFF) == 0xEF ? 3 : 0;
        String start = new String(head, from, head.length - from, StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(start);
        if (!m.find()) {
            return true; // no declaration, or none naming an encoding: UTF-8
        }
        return switch (m.group(1).toUpperCase(Locale.ROOT)) {
            case "UTF-8", "UTF8", "US-ASCII", "ASCII", "ISO-8859-1", "LATIN1", "ISO8859-1", "ISO8859_1" -> true;
            default -> false;
        };
    }

    /** Not UTF-16 or UTF-32: a '<' byte is a '<' (true of UTF-8 and of the legacy Chinese charsets too). */
    static boolean asciiCompatible(byte[] head) {
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE || (head[0] & 0xFF) == 0xFF)) {
            return false; // a UTF-16 (or UTF-32 LE) byte-order mark
        }
        for (int i = 0; i < Math.min(head.length, 4); i++) {
            if (head[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** What a DOCTYPE in a part is reported as (Excel never writes one; POI's parsers refuse them too). */
    static ReadFailure doctype() {
        return new ReadFailure(ReadFailure.Reason.UNREADABLE, Failures.DOCTYPE, null);
    }

    static ReadFailure tooDeep() {
        return new ReadFailure(ReadFailure.Reason.UNREADABLE, "XML 结构嵌套超过 " + MAX_DEPTH + " 层", null);
    }

    /**
     * Fails the read when a run of bytes between two '<' (one text node, or one tag) is longer than allowed; a
     * CDATA section, a comment or a processing instruction is one run however many '<' it holds. Refuses a
     * DOCTYPE before the parser sees it (aalto rejects some with a bare syntax error instead).
     */
    static final class RunGuard extends FilterInputStream {
        private static final int TEXT = 0;
        private static final int LT = 1;       // after '<'
        private static final int LT_BANG = 2;  // after "<!"
        private static final int CDATA = 3;    // inside <![CDATA[ …
        private static final int CD1 = 4;      // … ]
        private static final int CD2 = 5;      // … ]]
        private static final int COMMENT = 6;  // inside <!-- …
        private static final int CM1 = 7;      // … -
        private static final int CM2 = 8;      // … --
        private static final int PI = 9;       // inside <? …
        private static final int PI1 = 10;     // … ?
        private final long maxRun;
        private long run;
        private int state = TEXT;

        RunGuard(InputStream in, long maxRun) {
            super(in);
            this.maxRun = maxRun;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            int end = off + Math.max(n, 0);
            long r = run;
            int s = state;
            for (int i = off; i < end; i++) {
                byte c = b[i];
                if (s == TEXT) {
                    // the common case, kept tight: look for the next '<'
                    if (c == '<') {
                        if (r > maxRun) {
                            throw tooLong();
                        }
                        r = 0;
                        s = LT;
                    } else {
                        r++;
                    }
                    continue;
                }
                r++;
                s = switch (s) {
                    case LT -> c == '!' ? LT_BANG : c == '?' ? PI : c == '<' ? LT : TEXT;
                    case LT_BANG -> {
                        if (c == 'D') {
                            throw new IOException("DOCTYPE", doctype());
                        }
                        yield c == '[' ? CDATA : c == '-' ? COMMENT : TEXT;
                    }
                    case CDATA -> c == ']' ? CD1 : CDATA;
                    case CD1 -> c == ']' ? CD2 : CDATA;
                    case CD2 -> c == '>' ? TEXT : c == ']' ? CD2 : CDATA;
                    case COMMENT -> c == '-' ? CM1 : COMMENT;
                    case CM1 -> c == '-' ? CM2 : COMMENT;
                    case CM2 -> c == '>' ? TEXT : c == '-' ? CM2 : COMMENT;
                    case PI -> c == '?' ? PI1 : PI;
                    default -> c == '>' ? TEXT : c == '?' ? PI1 : PI; // PI1
                };
                if (s == LT && c == '<') {
                    r = 0; // "<<" is not well-formed; the parser says so
                }
            }
            run = r;
            state = s;
            if (r > maxRun) {
                throw tooLong();
            }
            return n;
        }

        private IOException tooLong() {
            return new IOException("text run too long", new ReadFailure(ReadFailure.Reason.TOO_LARGE,
                    "单元格内容超过 " + maxRun + " 个字符", null));
        }
    }
}
