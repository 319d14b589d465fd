package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.columns;
import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.WorkbookText;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.fixtures.Writeups;

/**
 * Write-ups in a run (issue 15): 郑州大学 sends two cases, a write-up whose title matches the first case but for its
 * quotes and spaces, a write-up matching no case, one of the two pictures as a JPG under another name, and its plan
 * titled as a bureau's (一地一策) but written to the 一校一品 template; 河南大学
 * sends two cases, a .pdf write-up for the first, its 一校一品 plan as .pdf (recorded, no request for a .docx) after
 * the plans' deadline, and the other picture of 郑州大学's write-ups (which does not count for 郑州大学); 郑州市教育局
 * sends its 一地一策 plan as .docx in time, and 开封市教育局 sends nothing.
 */
class WriteupsInARunTest {

    @TempDir
    static Path work;

    static Path out;
    static Path csv;

    @BeforeAll
    static void consolidate() throws Exception {
        Path inbox = work.resolve("inbox");
        Path zzu = inbox.resolve("郑州大学");
        Files.createDirectories(zzu);
        Workbooks.xlsx(zzu.resolve("附件5 典型案例汇总表.xlsx"), Workbooks.casesSheet("郑州大学", List.of(
                r(1, "郑州大学 ”校企协同创新“ 助企典型案例", "简介。", "郑州大学", "高校", "王芳", "13937100001"),
                r(2, "产教融合共同体建设", "简介。", "郑州大学", "高校", "王芳", "13937100001"))));
        Writeups.direct(zzu.resolve("案例一.docx"), Set.of());
        retitle(Writeups.direct(work.resolve("other.docx"), Set.of()), zzu.resolve("其他材料.docx"),
                "郑州大学黄河流域生态保护做法");
        Files.write(zzu.resolve("图1.jpg"), Writeups.jpeg(1));
        // its plan under the bureaus' name (一地一策): still the university's plan
        Workbooks.receivedAt(Writeups.outline(zzu.resolve("郑州大学“一地一策”实施方案.docx"), "附件3",
                "郑州大学“一地一策”实施方案", List.of("总体目标", "建设依据", "组织领导机制", "重点任务", "推进举措",
                        "制度保障")), "2025-12-28T10:00:00"); // its content follows 一校一品's sections

        Path henu = inbox.resolve("河南大学");
        Files.createDirectories(henu);
        Workbooks.xlsx(henu.resolve("附件5.xlsx"), Workbooks.casesSheet("河南大学", List.of(
                r(1, "乡村振兴助力计划", "简介。", "河南大学", "高校", "李雷", "13937800001"),
                r(2, "智能制造服务平台", "简介。", "河南大学", "高校", "李雷", "13937800001"))));
        Files.write(henu.resolve("典型案例材料-乡村振兴助力计划.pdf"), Workbooks.utf8("%PDF-1.4\n% 案例材料\n"));
        Files.write(henu.resolve("团队.jpg"), Writeups.jpeg(2));
        Files.write(henu.resolve("河南大学“一校一品”实施方案.pdf"), Workbooks.utf8("%PDF-1.4\n"));
        Workbooks.receivedAt(henu.resolve("河南大学“一校一品”实施方案.pdf"), "2026-01-05T10:00:00"); // due 2025-12-31

        Path zz = inbox.resolve("郑州市教育局");
        Workbooks.receivedAt(Writeups.outline(zz.resolve("郑州市教育局“一地一策”实施方案.docx"), "附件2",
                "郑州市教育局“一地一策”实施方案", List.of("总体目标", "组织领导机制", "重点任务", "推进举措", "制度保障")),
                "2025-12-30T16:00:00");

        out = work.resolve("out");
        Cli run = Cli.run("consolidate", "--input", inbox.toString(), "--output", out.toString(),
                "--data", work.resolve("data").toString(), "--db",
                "jdbc:h2:mem:writeups-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        assertThat(run.code()).as(run.err()).isZero();
        csv = out.resolve("latest/csv");
    }

    /** The same write-up under another title (its first paragraph). */
    private static void retitle(Path from, Path to, String title) throws Exception {
        try (InputStream in = Files.newInputStream(from); XWPFDocument doc = new XWPFDocument(in)) {
            List<XWPFRun> runs = doc.getParagraphs().get(0).getRuns();
            runs.get(0).setText(title, 0);
            try (OutputStream o = Files.newOutputStream(to)) {
                doc.write(o);
            }
        }
    }


    @Test
    void documentsFeedListsEachDocumentWithItsKindCasePicturesAndStatus() throws Exception {
        assertThat(columns(records(csv.resolve("documents.csv")), "file", "unit", "kind", "case_name", "pictures",
                "pictures_sent", "status", "errors", "warnings")).isEqualTo("""
                河南大学/典型案例材料-乡村振兴助力计划.pdf|河南大学|writeup|乡村振兴助力计划|0|0|not_checked|0|1
                河南大学/河南大学“一校一品”实施方案.pdf|河南大学|school_plan||0|0|not_checked|0|0
                郑州大学/其他材料.docx|郑州大学|writeup||2|1|ok|0|2
                郑州大学/案例一.docx|郑州大学|writeup|郑州大学 ”校企协同创新“ 助企典型案例|2|1|ok|0|1
                郑州大学/郑州大学“一地一策”实施方案.docx|郑州大学|city_plan||0|0|ok|0|0
                郑州市教育局/郑州市教育局“一地一策”实施方案.docx|郑州市教育局|city_plan||0|0|ok|0|0""");
        assertThat(Files.readAllLines(csv.resolve("documents.csv")).get(0))
                .isEqualTo("file,unit,kind,case_name,pictures,pictures_sent,status,errors,warnings");
    }

    @Test
    void issuesSayWhichWriteupsCasesAndPicturesAreMissing() throws Exception {
        List<CSVRecord> issues = records(csv.resolve("issues.csv")).stream()
                .filter(i -> i.get("code").startsWith("DOC_") || i.get("code").contains("WRITEUP")).toList();
        assertThat(columns(issues, "file", "sheet", "row", "severity", "code")).isEqualTo("""
                河南大学/典型案例材料-乡村振兴助力计划.pdf|||warning|DOC_NOT_DOCX
                河南大学/附件5.xlsx|附件5|6|warning|CASE_WITHOUT_WRITEUP
                郑州大学/其他材料.docx|||warning|WRITEUP_WITHOUT_CASE
                郑州大学/其他材料.docx||%1$s|warning|DOC_PICTURE_NOT_SENT
                郑州大学/案例一.docx||%1$s|warning|DOC_PICTURE_NOT_SENT
                郑州大学/附件5 典型案例汇总表.xlsx|附件5|6|warning|CASE_WITHOUT_WRITEUP""".formatted(teamParagraph()));
        assertThat(issues).filteredOn(i -> i.get("code").equals("CASE_WITHOUT_WRITEUP")).extracting(i -> i.get("message"))
                .containsExactly("案例“智能制造服务平台”没有收到典型案例材料（Word 文档）。请按案例材料撰写要求补报。",
                        "案例“产教融合共同体建设”没有收到典型案例材料（Word 文档）。请按案例材料撰写要求补报。");
        assertThat(issues).filteredOn(i -> i.get("code").equals("WRITEUP_WITHOUT_CASE")).singleElement()
                .satisfies(i -> assertThat(i.get("message")).contains("“郑州大学黄河流域生态保护做法”"));
        assertThat(issues).filteredOn(i -> i.get("code").equals("DOC_PICTURE_NOT_SENT"))
                .allSatisfy(i -> assertThat(i.get("message")).startsWith("文中第" + teamParagraph() + "段的图片"));
    }

    @Test
    void theUnitsLetterNamesItsMissingWriteup() throws Exception {
        String letter = WorkbookText.of(out.resolve("latest/反馈/郑州大学.xlsx"));
        assertThat(letter).contains("产教融合共同体建设").contains("没有单独报送 JPG 文件");
        assertThat(WorkbookText.of(out.resolve("latest/反馈/河南大学.xlsx"))).contains("智能制造服务平台")
                .contains("请另存为 .docx 后重新报送");
    }

    @Test
    void completenessCountsEachUnitsWriteupsAgainstItsAcceptedCasesAndItsPlan() throws Exception {
        assertThat(Files.readAllLines(csv.resolve("completeness.csv")).get(0)).isEqualTo("unit,unit_type,city,pairing,"
                + "cases,files_sent,files_rejected,writeups_received,writeups_linked,writeups_expected,plan");
        List<CSVRecord> units = records(csv.resolve("completeness.csv")).stream()
                .filter(r -> Set.of("郑州市教育局", "开封市教育局", "郑州大学", "河南大学").contains(r.get("unit"))).toList();
        // 郑州大学: two write-ups, one matching no case, a plan titled 一地一策; 河南大学: its plan came after 12-31;
        // 开封市教育局: nothing
        assertThat(columns(units, "unit", "writeups_received", "writeups_linked", "writeups_expected", "plan"))
                .isEqualTo("""
                        郑州市教育局|0|0|0|submitted
                        开封市教育局|0|0|0|missing
                        郑州大学|2|1|2|submitted
                        河南大学|1|1|2|late""");
    }

    @Test
    void theRosterSheetShowsWriteupsAndPlans() throws Exception {
        try (Workbook wb = WorkbookFactory.create(out.resolve("latest/省级汇总表.xlsx").toFile(), null, true)) {
            Sheet s = wb.getSheet("报送情况");
            List<String> header = cells(s.getRow(1));
            int writeups = header.indexOf("案例材料（收到/应报）");
            int plan = header.indexOf("实施方案");
            assertThat(writeups).isPositive();
            assertThat(plan).isEqualTo(writeups + 1).isEqualTo(header.size() - 1);
            Map<String, String> byUnit = new LinkedHashMap<>();
            for (int r = 2; r <= s.getLastRowNum(); r++) {
                List<String> row = cells(s.getRow(r));
                byUnit.put(row.get(1), row.get(writeups) + "|" + row.get(plan));
            }
            assertThat(byUnit).containsEntry("全省合计（197个单位）", "3/4\n2个案例缺材料|已报送 3（逾期 1）\n未报送 194")
                    .containsEntry("郑州市教育局", "|已报送").containsEntry("开封市教育局", "|未报送")
                    .containsEntry("郑州大学", "2/2\n1个案例缺材料|已报送").containsEntry("河南大学", "1/2\n1个案例缺材料|逾期报送");
        }
    }

    @Test
    void theWriteupSheetListsEachDocumentThenTheCasesWithoutOne() throws Exception {
        try (Workbook wb = WorkbookFactory.create(out.resolve("latest/省级汇总表.xlsx").toFile(), null, true)) {
            List<String> names = new ArrayList<>();
            wb.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsSubsequence("报送情况", "案例材料核查", "问题清单");
            Sheet s = wb.getSheet("案例材料核查");
            assertThat(cells(s.getRow(1))).containsExactly("序号", "地市", "单位", "文件", "类别", "对应案例", "图片",
                    "单独报送JPG", "状态", "问题");
            List<List<String>> rows = new ArrayList<>();
            for (int r = 2; r <= s.getLastRowNum(); r++) {
                rows.add(cells(s.getRow(r)));
            }
            assertThat(rows.stream().map(r -> String.join("|", r.subList(0, 9))).collect(Collectors.joining("\n")))
                    .isEqualTo("""
                            1|郑州市|郑州市教育局|郑州市教育局/郑州市教育局“一地一策”实施方案.docx|“一地一策”实施方案（附件2）||||符合要求
                            2|郑州市|郑州大学|郑州大学/其他材料.docx|典型案例材料（附件4）||2|1|有问题
                            3|郑州市|郑州大学|郑州大学/案例一.docx|典型案例材料（附件4）|郑州大学 ”校企协同创新“ 助企典型案例|2|1|有问题
                            4|郑州市|郑州大学|郑州大学/郑州大学“一地一策”实施方案.docx|“一地一策”实施方案（附件2）||||符合要求
                            5|郑州市|郑州大学|||产教融合共同体建设|||未收到案例材料
                            6|开封市|河南大学|河南大学/典型案例材料-乡村振兴助力计划.pdf|典型案例材料（附件4）|乡村振兴助力计划|0|0|未核查格式（有问题）
                            7|开封市|河南大学|河南大学/河南大学“一校一品”实施方案.pdf|“一校一品”实施方案（附件3）||||未核查格式
                            8|开封市|河南大学|||智能制造服务平台|||未收到案例材料""");
            List<String> problems = rows.stream().map(r -> r.get(9)).toList();
            assertThat(problems.get(0)).isEmpty();
            assertThat(problems.get(1)).contains("“郑州大学黄河流域生态保护做法”").contains("\n文中第" + teamParagraph() + "段的图片");
            assertThat(problems.get(2)).startsWith("文中第" + teamParagraph() + "段的图片").doesNotContain("\n");
            assertThat(problems.get(3)).isEmpty();
            assertThat(problems.get(4)).isEqualTo(problems.get(7)).contains("案例材料");
            assertThat(problems.get(5)).contains("请另存为 .docx 后重新报送");
            assertThat(problems.get(6)).isEmpty();
        }
    }

    @Test
    void aPdfWriteupWithProblemsIsYellowLikeEveryRowWithProblems() throws Exception {
        try (Workbook wb = WorkbookFactory.create(out.resolve("latest/省级汇总表.xlsx").toFile(), null, true)) {
            Sheet s = wb.getSheet("案例材料核查");
            Map<String, byte[]> fills = new LinkedHashMap<>();
            for (int r = 2; r <= s.getLastRowNum(); r++) {
                fills.put(cells(s.getRow(r)).get(3), fill(s.getRow(r).getCell(8)));
            }
            byte[] yellow = {(byte) 255, (byte) 235, (byte) 156};
            assertThat(fills.get("河南大学/典型案例材料-乡村振兴助力计划.pdf")).isEqualTo(yellow); // 未核查格式（有问题）
            assertThat(fills.get("郑州大学/案例一.docx")).isEqualTo(yellow); // 有问题
            assertThat(fills.get("河南大学/河南大学“一校一品”实施方案.pdf")).isNull(); // 未核查格式, nothing found
        }
    }

    /** A cell's solid fill colour, or null. */
    private static byte[] fill(Cell c) {
        org.apache.poi.ss.usermodel.CellStyle style = c.getCellStyle();
        if (style.getFillPattern() != org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND) {
            return null;
        }
        org.apache.poi.xssf.usermodel.XSSFColor color = ((org.apache.poi.xssf.usermodel.XSSFCellStyle) style)
                .getFillForegroundXSSFColor();
        return color == null ? null : color.getRGB();
    }

    /** A row's cells as text, numbers as integers. */
    private static List<String> cells(Row row) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            Cell cell = row.getCell(c);
            out.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC
                    ? String.valueOf((long) cell.getNumericCellValue()) : cell.getStringCellValue());
        }
        return out;
    }

    /** The paragraph of the write-up's second picture (team.jpg), counted as the checker counts. */
    private static int teamParagraph() {
        return 10;
    }

    @Test
    void theMarkedCopiesOfTheWriteupsCarryTheirProblemsAsWordCommentsOnTheirParagraphs() throws Exception {
        Path folder = out.resolve("latest/反馈/郑州大学");
        try (InputStream in = Files.newInputStream(folder.resolve("案例一.docx")); XWPFDocument doc = new XWPFDocument(in)) {
            assertThat(doc.getComments()).hasSize(1);
            assertThat(doc.getComments()[0].getAuthor()).isEqualTo("河南省教育厅");
            assertThat(doc.getComments()[0].getText()).startsWith("文中第" + teamParagraph() + "段的图片")
                    .contains("没有单独报送 JPG 文件");
            // on the picture's own paragraph, counted as the checker counts (no table before it)
            assertThat(doc.getParagraphs().get(teamParagraph() - 1).getCTP().getCommentRangeStartList()).hasSize(1);
        }
        try (InputStream in = Files.newInputStream(folder.resolve("其他材料.docx")); XWPFDocument doc = new XWPFDocument(in)) {
            assertThat(java.util.Arrays.stream(doc.getComments()).map(c -> c.getText()).toList()).satisfiesExactlyInAnyOrder(
                    t -> assertThat(t).contains("“郑州大学黄河流域生态保护做法”").contains("案例名称都对不上"),
                    t -> assertThat(t).contains("没有单独报送 JPG 文件"));
            // the whole document's problem on its title
            assertThat(doc.getParagraphs().get(0).getCTP().getCommentRangeStartList()).hasSize(1);
        }
        assertThat(Files.exists(out.resolve("latest/反馈/河南大学/典型案例材料-乡村振兴助力计划.pdf"))).isFalse();
        assertThat(WorkbookText.of(out.resolve("latest/反馈/郑州大学.xlsx"))).contains("反馈/郑州大学/案例一.docx")
                .contains("反馈/郑州大学/其他材料.docx").contains("另存为图片");
    }
}
