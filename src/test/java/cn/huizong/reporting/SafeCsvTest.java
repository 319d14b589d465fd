package cn.huizong.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OWASP CSV-injection rule: text starting with = + - @ TAB or CR gets a leading apostrophe. */
class SafeCsvTest {

    @TempDir
    Path work;

    @Test
    void textThatASpreadsheetWouldRunIsNeutralised() {
        for (String s : List.of("=1+1", "+86 13812345678", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"x\")")) {
            assertThat(SafeCsv.inert(s)).isEqualTo("'" + s);
        }
        for (String s : List.of("郑州市教育局", "13812345678", "a=b", " =1", "'=1", "")) {
            assertThat(SafeCsv.inert(s)).isEqualTo(s);
        }
    }

    @Test
    void rowsNeutraliseTextButPrintNumbersAsTheyAre() throws Exception {
        Path file = work.resolve("x.csv");
        try (SafeCsv csv = SafeCsv.create(file, List.of("text", "number"))) {
            csv.row("=cmd|' /C calc'!A0", -5);
        }
        assertThat(Files.readString(file)).isEqualTo("text,number\n'=cmd|' /C calc'!A0,-5\n");
    }
}
