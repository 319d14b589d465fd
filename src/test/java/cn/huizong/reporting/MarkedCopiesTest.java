package cn.huizong.reporting;

import static cn.huizong.fixtures.Workbooks.r;
import static cn.huizong.reporting.ReportOutputs.open;
import static cn.huizong.reporting.ReportsTest.comments;
import static cn.huizong.reporting.ReportsTest.redFill;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.Feeds;
import cn.huizong.fixtures.Workbooks;

/**
 * Marked copies and workbooks from submissions that try to break them: text that looks like formulas, file
 * names Windows refuses, an .xls that is really an xlsx, an xls with problems, a CSV, merged cells, a cell
 * the unit had already commented, two problem files of the same name, a file of an unknown unit.
 */
class MarkedCopiesTest {

    @TempDir
    static Path work;

    static Path inbox;
    static Path feedback;
    static Path latest;
    static Map<String, String> inboxBefore;

    @BeforeAll
    static void run() throws Exception {
        inbox = work.resolve("inbox");
        // xls, formula-looking text, a bad phone (C6), a missing enterprise (B7 has no cell at all)
        Workbooks.xls(inbox.resolve("郑州市教育局/附件1:\"结对\"*.xls"), Workbooks.pairingSheet("郑州市教育局", List.of(
                r("郑州市教育局", "=HYPERLINK(\"http://evil.example\",\"点我\")", "张伟 13803710001", "赵敏 0371-67180001",
                        "+1+2", "@SUM(A1)", "-3", "长期"),
                r("郑州市教育局", "郑州航空港区", "电话待定", "赵敏 0371-67180001", "人才", "举措", "推进中", "长期"),
                r("郑州市教育局", null, "刘洋 13903710002", "赵敏 0371-67180001", "人才", "举措", "推进中", "长期"))));
        // named .xls, really an xlsx
        Files.write(inbox.resolve("开封市教育局附件5.xls"), Workbooks.xlsxBytes(Workbooks.casesSheet("开封市教育局", List.of(
                r(1, "开封案例", "简介", "开封市教育局", "市级教育行政部门", "韩梅", "电话待定")))));
        // CSV: row 3 misses the enterprise; a needs cell that looks like a formula
        Path csv = inbox.resolve("洛阳市教育局/附件1.csv");
        Workbooks.csv(csv, StandardCharsets.UTF_8, true, List.of(
                r(Workbooks.PAIRING_HEADER.stream().map(h -> h.replace("\n", "")).toArray()),
                r("洛阳市教育局", "洛阳高新区", "郑华 0379-64310001", "冯亮 13783110002", "=1+1", "举措", "推进", "长期"),
                r("洛阳市教育局", "", "郑华 0379-64310001", "冯亮 13783110002", "人才", "举措", "推进", "长期")));
        nanyang(inbox.resolve("南阳市教育局/附件1.xlsx"));
        // same name, other template, same unit: the second copy must not overwrite the first
        Workbooks.xlsx(inbox.resolve("南阳市教育局/补充/附件1.xlsx"), Workbooks.casesSheet("南阳市教育局", List.of(
                r(1, "南阳案例", "", "南阳市教育局", "市级教育行政部门", "叶青", "13903770001"))));
        Workbooks.xlsx(inbox.resolve("其他/abc.xlsx"), Workbooks.casesSheet("某某研究院", List.of(
                r(1, "研究院案例", "简介", "某某研究院", "", "牛犇", "电话待定"))));
        inboxBefore = ReportOutputs.fingerprint(inbox);
        latest = ReportOutputs.consolidate(inbox, work.resolve("output"), "reports-hostile");
        feedback = latest.resolve("反馈");
    }

