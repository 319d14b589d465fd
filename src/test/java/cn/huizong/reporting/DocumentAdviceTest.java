package cn.huizong.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.huizong.campaign.CampaignLoader;
import cn.huizong.validation.IssueCode;

/** The words of the letter's section on Word documents: which codes it explains and how it cuts their messages. */
class DocumentAdviceTest {

    @Test
    void everyDocumentCodeAndTheLinkingCodesHaveTheirWayToFixIt() {
        List<String> expected = Arrays.stream(IssueCode.values()).map(Enum::name)
                .filter(c -> c.startsWith("DOC_") || c.contains("WRITEUP")).toList();
        assertThat(DocumentAdvice.codes()).containsExactlyElementsOf(expected);
        assertThat(DocumentAdvice.codes()).allSatisfy(c -> assertThat(DocumentAdvice.fix(c)).isNotBlank());
        assertThat(DocumentAdvice.fix("MISSING_REQUIRED")).isNull();
        assertThat(DocumentAdvice.fix("DOC_MARGINS")).contains("页边距", "自定义页边距");
        assertThat(DocumentAdvice.fix("DOC_PICTURE_CLIPPED")).contains("单倍行距");
        assertThat(DocumentAdvice.fix("DOC_NOT_DOCX")).contains("另存为", ".docx");
    }

    /** Each code's message keeps what is wrong and loses its closing request (请…), whatever its arguments. */
    @Test
    void theProblemIsTheMessageWithoutItsRequest() {
        for (String code : DocumentAdvice.codes()) {
            IssueCode c = IssueCode.valueOf(code);
            String message = c.message("甲", "乙", "丙", "丁", "戊", "己");
            String problem = DocumentAdvice.problem(message);
            assertThat(problem).as(code).endsWith("。").doesNotContain("请").isNotEqualTo("。");
            assertThat(message).as(code).startsWith(problem.substring(0, problem.length() - 1));
        }
        assertThat(DocumentAdvice.problem("正文的中文字体应为仿宋_GB2312，第3段为仿宋。请选中这些段落，在“字体”中改为仿宋_GB2312后重新报送。"))
                .isEqualTo("正文的中文字体应为仿宋_GB2312，第3段为仿宋。");
        assertThat(DocumentAdvice.problem("没有请求的说明。")).isEqualTo("没有请求的说明。");
    }

    @Test
    void aUnitWithoutDocumentProblemsHasNoSection() throws Exception {
        FeedbackLetter letter = new FeedbackLetter(CampaignLoader.loadBundled());
        FeedbackLetter.Facts none = FeedbackLetterTest.facts("2025-12-05T10:00:00+08:00",
                Map.of("cases", Map.of("error", 1)));
        assertThat(letter.documents(none)).isEmpty();
        assertThat(letter.paragraphs(none)).noneMatch(p -> p.contains(DocumentAdvice.line("heading")));

        ReportData.IssueRow issue = new ReportData.IssueRow(2, "郑州大学/案例.docx", "郑州大学", null, 3, null,
                "warning", "DOC_LINE_SPACING", IssueCode.DOC_LINE_SPACING.message("正文", "固定值30磅", "第3段",
                        "1.5倍行距", "固定值30磅"), null, 1);
        FeedbackLetter.Facts some = new FeedbackLetter.Facts(none.unit(), none.unitType(), Instant.parse(
                "2025-12-05T02:00:00Z"), none.files(), none.rowsByTemplate(), none.quota(), none.issuesByTemplate(),
                none.fileIssues(), List.of(new MarkedCopies.Outcome(2, "郑州大学/案例.docx", null, 1)),
                Map.of(2, "郑州大学/案例.docx"), List.of(issue));
        assertThat(letter.documents(some)).containsExactly(DocumentAdvice.line("heading"),
                "郑州大学/案例.docx：\n1. 正文的行距应为固定值30磅，第3段为1.5倍行距。\n"
                        + DocumentAdvice.line("copy", "郑州大学/案例.docx"),
                "改法：\n· " + DocumentAdvice.fix("DOC_LINE_SPACING") + "\n" + DocumentAdvice.line("resend"));
        // its copy is named in the section, not with the tables' red cells
        assertThat(letter.paragraphs(some)).noneMatch(p -> p.startsWith("为便于修改"));
    }
}
