package cn.huizong.reporting;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV dialect of every output: UTF-8 without BOM, header row, LF line ends, RFC 4180 quoting. Text from
 * submissions that starts with = + - @ TAB or CR gets a leading ' (OWASP CSV-injection rule) so that a
 * spreadsheet never runs it as a formula.
 */
public final class SafeCsv implements AutoCloseable {

    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private final CSVPrinter printer;

    private SafeCsv(CSVPrinter printer) {
        this.printer = printer;
    }

    public static SafeCsv create(Path file, List<String> header) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, FORMAT);
        p.printRecord(header);
        return new SafeCsv(p);
    }

    /** Records only, no header, into a writer the caller owns (a part of a feed put together later). */
    static SafeCsv records(Writer w) throws IOException {
        return new SafeCsv(new CSVPrinter(w, FORMAT));
    }

    void flush() throws IOException {
        printer.flush();
    }

    /** A record; Strings are treated as untrusted text, other values (numbers, booleans) printed as they are. */
    public void row(Object... values) throws IOException {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] instanceof String s ? inert(s) : values[i] == null ? "" : values[i];
        }
        printer.printRecord(out);
    }

    /** A record of generated values (codes, dates, hashes) that need no neutralising. */
    public void trustedRow(Object... values) throws IOException {
        printer.printRecord(values);
    }

    public static String inert(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