    /** Merged A5:A6 and D5:D6 (a bad phone filled down to D6), and the unit's own comment on C6 (bad phone). */
    static void nanyang(Path file) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s = wb.createSheet("附件1");
            s.createRow(0).createCell(0).setCellValue("附件1");
            s.createRow(2).createCell(0).setCellValue("填报单位：南阳市教育局");
            Row h = s.createRow(3);
            for (int c = 0; c < Workbooks.PAIRING_HEADER.size(); c++) {
                h.createCell(c).setCellValue(Workbooks.PAIRING_HEADER.get(c));
            }
            String[][] rows = {{"南阳市教育局", "南阳高新区", "叶青 13903770001", "林峰（电话待定）", "光电", "共建", "启动", "长期"},
                    {null, "南阳卧龙产业集聚区", "电话稍后补", null, "装备", "共建", "启动", "长期"}};
            for (int i = 0; i < rows.length; i++) {
                Row row = s.createRow(4 + i);
                for (int c = 0; c < rows[i].length; c++) {
                    if (rows[i][c] != null) {
                        row.createCell(c).setCellValue(rows[i][c]);
                    }
                }
            }
            s.addMergedRegion(CellRangeAddress.valueOf("A5:A6"));
            s.addMergedRegion(CellRangeAddress.valueOf("D5:D6"));
            Drawing<?> d = s.createDrawingPatriarch();
            ClientAnchor a = wb.getCreationHelper().createClientAnchor();
            a.setCol1(3);
            a.setCol2(5);
            a.setRow1(5);
            a.setRow2(8);
            Comment own = d.createCellComment(a);
            own.setString(wb.getCreationHelper().createRichTextString("单位备注：电话稍后补"));
            s.getRow(5).getCell(2).setCellComment(own);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
    }

    @Test
    void formulaLookingTextStaysTextInEveryWorkbook() throws Exception {
        try (Workbook wb = open(latest.resolve("省级汇总表.xlsx"))) {
            Sheet p = wb.getSheet("结对包联汇总");
            List<String> texts = new ArrayList<>();
            for (Row row : p) {
                for (Cell c : row) {
                    if (c.getCellType() == CellType.STRING) {
                        texts.add(c.getStringCellValue());
                    }
                }
            }
            assertThat(texts).contains("=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+2", "@SUM(A1)", "-3", "=1+1");
            assertThat(ReportOutputs.formulaCells(wb)).isEmpty();
        }
        try (Workbook wb = open(feedback.resolve("洛阳市教育局/附件1.xlsx"))) {
            Cell c = wb.getSheetAt(0).getRow(1).getCell(4);
            assertThat(c.getCellType()).isEqualTo(CellType.STRING);
            assertThat(c.getStringCellValue()).isEqualTo("=1+1");
            assertThat(comments(wb.getSheetAt(0)).keySet()).containsExactly("B3");
        }
    }

    @Test
    void anXlsStaysXlsWithPaletteRedAndCommentsOnTheNamedCells() throws Exception {
        Path copy = feedback.resolve("郑州市教育局/附件1__结对__.xls"); // : " * replaced
        assertThat(copy).exists();
        try (Workbook wb = open(copy)) {
            assertThat(wb).isInstanceOf(HSSFWorkbook.class);
            Sheet s = wb.getSheet("附件1");
            assertThat(comments(s).keySet()).containsExactly("B7", "C6");
            assertThat(comments(s).get("C6")).startsWith("错误：").contains("电话待定");
            assertThat(comments(s).get("B7")).contains("必填项");
            assertThat(redFill(s.getRow(5).getCell(2))).isTrue();
            assertThat(redFill(s.getRow(6).getCell(1))).isTrue();
            assertThat(redFill(s.getRow(5).getCell(1))).isFalse();
            assertThat(ReportOutputs.formulaCells(wb)).isEmpty();
        }
    }

    @Test
    void theRealFormatDecidesTheCopysExtension() throws Exception {
        assertThat(feedback.resolve("开封市教育局/开封市教育局附件5.xls")).doesNotExist();
        Path copy = feedback.resolve("开封市教育局/开封市教育局附件5.xlsx");
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(copy))) {
            assertThat(FileMagic.valueOf(in)).isEqualTo(FileMagic.OOXML);
        }
        try (Workbook wb = open(copy)) {
            assertThat(comments(wb.getSheet("附件5")).keySet()).containsExactly("G5");
        }
    }

    @Test
    void mergedCellsAreMarkedWhereTheyShowAndTheUnitsOwnCommentIsKept() throws Exception {
        // 补充/附件1.xlsx comes first in path order and keeps the name; this one gets （2）
        try (Workbook wb = open(feedback.resolve("南阳市教育局/附件1（2）.xlsx"))) {
            Map<String, String> c = comments(wb.getSheet("附件1"));
            assertThat(c.keySet()).containsExactly("C6", "D5");
            assertThat(c.get("C6")).startsWith("单位备注：电话稍后补\n错误：");
            assertThat(c.get("D5").lines().count()).as("D5 and D6 share one message").isEqualTo(1);
        }
        try (Workbook wb = open(feedback.resolve("南阳市教育局/附件1.xlsx"))) {
            assertThat(comments(wb.getSheet("附件5")).keySet()).containsExactly("C5");
        }
    }

    @Test
    void filesOfAnUnknownUnitGoToTheirOwnFolderAndLetter() throws Exception {
        assertThat(feedback.resolve("（单位未能确定）/abc.xlsx")).exists();
        try (Workbook wb = open(feedback.resolve("（单位未能确定）.xlsx"))) {
            Sheet s = wb.getSheet("反馈意见");
            assertThat(ReportOutputs.text(s, 1, 0)).startsWith("以下来件未能确定报送单位");
            assertThat(ReportOutputs.column(s, ReportsTest.headerRow(s), 1)).containsOnly("其他/abc.xlsx");
        }
    }

    @Test
    void everyCopyMatchesIssuesCsvAndTheInboxIsUntouched() throws Exception {
        var issues = Feeds.records(latest.resolve("csv/issues.csv"));
        ReportsTest.assertMarked(feedback.resolve("郑州市教育局/附件1__结对__.xls"),
                issues.stream().filter(r -> r.get("file").startsWith("郑州市教育局/") && !r.get("row").isEmpty()).toList());
        ReportsTest.assertMarked(feedback.resolve("洛阳市教育局/附件1.xlsx"),
                issues.stream().filter(r -> r.get("file").startsWith("洛阳市教育局/") && !r.get("row").isEmpty()).toList());
        assertThat(ReportOutputs.fingerprint(inbox)).isEqualTo(inboxBefore);
    }
}
