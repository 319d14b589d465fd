package cn.huizong.reading;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import cn.huizong.support.ReadLimits;

/**
 * Streams the rows of one sheet's XML to a {@link RowHandler}, one StAX pass, memory flat however many rows:
 * each cell's value is collected in a reused buffer and becomes a {@link Cell} only when it holds something.
 */
final class SheetRows {

    private final String sheet;
    private final CompactStrings strings;
    private final boolean[] dateStyles;
    private final boolean date1904;
    private final RowHandler handler;
    private final long[] cellBudget;
    private final ReadLimits limits;

    private char[] value = new char[64];
    private int valueLength;
    private final StringBuilder inline = new StringBuilder();
    private List<Cell> cells = new ArrayList<>();
    private int rowNumber;
    private boolean rowHidden;
    private int rowsSeen;
    private int column = -1;
    private String type;
    private int style;
    private boolean inValue;
    private boolean inInlineText;
    private int phoneticDepth;

    SheetRows(String sheet, CompactStrings strings, boolean[] dateStyles, boolean date1904, RowHandler handler,
            long[] cellBudget, ReadLimits limits) {
        this.sheet = sheet;
        this.strings = strings;
        this.dateStyles = dateStyles;
        this.date1904 = date1904;
        this.handler = handler;
        this.cellBudget = cellBudget;
        this.limits = limits;
    }

