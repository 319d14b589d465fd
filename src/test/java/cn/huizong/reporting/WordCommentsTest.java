package cn.huizong.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Set;

import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.campaign.CampaignLoader;
import cn.huizong.campaign.DocumentRules;
import cn.huizong.documents.WordParagraphs;
import cn.huizong.fixtures.Writeups;

/** Placing comments: which paragraphs an issue names, and a document that already has comments of its own. */
class WordCommentsTest {

    @TempDir
    Path dir;

    private static ReportData.IssueRow issue(Integer row, String code, String message) {
        return new ReportData.IssueRow(1, "郑州大学/案例.docx", "郑州大学", null, row, null, "warning", code, message,
                null, 1);
    }

    @Test
    void anIssueNamesTheParagraphsItsMessageListsItsRowOrTheTitle() throws Exception {
        DocumentRules rules = CampaignLoader.loadBundled().documents();
        try (XWPFDocument doc = open(Writeups.direct(dir.resolve("a.docx"), Set.of()))) {
            WordParagraphs paragraphs = WordParagraphs.of(doc, rules);
            assertThat(paragraphs.title()).isEqualTo(1);
            assertThat(paragraphs.paragraphs()).hasSize(24); // 18 in the body, before and after a table of 2×3 cells
            assertThat(WordComments.paragraphsOf(issue(3, "DOC_FONT", "正文的中文字体应为仿宋_GB2312，第3、4、6段等8段为仿宋。"),
                    paragraphs)).containsExactly(3, 4, 6);
            // a list that does not start at the row is someone else's words: the row alone
            assertThat(WordComments.paragraphsOf(issue(9, "DOC_FONT", "见第3、4段。"), paragraphs)).containsExactly(9);
            assertThat(WordComments.paragraphsOf(issue(null, "DOC_MARGINS", "页边距应为……"), paragraphs))
                    .containsExactly(1);
            assertThat(WordComments.paragraphsOf(issue(99, "DOC_FONT", "第99段。"), paragraphs)).containsExactly(1);
        }
    }

    @Test
    void theUnitsOwnCommentsStayAndOursAreNumberedAfterThem() throws Exception {
        DocumentRules rules = CampaignLoader.loadBundled().documents();
        byte[] bytes;
        try (XWPFDocument doc = open(Writeups.direct(dir.resolve("b.docx"), Set.of()))) {
            XWPFComment own = doc.createComments().createComment(BigInteger.valueOf(7));
            own.setAuthor("王芳");
            own.createParagraph().createRun().setText("请领导审阅");
            XWPFParagraph second = doc.getParagraphs().get(1);
            second.getCTP().addNewCommentRangeStart().setId(BigInteger.valueOf(7));
            second.getCTP().addNewCommentRangeEnd().setId(BigInteger.valueOf(7));
            second.getCTP().addNewR().addNewCommentReference().setId(BigInteger.valueOf(7));

            int made = WordComments.mark(doc, List.of(issue(null, "DOC_MARGINS", "页边距不对。"),
                    issue(17, "DOC_FONT_SIZE", "表格文字的字号应为五号（10.5磅），第17段为小四（12磅）。")), rules,
                    new WordComments.Author("河南省教育厅", "省教育厅", new GregorianCalendar()));
            assertThat(made).isEqualTo(2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            bytes = out.toByteArray();
        }
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            assertThat(Arrays.stream(doc.getComments()).map(c -> c.getId() + ":" + c.getAuthor() + ":" + c.getText()))
                    .containsExactly("7:王芳:请领导审阅", "8:河南省教育厅:页边距不对。",
                            "9:河南省教育厅:表格文字的字号应为五号（10.5磅），第17段为小四（12磅）。");
            assertThat(MarkedWriteupsTest.commentsByParagraph(write(bytes))).containsOnlyKeys(1, 2, 17);
            // paragraph 17 is the third cell of the table's first row
            assertThat(MarkedWriteupsTest.paragraphs(doc).get(16).getText()).isEqualTo("2024年");
        }
    }

    private Path write(byte[] bytes) throws Exception {
        return Files.write(dir.resolve("marked.docx"), bytes);
    }

    private static XWPFDocument open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XWPFDocument(in);
        }
    }
}
