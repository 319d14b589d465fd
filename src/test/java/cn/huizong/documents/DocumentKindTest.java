package cn.huizong.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.registry.UnitType;
import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;

/** Plans (附件2/3) and other documents: classified by title words, plans checked on their section headings. */
class DocumentKindTest {

    private static Campaign campaign;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
    }

    @Test
    void cityPlanByItsTitleWordsWithAllSectionsHasNoIssue() throws Exception {
        Path file = doc("plan.docx", "附件2", "郑州市“一地一策”实施方案", "一、总体目标", "到2027年……", "二、组织领导机制",
                "三、重点任务", "四、推进举措", "五、制度保障");
        DocumentReport r = DocumentChecker.check(file, "plan.docx", campaign);
        assertThat(r.kind()).isEqualTo(DocumentKind.CITY_PLAN);
        assertThat(r.title()).isEqualTo("郑州市“一地一策”实施方案");
        assertThat(r.issues()).isEmpty();
    }

    @Test
    void schoolPlanMissingASectionSaysWhichOne() throws Exception {
        Path file = doc("plan.docx", "河南工业大学“一校多品”实施方案", "一、总体目标", "二、组织领导机制", "三、重点任务",
                "四、推进举措");
        DocumentReport r = DocumentChecker.check(file, "plan.docx", campaign);
        assertThat(r.kind()).isEqualTo(DocumentKind.SCHOOL_PLAN);
        assertThat(r.issues()).extracting(Issue::code).containsExactly(IssueCode.DOC_MISSING_SECTION);
        assertThat(r.issues().get(0).message()).startsWith("未找到“建设依据”部分。附件3“一校一品”实施方案应包括");
    }

    @Test
    void aPlainImplementationPlanIsThePlanOfTheSendingUnitsType() throws Exception {
        Path file = doc("plan.docx", "教育助企中原行实施方案", "一、总体目标");
        assertThat(DocumentChecker.check(file, "plan.docx", campaign, UnitType.CITY).kind())
                .isEqualTo(DocumentKind.CITY_PLAN);
        assertThat(DocumentChecker.check(file, "plan.docx", campaign, UnitType.VOCATIONAL).kind())
                .isEqualTo(DocumentKind.SCHOOL_PLAN);
    }

    @Test
    void aDocumentWithoutPlanWordsOrWriteupSectionsIsOtherAndNotJudged() throws Exception {
        Path file = doc("letter.docx", "关于报送材料的说明", "现将有关材料报送如下。");
        DocumentReport r = DocumentChecker.check(file, "letter.docx", campaign);
        assertThat(r.kind()).isEqualTo(DocumentKind.OTHER);
        assertThat(r.issues()).isEmpty();
        assertThat(r.status()).isEqualTo("ok");
    }

    private Path doc(String name, String... paragraphs) throws Exception {
        Path file = dir.resolve(name);
        try (XWPFDocument d = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            for (String p : paragraphs) {
                d.createParagraph().createRun().setText(p);
            }
            d.write(out);
        }
        return file;
    }
}
