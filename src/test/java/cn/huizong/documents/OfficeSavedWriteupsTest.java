package cn.huizong.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.fixtures.LibreOffice;
import cn.huizong.fixtures.Writeups;
import cn.huizong.fixtures.Writeups.Mistake;
import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;

/**
 * The same write-ups after an office suite saved them (LibreOffice re-writes styles, defaults and the theme its
 * own way): .docx judged the same, .doc judged on margins and sizes with the request for a .docx.
 */
class OfficeSavedWriteupsTest {

    private static final String DOCX = "docx:MS Word 2007 XML";

    private static Campaign campaign;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        LibreOffice.assumeWriterAvailable();
        campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
    }

    @Test
    void compliantWriteupsSavedByLibreOfficeAsDocxHaveNoIssue() throws Exception {
        Path direct = LibreOffice.convert(Writeups.direct(dir.resolve("direct.docx"), Set.of()), DOCX, dir.resolve("lo"));
        assertThat(DocumentChecker.check(direct, "direct.docx", campaign).issues()).isEmpty();
        Path styled = LibreOffice.convert(Writeups.styled(dir.resolve("styled.docx")), DOCX, dir.resolve("lo"));
        DocumentReport report = DocumentChecker.check(styled, "styled.docx", campaign);
        assertThat(report.issues()).isEmpty();
        assertThat(report.kind()).isEqualTo(DocumentKind.WRITEUP);
    }

    @Test
    void usualMistakesSurviveLibreOfficeAsDocx() throws Exception {
        Path file = LibreOffice.convert(Writeups.direct(dir.resolve("wrong.docx"), EnumSet.allOf(Mistake.class)), DOCX,
                dir.resolve("lo"));
        assertThat(DocumentChecker.check(file, "wrong.docx", campaign).issues()).extracting(Issue::code)
                .containsExactlyInAnyOrder(IssueCode.DOC_FONT, IssueCode.DOC_LINE_SPACING, IssueCode.DOC_MARGINS,
                        IssueCode.DOC_MISSING_SECTION, IssueCode.DOC_CAPTION_POSITION, IssueCode.DOC_PICTURE_CLIPPED);
    }

    @Test
    void docSavedByLibreOfficeIsCheckedOnMarginsSizesAndSectionsAndAskedForDocx() throws Exception {
        Path good = LibreOffice.convert(Writeups.direct(dir.resolve("good.docx"), Set.of()), "doc", dir.resolve("lo"));
        DocumentReport ok = DocumentChecker.check(good, "good.doc", campaign);
        assertThat(ok.format()).isEqualTo("doc");
        assertThat(ok.kind()).isEqualTo(DocumentKind.WRITEUP);
        assertThat(ok.pictureCount()).isEqualTo(2);
        assertThat(ok.issues()).as(ok.issues().toString()).extracting(Issue::code).containsExactly(IssueCode.DOC_NOT_DOCX);
        assertThat(ok.issues().get(0).message()).contains("请另存为 .docx 后重新报送");
        Path bad = LibreOffice.convert(Writeups.direct(dir.resolve("bad.docx"), EnumSet.allOf(Mistake.class)), "doc",
                dir.resolve("lo"));
        assertThat(DocumentChecker.check(bad, "bad.doc", campaign).issues()).extracting(Issue::code)
                .containsExactlyInAnyOrder(IssueCode.DOC_NOT_DOCX, IssueCode.DOC_MARGINS,
                        IssueCode.DOC_MISSING_SECTION);
    }
}
