package cn.huizong.reading;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The shared-strings table held as chars in large chunks with offsets: a 200,000-row workbook has close to a
 * million unique strings, and a String object each would cost twice the heap of the text itself.
 */
final class CompactStrings {

    private static final int CHUNK = 1 << 20;

    private char[][] chunks = new char[4][];
    private int chunkCount;
    private int used = CHUNK; // forces a first chunk
    private int[] chunkOf = new int[1024];
    private int[] start = new int[1024];
    private int[] length = new int[1024];
    private int size;
    private long chars;

    /**
     * @param maxStrings entries of the table (a workbook cannot use more strings than it has cells)
     * @param maxChars   characters of all entries together, and so of any one of them
     */
    static CompactStrings parse(InputStream in, long maxStrings, long maxChars) throws IOException, XMLStreamException,
            ReadFailure {
        CompactStrings table = new CompactStrings();
        XMLStreamReader r = XmlParts.open(in, maxChars);
        StringBuilder current = new StringBuilder();
        boolean inText = false;
        int phoneticDepth = 0;
        int depth = 0;
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > XmlParts.MAX_DEPTH) {
                        throw XmlParts.tooDeep();
                    }
                    switch (r.getLocalName()) {
                        case "si" -> current.setLength(0);
                        case "t" -> inText = phoneticDepth == 0;
                        case "rPh" -> phoneticDepth++;
                        default -> {
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    switch (r.getLocalName()) {
                        case "si" -> {
                            if (table.size >= maxStrings) {
                                throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, "共享字符串超过 " + maxStrings + " 条", null);
                            }
                            table.add(current);
                            table.chars += current.length();
                        }
                        case "t" -> inText = false;
                        case "rPh" -> phoneticDepth--;
                        default -> {
                        }
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (inText) {
                        current.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        if (table.chars + current.length() > maxChars) {
                            throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, "共享字符串超过 " + maxChars + " 个字符", null);
                        }
                    }
                }
                case XMLStreamConstants.DTD -> throw XmlParts.doctype();
                default -> {
                }
            }
        }
        r.close();
        return table;
    }

    private void add(CharSequence s) {
        int len = s.length();
        if (used + len > CHUNK) {
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunkCount * 2);
            }
            chunks[chunkCount++] = new char[Math.max(CHUNK, len)];
            used = 0;
        }
        if (s instanceof StringBuilder sb) {
            sb.getChars(0, len, chunks[chunkCount - 1], used);
        } else {
            s.toString().getChars(0, len, chunks[chunkCount - 1], used);
        }
        if (size == start.length) {
            int n = size * 2;
            chunkOf = Arrays.copyOf(chunkOf, n);
            start = Arrays.copyOf(start, n);
            length = Arrays.copyOf(length, n);
        }
        chunkOf[size] = chunkCount - 1;
        start[size] = used;
        length[size] = len;
        size++;
        used += len;
    }

    String get(int index) {
        if (index < 0 || index >= size) {
            return "";
        }
        return new String(chunks[chunkOf[index]], start[index], length[index]);
    }

    int size() {
        return size;
    }
}
