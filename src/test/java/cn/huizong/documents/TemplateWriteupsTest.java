package cn.huizong.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.fixtures.LibreOffice;
import cn.huizong.fixtures.TemplateWriteups;
import cn.huizong.fixtures.Writeups;
import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;

/**
 * Write-ups made from Word and WPS templates: content in block and inline content controls, hyperlinks, simple
 * fields, smart tags, tracked changes and nested tables is read in document order, judged on its effective
 * formatting, and numbered the same way for the check and for a marked copy's comments.
 */
class TemplateWriteupsTest {

    private static Campaign campaign;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
    }

    private static List<String> codesAndRows(DocumentReport report) {
        return report.issues().stream().map(i -> i.code().name() + "@" + i.row()).toList();
    }

    @Test
    void aTitleInABlockContentControlIsTheTitleAndHeadingsInControlsAreSections() throws Exception {
        DocumentReport report = DocumentChecker.check(TemplateWriteups.inControls(dir.resolve("模板.docx")), "模板.docx",
                campaign);
        assertThat(report.title()).isEqualTo(TemplateWriteups.TITLE);
        assertThat(report.kind()).isEqualTo(DocumentKind.WRITEUP);
        assertThat(report.issues()).extracting(Issue::code).doesNotContain(IssueCode.DOC_MISSING_SECTION);
    }

    @Test
    void mistakesInInlineControlsHyperlinksFieldsAndNestedTablesAreReportedOnTheirParagraphs() throws Exception {
        DocumentReport report = DocumentChecker.check(TemplateWriteups.inControls(dir.resolve("模板.docx")), "模板.docx",
                campaign);
        assertThat(codesAndRows(report)).containsExactlyInAnyOrder(TemplateWriteups.EXPECTED);
        assertThat(message(report, "DOC_FONT@4")).startsWith("正文的中文字体应为仿宋_GB2312，第4段为仿宋");
        assertThat(message(report, "DOC_FONT_SIZE@6")).startsWith("正文的字号应为三号（16磅），第6段为四号（14磅）");
        assertThat(message(report, "DOC_FONT@7")).startsWith("正文的数字和英文字母字体应为Times New Roman，第7段为Arial");
        assertThat(message(report, "DOC_FONT_SIZE@17")).startsWith("表格文字的字号应为五号（10.5磅），第17段为小四（12磅）");
    }

    @Test
    void aDeletedRunIsNotTextAndItsWrongFontIsNotReported() throws Exception {
        Path file = TemplateWriteups.inControls(dir.resolve("模板.docx"));
        try (XWPFDocument doc = open(file)) {
            WordBody body = WordBody.read(doc);
            WordBody.Para changed = body.paras.get(2);
            assertThat(changed.text()).isEqualTo(TemplateWriteups.WITH_CHANGES);
            assertThat(changed.runs()).extracting(WordBody.Run::text).doesNotContain("（已删除的一句）")
                    .contains("（新增）");
            assertThat(changed.runs()).allSatisfy(r -> assertThat(r.format().eastAsia()).isEqualTo("仿宋_GB2312"));
        }
        DocumentReport report = DocumentChecker.check(file, "模板.docx", campaign);
        assertThat(report.issues()).noneMatch(i -> i.row() == 3)
                .noneMatch(i -> i.message().contains("楷体"));
    }

    @Test
    void runsInsideControlsLinksAndFieldsResolveTheirFormattingAsOthers() throws Exception {
        try (XWPFDocument doc = open(TemplateWriteups.inControls(dir.resolve("模板.docx")))) {
            WordBody body = WordBody.read(doc);
            assertThat(body.paras.get(3).text()).isEqualTo(TemplateWriteups.IN_CONTROL);
            assertThat(body.paras.get(3).runs()).extracting(r -> r.format().eastAsia())
                    .containsExactly("仿宋_GB2312", "仿宋");
            assertThat(body.paras.get(5).text()).isEqualTo(TemplateWriteups.WITH_LINK);
            assertThat(body.paras.get(5).runs()).extracting(r -> r.format().points()).containsExactly(16.0, 14.0, 16.0);
            assertThat(body.paras.get(6).text()).isEqualTo(TemplateWriteups.WITH_FIELD);
            assertThat(body.paras.get(6).runs()).extracting(WordBody.Run::text, r -> r.format().ascii())
                    .contains(org.assertj.core.groups.Tuple.tuple("600", "Arial"),
                            org.assertj.core.groups.Tuple.tuple("万元", "Times New Roman"));
            // the nested table's cells are the outer table's paragraphs, in reading order
            assertThat(body.paras.subList(10, 19)).extracting(WordBody.Para::text)
                    .containsExactly("指标", "2023年", "2024年", "发明专利（项）", "2", "上半年1", "下半年1", "", "8");
            assertThat(body.paras.subList(10, 19)).allMatch(p -> p.table() == 0);
            assertThat(body.paras).hasSize(23);
        }
    }

    @Test
    void theNumberingReadingIsTheChecksWalkWithoutPicturesOrFormatting() throws Exception {
        for (Path file : List.of(TemplateWriteups.inControls(dir.resolve("模板.docx")),
                Writeups.direct(dir.resolve("图片.docx"), Set.of()))) {
            try (XWPFDocument doc = open(file)) {
                WordBody check = WordBody.read(doc);
                WordBody numbering = WordBody.read(doc, WordBody.Reading.NUMBERING);
                assertThat(numbering.paras).extracting(WordBody.Para::number, WordBody.Para::text,
                        WordBody.Para::table, WordBody.Para::picture).containsExactlyElementsOf(check.paras.stream()
                                .map(p -> org.assertj.core.groups.Tuple.tuple(p.number(), p.text(), p.table(),
                                        p.picture()))
                                .toList());
                assertThat(numbering.pictures).isEmpty();
                assertThat(numbering.paras).allMatch(p -> p.runs().isEmpty());
                assertThat(check.sources).isEmpty();
                assertThat(numbering.sources).hasSameSizeAs(check.paras);
                WordParagraphs paragraphs = WordParagraphs.of(doc, campaign.documents());
                assertThat(paragraphs.title()).isEqualTo(1);
                assertThat(paragraphs.paragraphs()).extracting(XWPFParagraph::getCTP)
                        .containsExactlyElementsOf(numbering.sources.stream().map(XWPFParagraph::getCTP).toList());
            }
        }
        try (XWPFDocument doc = open(Writeups.direct(dir.resolve("图片.docx"), Set.of()))) {
            assertThat(WordBody.read(doc).pictures).hasSize(2);
            assertThat(WordBody.read(doc, WordBody.Reading.NUMBERING).paras).filteredOn(WordBody.Para::picture)
                    .extracting(WordBody.Para::number).containsExactly(7, 10);
        }
    }

    /**
     * LibreOffice (7.4) keeps inline controls, hyperlinks, fields, tracked changes and nested tables when it saves
     * a .docx, but writes each block control as inline controls in one paragraph, repeating its text and dropping
     * its runs' formatting: what it saved is judged as saved (the title and the headings in block controls lose
     * their fonts), and everything else keeps its paragraph number and its issue.
     */
    @Test
    void aTemplateWriteupSavedByLibreOfficeKeepsItsNumberingAndItsIssues() throws Exception {
        LibreOffice.assumeWriterAvailable();
        Path original = TemplateWriteups.inControls(dir.resolve("模板.docx"));
        Path saved = LibreOffice.convert(original, "docx:MS Word 2007 XML", dir.resolve("lo"));
        DocumentReport report = DocumentChecker.check(saved, "模板.docx", campaign);
        assertThat(report.kind()).isEqualTo(DocumentKind.WRITEUP);
        assertThat(report.title()).startsWith(TemplateWriteups.TITLE);
        assertThat(codesAndRows(report)).contains(TemplateWriteups.EXPECTED);
        try (XWPFDocument before = open(original); XWPFDocument after = open(saved)) {
            List<WordBody.Para> was = WordBody.read(before, WordBody.Reading.NUMBERING).paras;
            List<WordBody.Para> is = WordBody.read(after, WordBody.Reading.NUMBERING).paras;
            assertThat(is).hasSameSizeAs(was);
            for (int n : new int[] {3, 4, 6, 7, 17}) {
                assertThat(is.get(n - 1).text()).as("第%d段", n).isEqualTo(was.get(n - 1).text());
            }
        }
    }

    private static String message(DocumentReport report, String codeAtRow) {
        return report.issues().stream().filter(i -> (i.code().name() + "@" + i.row()).equals(codeAtRow)).findFirst()
                .orElseThrow().message();
    }

    private static XWPFDocument open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XWPFDocument(in);
        }
    }
}
