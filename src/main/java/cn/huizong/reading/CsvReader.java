package cn.huizong.reading;

import cn.huizong.support.ReadLimits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import cn.huizong.support.TextDecoding;

/**
 * Reads CSV as Chinese Excel and WPS save it: UTF-8 with or without BOM, GBK/GB18030, UTF-16 with BOM;
 * comma, semicolon or tab separated; quoted fields with line breaks. One CSV record is one row.
 */
public final class CsvReader {

    private final ReadLimits limits;

    public CsvReader(ReadLimits limits) {
        this.limits = limits;
    }

    /** @param source opens the bytes afresh each time: once to detect the encoding, once to parse */
    public void read(Supplier<InputStream> source, String sheetName, RowHandler handler) throws ReadFailure {
        try {
            Charset charset = detect(source);
            char delimiter = delimiter(source, charset);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(false)
                    .setTrailingData(true) // "abc"x as Excel reads it; an unclosed quote is still an error
                    .get();
            RecordBudget budget = new RecordBudget(
                    skipBom(new InputStreamReader(new BufferedInputStream(source.get()), charset)), limits.maxTextChars());
            try (Reader reader = budget; CSVParser parser = format.parse(reader)) {
                handler.startSheet(SheetInfo.shown(sheetName, 0, MergedRegions.NONE));
                long cells = 0;
                for (CSVRecord r : parser) {
                    budget.next();
                    int rowNumber = (int) r.getRecordNumber();
                    if (rowNumber > limits.maxRowsPerSheet() || r.size() > limits.maxColumns()) {
                        throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, "行数或列数超过上限", sheetName, rowNumber, null);
                    }
                    List<Cell> cells1 = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        String v = r.get(i);
                        if (!v.isEmpty()) {
                            cells1.add(Cell.text(i, v));
                        }
                    }
                    cells += r.size();
                    if (cells > limits.maxCellsPerFile()) {
                        throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, "单元格数超过上限", sheetName, rowNumber, null);
                    }
                    if (!cells1.isEmpty() && !handler.row(new SheetRow(rowNumber, cells1))) {
                        break;
                    }
                }
                handler.endSheet();
            }
        } catch (ReadFailure e) {
            throw e;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            int depth = 0;
            for (Throwable t = e; t != null && depth++ < 32; t = t.getCause()) {
                if (t instanceof RecordTooLong) {
                    throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, "一行内容超过 " + limits.maxTextChars() + " 个字符（可能缺少配对的引号）", e);
                }
            }
            throw new ReadFailure(ReadFailure.Reason.UNREADABLE, "CSV 格式错误：引号不配对或内容不完整", e);
        }
    }

    /** Byte-order mark first; else the bytes streamed through a strict UTF-8 decoder; what it rejects is GB18030. */
    static Charset detect(Supplier<InputStream> source) throws IOException {
        try (InputStream in = new BufferedInputStream(source.get())) {
            in.mark(4);
            byte[] head = in.readNBytes(3);
            in.reset();
            if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF || (head[0] & 0xFF) == 0xFE)
                    || head.length == 3 && (head[0] & 0xFF) == 0xEF) {
                Charset bom = TextDecoding.detect(head);
                if (bom != TextDecoding.GB18030) {
                    return bom;
                }
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            try (Reader r = new InputStreamReader(in, decoder)) {
                char[] buf = new char[16 * 1024];
                while (r.read(buf) >= 0) {
                    // decoding is the check
                }
                return StandardCharsets.UTF_8;
            } catch (CharacterCodingException e) {
                return TextDecoding.GB18030;
            }
        }
    }

    /**
     * Comma unless the first record clearly uses tabs or semicolons instead (European and some WPS exports).
     * Counted outside quotes: a quoted header cell may hold tabs and line breaks.
     */
    private static char delimiter(Supplier<InputStream> source, Charset charset) throws IOException {
        try (Reader r = new InputStreamReader(source.get(), charset)) {
            char[] buf = new char[8192];
            int n = r.read(buf);
            int commas = 0;
            int tabs = 0;
            int semis = 0;
            boolean quoted = false;
            for (int i = 0; i < Math.max(n, 0); i++) {
                char c = buf[i];
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                } else if (!quoted) {
                    switch (c) {
                        case ',' -> commas++;
                        case '\t' -> tabs++;
                        case ';' -> semis++;
                        default -> {
                        }
                    }
                }
            }
            if (tabs > commas && tabs >= semis) {
                return '\t';
            }
            return semis > commas ? ';' : ',';
        }
    }

    /**
     * Counts the characters the parser takes between two records: an unclosed quote would otherwise make it
     * gather the rest of the file into one field in memory.
     */
    private static final class RecordBudget extends java.io.FilterReader {
        private static final int READ_AHEAD = 16 * 1024;
        private final long max;
        private long used;

        RecordBudget(Reader in, long max) {
            super(in);
            this.max = max;
        }

        void next() {
            used = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            charge(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            charge(Math.max(n, 0));
            return n;
        }

        private void charge(int n) throws IOException {
            used += n;
            if (used > max + READ_AHEAD) { // the parser reads ahead in blocks: a record is charged them too
                throw new RecordTooLong();
            }
        }
    }

    private static final class RecordTooLong extends IOException {
        RecordTooLong() {
            super("CSV record too long");
        }
    }

    private static Reader skipBom(Reader reader) throws IOException {
        java.io.PushbackReader pr = new java.io.PushbackReader(reader, 1);
        int c = pr.read();
        if (c != -1 && c != '\uFEFF') {
            pr.unread(c);
        }
        return pr;
    }
}