    /** Reads the sheet to its end, or until the handler wants no more of it. */
    void read(InputStream in) throws IOException, XMLStreamException, ReadFailure {
        XMLStreamReader r = XmlParts.open(in, limits.maxTextChars());
        int depth = 0;
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > XmlParts.MAX_DEPTH) {
                        throw XmlParts.tooDeep();
                    }
                    start(r);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (!end(r.getLocalName())) {
                        return; // the handler has what it wanted from this sheet
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (inValue) {
                        appendValue(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    } else if (inInlineText) {
                        inline.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        if (inline.length() > limits.maxTextChars()) {
                            throw failAtCell("单元格内容超过 " + limits.maxTextChars() + " 个字符");
                        }
                    }
                }
                case XMLStreamConstants.DTD -> throw XmlParts.doctype();
                default -> {
                }
            }
        }
    }

    private void start(XMLStreamReader r) throws ReadFailure {
        switch (r.getLocalName()) {
            case "row" -> {
                String h = null;
                String ref = null;
                for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
                    switch (unprefixed(r, i)) {
                        case "hidden" -> h = r.getAttributeValue(i);
                        case "r" -> ref = r.getAttributeValue(i);
                        default -> {
                        }
                    }
                }
                rowHidden = "1".equals(h) || "true".equals(h);
                rowNumber = ref != null ? parseInt(ref, rowNumber + 1) : rowNumber + 1;
                cells = new ArrayList<>();
                column = -1;
                if (++rowsSeen > limits.maxRowsPerSheet() || rowNumber > limits.maxRowsPerSheet()) {
                    throw fail("工作表行数超过上限 " + limits.maxRowsPerSheet());
                }
            }
            case "c" -> {
                String ref = null;
                String s = null;
                type = null;
                for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
                    switch (unprefixed(r, i)) {
                        case "r" -> ref = r.getAttributeValue(i);
                        case "t" -> type = r.getAttributeValue(i);
                        case "s" -> s = r.getAttributeValue(i);
                        default -> {
                        }
                    }
                }
                column = ref != null ? columnOf(ref, column + 1) : column + 1;
                style = s == null ? 0 : parseInt(s, 0);
                valueLength = 0;
                inline.setLength(0);
            }
            case "v" -> inValue = true;
            case "t" -> inInlineText = phoneticDepth == 0;
            case "rPh" -> phoneticDepth++;
            default -> {
            }
        }
    }

    /** An attribute's name when it has no prefix (as SAX's getValue("t") finds them), else "". */
    static String unprefixed(XMLStreamReader r, int i) {
        String prefix = r.getAttributePrefix(i);
        return prefix == null || prefix.isEmpty() ? r.getAttributeLocalName(i) : "";
    }

    /** @return false when the handler wants no more rows of this sheet */
    private boolean end(String name) throws ReadFailure {
        switch (name) {
            case "v" -> inValue = false;
            case "t" -> inInlineText = false;
            case "rPh" -> phoneticDepth--;
            case "c" -> endCell();
            case "row" -> {
                return cells.isEmpty() || handler.row(new SheetRow(rowNumber, cells, rowHidden));
            }
            default -> {
            }
        }
        return true;
    }

    private void appendValue(char[] text, int start, int length) throws ReadFailure {
        if ((long) valueLength + length > limits.maxTextChars()) {
            throw failAtCell("单元格内容超过 " + limits.maxTextChars() + " 个字符");
        }
        if (valueLength + length > value.length) {
            value = Arrays.copyOf(value, Math.max(value.length * 2, valueLength + length));
        }
        System.arraycopy(text, start, value, valueLength, length);
        valueLength += length;
    }

    private void endCell() throws ReadFailure {
        if (column >= limits.maxColumns()) {
            throw fail("列数超过上限 " + limits.maxColumns());
        }
        if (--cellBudget[0] < 0) {
            throw fail("单元格数超过上限 " + limits.maxCellsPerFile());
        }
        Cell cell = toCell();
        if (cell != null && !cell.text().isEmpty()) {
            cells.add(cell);
        }
    }

    private Cell toCell() {
        if (type == null || "n".equals(type)) {
            if (valueLength == 0) {
                return null;
            }
            String v = new String(value, 0, valueLength);
            try {
                double d = Double.parseDouble(v);
                boolean isDate = style >= 0 && style < dateStyles.length && dateStyles[style];
                return isDate ? CellFormats.numeric(column, d, 14, null, date1904) : Cell.text(column, CellFormats.number(d));
            } catch (NumberFormatException e) {
                return Cell.text(column, v);
            }
        }
        return switch (type) {
            case "s" -> Cell.text(column, strings.get(stringIndex()));
            case "inlineStr" -> Cell.text(column, inline.toString());
            case "b" -> Cell.text(column, valueLength == 1 && value[0] == '1' ? "TRUE" : "FALSE");
            case "d" -> isoDate(new String(value, 0, valueLength));
            default -> Cell.text(column, new String(value, 0, valueLength)); // str (formula text), e (error)
        };
    }

    /** The shared-string index in the value, as {@code Integer.parseInt(v.trim())} reads it; -1 if none. */
    private int stringIndex() {
        int from = 0;
        int to = valueLength;
        while (from < to && value[from] <= ' ') {
            from++;
        }
        while (to > from && value[to - 1] <= ' ') {
            to--;
        }
        if (to == from || to - from > 9) {
            return to == from ? -1 : parseInt(new String(value, from, to - from), -1);
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value[i];
            if (c < '0' || c > '9') {
                return parseInt(new String(value, from, to - from), -1); // a sign, or not a number
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private Cell isoDate(String v) {
        try {
            return Cell.date(column, java.time.LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v));
        } catch (RuntimeException e) {
            return Cell.text(column, v);
        }
    }

    private ReadFailure fail(String detail) {
        return new ReadFailure(ReadFailure.Reason.TOO_LARGE, detail, sheet, rowNumber, null);
    }

    /** A failure at the cell being read, so the message can name it. */
    private ReadFailure failAtCell(String detail) {
        return new ReadFailure(ReadFailure.Reason.TOO_LARGE, detail, sheet, rowNumber,
                column < 0 ? null : org.apache.poi.ss.util.CellReference.convertNumToColString(column), null);
    }

    static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static int columnOf(String ref, int fallback) {
        int col = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
            if (col > 20_000) {
                return fallback;
            }
        }
        return i == 0 ? fallback : col - 1;
    }
}
