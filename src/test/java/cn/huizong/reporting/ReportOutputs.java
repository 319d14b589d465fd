package cn.huizong.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import cn.huizong.support.Sha256;
import cn.huizong.HuizongApplication;

/** Helpers shared by the report tests: run consolidate in-process, read CSV feeds and workbooks. */
final class ReportOutputs {

    private ReportOutputs() {
    }

    /** Runs {@code consolidate} on an inbox with a fresh in-memory database; fails the test on a non-zero exit. */
    static Path consolidate(Path inbox, Path output, String dbName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HuizongApplication.run(new String[] {"consolidate", "--input", inbox.toString(), "--output",
                output.toString(), "--data", output.resolveSibling(output.getFileName() + "-data").toString(), "--db", "jdbc:h2:mem:" + dbName + ";DB_CLOSE_DELAY=-1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return output.resolve("latest");
    }

    /** Opens read-only from the file (never writes back). */
    static Workbook open(Path file) throws IOException {
        return WorkbookFactory.create(file.toFile(), null, true);
    }

    static String text(Sheet sheet, int row, int col) {
        Row r = sheet.getRow(row);
        Cell c = r == null ? null : r.getCell(col);
        if (c == null) {
            return "";
        }
        return c.getCellType() == CellType.NUMERIC ? String.valueOf((long) c.getNumericCellValue())
                : c.getStringCellValue();
    }

    /** Texts of one column over the body rows (from the row after the header to the last). */
    static List<String> column(Sheet sheet, int headerRow, int col) {
        List<String> out = new ArrayList<>();
        for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
            out.add(text(sheet, r, col));
        }
        return out;
    }

    /** Every cell of every sheet that is a formula, as sheet!A1. */
    static List<String> formulaCells(Workbook wb) {
        List<String> out = new ArrayList<>();
        for (Sheet s : wb) {
            for (Row r : s) {
                for (Cell c : r) {
                    if (c.getCellType() == CellType.FORMULA) {
                        out.add(s.getSheetName() + "!" + c.getAddress());
                    }
                }
            }
        }
        return out;
    }

    /** Path → SHA-256 and modification time of every file under a folder. */
    static Map<String, String> fingerprint(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    out.put(dir.relativize(p).toString(), Sha256.of(in) + " " + Files.getLastModifiedTime(p));
                }
            }
        }
        return out;
    }
}
