package cn.huizong.reading;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

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
    static CompactStrings parse(InputStream in, long maxStrings, long maxChars) throws IOException, SAXException {
        CompactStrings table = new CompactStrings();
        XMLReader reader;
        try {
            reader = XMLHelper.newXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
        reader.setContentHandler(new DefaultHandler() {
            private final StringBuilder current = new StringBuilder();
            private boolean inText;
            private int phoneticDepth;

            @Override
            public void startElement(String uri, String localName, String qName, Attributes atts) {
                switch (localName) {
                    case "si" -> current.setLength(0);
                    case "t" -> inText = phoneticDepth == 0;
                    case "rPh" -> phoneticDepth++;
                    default -> {
                    }
                }
            }

            @Override
            public void endElement(String uri, String localName, String qName) throws SAXException {
                switch (localName) {
                    case "si" -> {
                        if (table.size >= maxStrings) {
                            throw new SAXException(new LimitExceeded("共享字符串超过 " + maxStrings + " 条"));
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

            @Override
            public void characters(char[] ch, int s, int len) throws SAXException {
                if (inText) {
                    current.append(ch, s, len);
                    if (table.chars + current.length() > maxChars) {
                        throw new SAXException(new LimitExceeded("共享字符串超过 " + maxChars + " 个字符"));
                    }
                }
            }
        });
        reader.parse(new InputSource(in));
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
        char[] target = chunks[chunkCount - 1];
        for (int i = 0; i < len; i++) {
            target[used + i] = s.charAt(i);
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

    /** Thrown through the SAX parser when a configured limit is passed. */
    static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message);
        }
    }
}
