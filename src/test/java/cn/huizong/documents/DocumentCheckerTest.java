package cn.huizong.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.fixtures.Writeups;
import cn.huizong.fixtures.Writeups.Mistake;
import cn.huizong.support.Sha256;
import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;

/** The 附件4 check of one write-up, over .docx files made with direct formatting and with styles only. */
class DocumentCheckerTest {

    private static Campaign campaign;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
    }

    @Test
    void compliantWriteupWithDirectFormattingHasNoIssue() throws Exception {
        Path file = Writeups.direct(dir.resolve("案例.docx"), Set.of());
        DocumentReport report = DocumentChecker.check(file, "郑州大学典型案例.docx", campaign);
        assertThat(report.issues()).isEmpty();
        assertThat(report.kind()).isEqualTo(DocumentKind.WRITEUP);
        assertThat(report.title()).isEqualTo(Writeups.TITLE);
        assertThat(report.status()).isEqualTo("ok");
        assertThat(report.pictures()).extracting(DocumentPicture::sha256)
                .containsExactly(Sha256.of(Writeups.jpeg(1)), Sha256.of(Writeups.jpeg(2)));
    }

    @Test
    void compliantWriteupWhoseFormattingComesFromStylesDefaultsAndThemeHasNoIssue() throws Exception {
        Path file = Writeups.styled(dir.resolve("样式.docx"));
        DocumentReport report = DocumentChecker.check(file, "样式.docx", campaign);
        assertThat(report.issues()).isEmpty();
        assertThat(report.kind()).isEqualTo(DocumentKind.WRITEUP);
        assertThat(report.pictureCount()).isEqualTo(1);
    }

    @Test
    void usualMistakesAreReportedExactlyOnceEachGroupedByRuleAndRole() throws Exception {
        Path file = Writeups.direct(dir.resolve("错.docx"), EnumSet.allOf(Mistake.class));
        DocumentReport report = DocumentChecker.check(file, "错.docx", campaign);
        assertThat(report.issues()).extracting(Issue::code).containsExactlyInAnyOrder(IssueCode.DOC_FONT,
                IssueCode.DOC_LINE_SPACING, IssueCode.DOC_MARGINS, IssueCode.DOC_MISSING_SECTION,
                IssueCode.DOC_CAPTION_POSITION, IssueCode.DOC_PICTURE_CLIPPED);
        assertThat(report.status()).isEqualTo("has_problems");
        Issue font = issue(report, IssueCode.DOC_FONT);
        assertThat(font.row()).isEqualTo(3);
        assertThat(font.message()).isEqualTo("正文的中文字体应为仿宋_GB2312，第3、4、6段等8段为仿宋（仿宋与仿宋_GB2312不是同一种字体）。"
                + "请选中这些段落，在“字体”中改为仿宋_GB2312后重新报送。");
        assertThat(issue(report, IssueCode.DOC_LINE_SPACING).message()).startsWith("正文的行距应为固定值30磅，第3、4、6段等8段为1.5倍行距。");
        assertThat(issue(report, IssueCode.DOC_MARGINS).message())
                .startsWith("页边距应为上下各2.54厘米、左右各3.18厘米，本文件为上3.70、下3.50、左2.80、右2.60厘米。");
        assertThat(issue(report, IssueCode.DOC_MISSING_SECTION).message()).startsWith("未找到“经验总结”部分。");
        assertThat(issue(report, IssueCode.DOC_CAPTION_POSITION).message()).startsWith("图题应位于图片下方：第7段的图题在图片上方。");
        Issue clipped = issue(report, IssueCode.DOC_PICTURE_CLIPPED);
        assertThat(clipped.row()).isEqualTo(10);
        assertThat(clipped.message()).startsWith("第10段的图片所在段落行距为固定值30磅，图片被固定行距遮挡");
        assertThat(report.issues()).allMatch(i -> i.severity() == cn.huizong.validation.Severity.WARNING);
    }

    @Test
    void eachMistakeAloneGivesItsOwnCode() throws Exception {
        for (Mistake m : Mistake.values()) {
            Path file = Writeups.direct(dir.resolve(m + ".docx"), Set.of(m));
            DocumentReport report = DocumentChecker.check(file, m + ".docx", campaign);
            IssueCode expected = switch (m) {
                case FANGSONG_BODY -> IssueCode.DOC_FONT;
                case ONE_AND_HALF_SPACING -> IssueCode.DOC_LINE_SPACING;
                case GONGWEN_MARGINS -> IssueCode.DOC_MARGINS;
                case MISSING_SECTION -> IssueCode.DOC_MISSING_SECTION;
                case CAPTION_ABOVE -> IssueCode.DOC_CAPTION_POSITION;
                case CLIPPED_PICTURE -> IssueCode.DOC_PICTURE_CLIPPED;
            };
            assertThat(report.issues()).as(m.name()).extracting(Issue::code).containsExactly(expected);
        }
    }

    @Test
    void pdfAndWpsAreRecordedNotJudgedAndKnownByTheirName() throws Exception {
        Path pdf = Files.write(dir.resolve("a.pdf"), "%PDF-1.7\n".getBytes());
        DocumentReport report = DocumentChecker.check(pdf, "郑州大学典型案例.pdf", campaign);
        assertThat(report.status()).isEqualTo("not_checked");
        assertThat(report.kind()).isEqualTo(DocumentKind.WRITEUP);
        assertThat(report.issues()).extracting(Issue::message).containsExactly(
                "本文件为.pdf 文件，未核查格式。案例材料应报送 Word 文档，请另存为 .docx 后重新报送。");
        Path wps = Files.write(dir.resolve("b.wps"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3, 4});
        DocumentReport plan = DocumentChecker.check(wps, "郑州市“一地一策”实施方案.wps", campaign);
        assertThat(plan.kind()).isEqualTo(DocumentKind.CITY_PLAN);
        assertThat(plan.issues()).extracting(Issue::code).containsExactly(IssueCode.DOC_NOT_DOCX);
    }

    @Test
    void encryptedAndDamagedDocumentsGetTheFileLevelCodes() throws Exception {
        Path plain = Writeups.direct(dir.resolve("p.docx"), Set.of());
        Path locked = dir.resolve("locked.docx");
        Writeups.encrypt(plain, locked, "123456");
        DocumentReport encrypted = DocumentChecker.check(locked, "locked.docx", campaign);
        assertThat(encrypted.issues()).extracting(Issue::code).containsExactly(IssueCode.ENCRYPTED_FILE);
        assertThat(encrypted.status()).isEqualTo("rejected");
        byte[] bytes = Files.readAllBytes(plain);
        Path cut = Files.write(dir.resolve("cut.docx"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        DocumentReport damaged = DocumentChecker.check(cut, "cut.docx", campaign);
        assertThat(damaged.issues()).extracting(Issue::code).containsExactly(IssueCode.UNREADABLE_FILE);
        assertThat(damaged.issues().get(0).message()).contains("另存为 .docx");
    }

    private static Issue issue(DocumentReport report, IssueCode code) {
        return report.issues().stream().filter(i -> i.code() == code).findFirst().orElseThrow();
    }
}
