package cn.huizong.reporting;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.Workbooks;

/**
 * A marked copy is an output a clerk opens: the sender's live formulas arrive as the values they showed, and a
 * workbook with macros gets no copy at all (its letter lists the problems instead).
 */
class MarkedCopiesInertTest {

    @TempDir
    Path work;

    /** A 附件1 with a bad phone (so a copy is made) and a live HYPERLINK formula with a cached value. */
    static byte[] withFormula(Workbook wb, String unit) throws Exception {
        byte[] base = wb instanceof HSSFWorkbook
                ? xls(Workbooks.pairingSheet(unit, List.of(row(unit))))
                : Workbooks.xlsxBytes(Workbooks.pairingSheet(unit, List.of(row(unit))));
        try (Workbook filled = wb instanceof HSSFWorkbook ? new HSSFWorkbook(new ByteArrayInputStream(base))
                : new XSSFWorkbook(new ByteArrayInputStream(base))) {
            Sheet s = filled.getSheetAt(0);
            Row data = s.getRow(4);
            data.getCell(5).setCellFormula("HYPERLINK(\"http://evil.example\",\"点我\")");
            filled.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(data.getCell(5));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            filled.write(out);
            return out.toByteArray();
        }
    }

    static List<Object> row(String unit) {
        return r(unit, "高新区", "张伟 电话待定", "赵敏 0371-67180001", "人才", "举措", "推进中", "长期");
    }

    static byte[] xls(Workbooks.SheetSpec sheet) throws Exception {
        Path tmp = Files.createTempFile("x", ".xls");
        try {
            Workbooks.xls(tmp, sheet);
            return Files.readAllBytes(tmp);
        } finally {
            Files.delete(tmp);
        }
    }

    @Test
    void formulasBecomeTheirValuesAndMacroWorkbooksAreNotCopied() throws Exception {
        Path inbox = work.resolve("inbox");
        // three units: each file is its unit's current submission, so each has its problems judged
        for (String unit : List.of("郑州市教育局", "开封市教育局", "洛阳市教育局")) {
            Files.createDirectories(inbox.resolve(unit));
        }
        Files.write(inbox.resolve("郑州市教育局/公式.xlsx"), withFormula(new XSSFWorkbook(), "郑州市教育局"));
        Files.write(inbox.resolve("开封市教育局/公式.xls"), withFormula(new HSSFWorkbook(), "开封市教育局"));
        try (XSSFWorkbook macro = new XSSFWorkbook(new ByteArrayInputStream(withFormula(new XSSFWorkbook(), "洛阳市教育局")))) {
            macro.setWorkbookType(XSSFWorkbookType.XLSM);
            macro.setVBAProject(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}));
            try (OutputStream out = Files.newOutputStream(inbox.resolve("洛阳市教育局/宏.xlsm"))) {
                macro.write(out);
            }
        }

        Path latest = ReportOutputs.consolidate(inbox, work.resolve("output"), "inert-copies");
        Path feedback = latest.resolve("反馈");

        for (String name : List.of("郑州市教育局/公式.xlsx", "开封市教育局/公式.xls")) {
            assertThat(feedback.resolve(name)).as(name).exists();
            try (Workbook wb = ReportOutputs.open(feedback.resolve(name))) {
                assertThat(ReportOutputs.formulaCells(wb)).as(name).isEmpty();
                org.apache.poi.ss.usermodel.Cell c = wb.getSheetAt(0).getRow(4).getCell(5);
                assertThat(c.getCellType()).isEqualTo(CellType.STRING);
                assertThat(c.getStringCellValue()).isEqualTo("点我");
            }
        }
        try (var files = Files.walk(feedback)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("宏"));
        }
    }
}
