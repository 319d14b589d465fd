package cn.huizong.reading;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.util.CellRangeAddress;

import cn.huizong.support.ReadLimits;

/**
 * What a sheet says around its rows: hidden columns ({@code <col>}, before the data) and merged ranges
 * ({@code <mergeCell>}, after it). Both are needed before the first row, so the sheet's bytes are scanned once
 * for these two elements without parsing XML: in well-formed XML a '<' outside comments and CDATA always opens
 * markup (text and attribute values escape it), and a fake element inside a comment could only claim what a
 * real one can. The scan holds a small buffer whatever the sheet's size; the rows are then parsed by
 * {@link XlsxReader}, which reports malformed XML and guards what the parser may hold.
 */
final class SheetLayout {

    /** Longest {@code <col>} or {@code <mergeCell>} tag read; a longer one is not Excel's and counts for nothing. */
    private static final int MAX_TAG = 4_096;
    private static final byte[] MERGE_CELL = "mergeCell".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] COL = "col".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final MergedRegions merged;
    final Set<Integer> hiddenColumns;

    private SheetLayout(MergedRegions merged, Set<Integer> hiddenColumns) {
        this.merged = merged;
        this.hiddenColumns = hiddenColumns;
    }

    static SheetLayout scan(InputStream part, ReadLimits limits, String sheet) throws IOException, ReadFailure {
        byte[] head = part.readNBytes(256);
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(head), part);
        if (!XmlParts.asciiCompatible(head)) {
            return parsed(in, limits, sheet); // UTF-16: '<' is not one byte, so parse as before
        }
        return new Scanner(in, limits, sheet).scan();
    }

    private static SheetLayout parsed(InputStream in, ReadLimits limits, String sheet) throws IOException, ReadFailure {
        Collector found = new Collector(limits, sheet);
        try {
            XMLStreamReader r = XmlParts.open(in, limits.maxTextChars());
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw XmlParts.doctype();
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "col" -> found.col(attribute(r, "hidden"), attribute(r, "min"), attribute(r, "max"));
                        case "mergeCell" -> found.mergeCell(attribute(r, "ref"));
                        default -> {
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw Failures.classify(e, "XML 结构损坏");
        }
        return found.layout();
    }

    private static String attribute(XMLStreamReader r, String name) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (SheetRows.unprefixed(r, i).equals(name)) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    /** The merged ranges and hidden columns of one sheet, within the limits. */
    private static final class Collector {
        private final ReadLimits limits;
        private final String sheet;
        private final List<CellRangeAddress> ranges = new ArrayList<>();
        private final Set<Integer> hidden = new HashSet<>();

        Collector(ReadLimits limits, String sheet) {
            this.limits = limits;
            this.sheet = sheet;
        }

        void col(String hiddenValue, String min, String max) {
            if ("1".equals(hiddenValue) || "true".equals(hiddenValue)) {
                // a range of columns; only the ones a table can use are worth remembering
                int first = parseInt(min, 1);
                int maxCol = Math.min(parseInt(max, first), Math.min(limits.maxColumns(), 1_000));
                for (int c = Math.max(first, 1); c <= maxCol; c++) {
                    hidden.add(c - 1);
                }
            }
        }

        void mergeCell(String ref) throws ReadFailure {
            if (ref == null || !ref.contains(":")) {
                return;
            }
            if (ranges.size() >= limits.maxMergedRegions()) {
                throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, "合并单元格超过 " + limits.maxMergedRegions() + " 处", sheet, 0, null);
            }
            try {
                ranges.add(CellRangeAddress.valueOf(ref));
            } catch (RuntimeException ignored) {
                // a malformed range merges nothing
            }
        }

        SheetLayout layout() {
            return new SheetLayout(ranges.isEmpty() ? MergedRegions.NONE : new MergedRegions(ranges), hidden);
        }
    }

    private static final class Scanner {
        private final InputStream in;
        private final Collector found;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int lim;
        private boolean eof;

        Scanner(InputStream in, ReadLimits limits, String sheet) {
            this.in = in;
            this.found = new Collector(limits, sheet);
        }

        SheetLayout scan() throws IOException, ReadFailure {
            fill(0);
            while (true) {
                int i = pos;
                byte[] b = buf;
                int end = lim;
                while (i < end && b[i] != '<') {
                    i++;
                }
                if (i == end) {
                    if (eof) {
                        break;
                    }
                    pos = lim = 0;
                    fill(0);
                    continue;
                }
                pos = i + 1;
                // make the start of the tag readable: its name and, for the two we want, the whole tag
                if (lim - pos < MAX_TAG && !eof) {
                    compact();
                    fill(MAX_TAG);
                }
                tag(pos);
            }
            return found.layout();
        }

        /** Moves the unread bytes to the front. */
        private void compact() {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }

        private void fill(int want) throws IOException {
            while (lim - pos < want || lim == 0) {
                int n = in.read(buf, lim, buf.length - lim);
                if (n < 0) {
                    eof = true;
                    return;
                }
                lim += n;
                if (lim == buf.length) {
                    return;
                }
            }
        }

        /** The markup starting at buf[at] (just after '<'). */
        private void tag(int at) throws ReadFailure {
            int nameStart = at;
            int i = at;
            while (i < lim && nameChar(buf[i])) {
                if (buf[i] == ':') {
                    nameStart = i + 1; // a prefix (x:mergeCell): the local name counts, as for the SAX parser
                }
                i++;
            }
            if (i >= lim || !(buf[i] == '/' || buf[i] == '>' || isSpace(buf[i]))) {
                return;
            }
            boolean merge = equals(nameStart, i, MERGE_CELL);
            boolean col = !merge && equals(nameStart, i, COL);
            if (!merge && !col) {
                return;
            }
            String ref = null;
            String hiddenValue = null;
            String min = null;
            String max = null;
            // attributes: name = "value" pairs up to '/' or '>'
            while (true) {
                while (i < lim && isSpace(buf[i])) {
                    i++;
                }
                if (i >= lim || buf[i] == '/' || buf[i] == '>') {
                    break;
                }
                int an = i;
                while (i < lim && nameChar(buf[i])) {
                    i++;
                }
                int anEnd = i;
                while (i < lim && isSpace(buf[i])) {
                    i++;
                }
                if (anEnd == an || i >= lim || buf[i] != '=') {
                    return; // not well-formed: the parser of the rows will say so
                }
                i++;
                while (i < lim && isSpace(buf[i])) {
                    i++;
                }
                if (i >= lim || (buf[i] != '"' && buf[i] != '\'')) {
                    return;
                }
                byte quote = buf[i++];
                int vs = i;
                while (i < lim && buf[i] != quote) {
                    i++;
                }
                if (i >= lim) {
                    return; // longer than MAX_TAG or cut off
                }
                String name = ascii(an, anEnd); // prefixed ones (x:ref) are not ours, as for SAX's getValue("ref")
                String value = attributeValue(vs, i);
                i++;
                switch (name) {
                    case "ref" -> ref = value;
                    case "hidden" -> hiddenValue = value;
                    case "min" -> min = value;
                    case "max" -> max = value;
                    default -> {
                    }
                }
            }
            if (merge) {
                found.mergeCell(ref);
            } else {
                found.col(hiddenValue, min, max);
            }
        }

        private boolean equals(int from, int to, byte[] word) {
            if (to - from != word.length) {
                return false;
            }
            for (int k = 0; k < word.length; k++) {
                if (buf[from + k] != word[k]) {
                    return false;
                }
            }
            return true;
        }

        private String ascii(int from, int to) {
            return new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        /** An attribute value as the XML parser would give it: the predefined and numeric references resolved. */
        private String attributeValue(int from, int to) {
            String raw = new String(buf, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
            if (raw.indexOf('&') < 0) {
                return raw;
            }
            StringBuilder sb = new StringBuilder(raw.length());
            for (int k = 0; k < raw.length(); k++) {
                char c = raw.charAt(k);
                int semi = c == '&' ? raw.indexOf(';', k) : -1;
                if (semi < 0) {
                    sb.append(c);
                    continue;
                }
                String entity = raw.substring(k + 1, semi);
                String resolved = switch (entity) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> numeric(entity);
                };
                if (resolved == null) {
                    sb.append(c);
                } else {
                    sb.append(resolved);
                    k = semi;
                }
            }
            return sb.toString();
        }

        private static String numeric(String entity) {
            try {
                if (entity.startsWith("#x")) {
                    return Character.toString(Integer.parseInt(entity.substring(2), 16));
                }
                if (entity.startsWith("#")) {
                    return Character.toString(Integer.parseInt(entity.substring(1)));
                }
            } catch (RuntimeException e) {
                // not a character reference
            }
            return null;
        }

        private static boolean nameChar(byte b) {
            return b != '/' && b != '>' && b != '=' && b != '"' && b != '\'' && b != '<' && !isSpace(b);
        }

        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r';
        }
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
