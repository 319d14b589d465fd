package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVRecord;
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
 * quotes and spaces, a write-up matching no case, and one of the two pictures as a JPG under another name; 河南大学
 * sends two cases, a .pdf write-up for the first, its 一校一品 plan as .pdf (recorded, no request for a .docx), and the other picture of 郑州大学's write-ups (which does not
 * count for 郑州大学).
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

        Path henu = inbox.resolve("河南大学");
        Files.createDirectories(henu);
        Workbooks.xlsx(henu.resolve("附件5.xlsx"), Workbooks.casesSheet("河南大学", List.of(
                r(1, "乡村振兴助力计划", "简介。", "河南大学", "高校", "李雷", "13937800001"),
                r(2, "智能制造服务平台", "简介。", "河南大学", "高校", "李雷", "13937800001"))));
        Files.write(henu.resolve("典型案例材料-乡村振兴助力计划.pdf"), Workbooks.utf8("%PDF-1.4\n% 案例材料\n"));
        Files.write(henu.resolve("团队.jpg"), Writeups.jpeg(2));
        Files.write(henu.resolve("河南大学“一校一品”实施方案.pdf"), Workbooks.utf8("%PDF-1.4\n"));

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

    static String column(List<CSVRecord> records, String... names) {
        return records.stream().map(r -> java.util.Arrays.stream(names).map(r::get).collect(Collectors.joining("|")))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void documentsFeedListsEachDocumentWithItsKindCasePicturesAndStatus() throws Exception {
        assertThat(column(records(csv.resolve("documents.csv")), "file", "unit", "kind", "case_name", "pictures",
                "pictures_sent", "status", "errors", "warnings")).isEqualTo("""
                河南大学/典型案例材料-乡村振兴助力计划.pdf|河南大学|writeup|乡村振兴助力计划|0|0|not_checked|0|1
                河南大学/河南大学“一校一品”实施方案.pdf|河南大学|school_plan||0|0|not_checked|0|0
                郑州大学/其他材料.docx|郑州大学|writeup||2|1|ok|0|2
                郑州大学/案例一.docx|郑州大学|writeup|郑州大学 ”校企协同创新“ 助企典型案例|2|1|ok|0|1""");
        assertThat(Files.readAllLines(csv.resolve("documents.csv")).get(0))
                .isEqualTo("file,unit,kind,case_name,pictures,pictures_sent,status,errors,warnings");
    }

    @Test
    void issuesSayWhichWriteupsCasesAndPicturesAreMissing() throws Exception {
        List<CSVRecord> issues = records(csv.resolve("issues.csv")).stream()
                .filter(i -> i.get("code").startsWith("DOC_") || i.get("code").contains("WRITEUP")).toList();
        assertThat(column(issues, "file", "sheet", "row", "severity", "code")).isEqualTo("""
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
                .allSatisfy(i -> assertThat(i.get("message")).startsWith("文中的第" + teamParagraph() + "段的图片"));
    }

    @Test
    void theUnitsLetterNamesItsMissingWriteup() throws Exception {
        String letter = WorkbookText.of(out.resolve("latest/反馈/郑州大学.xlsx"));
        assertThat(letter).contains("产教融合共同体建设").contains("没有单独报送 JPG 文件");
        assertThat(WorkbookText.of(out.resolve("latest/反馈/河南大学.xlsx"))).contains("智能制造服务平台")
                .contains("请另存为 .docx 后重新报送");
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
            assertThat(doc.getComments()[0].getText()).startsWith("文中的第" + teamParagraph() + "段的图片")
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
