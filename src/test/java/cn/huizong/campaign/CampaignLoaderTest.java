package cn.huizong.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.huizong.registry.UnitType;

/** The shipped campaign definition (jobs/jiaoyu-zhuqi-2025.yml) and how bad definitions are refused. */
class CampaignLoaderTest {

    private static Campaign campaign;

    @BeforeAll
    static void loadShippedCampaign() throws Exception {
        campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
    }

    @Test
    void shippedCampaignHasThePairingAndCasesTemplatesWithTheirDeadlines() {
        assertThat(campaign.templates()).extracting(TemplateSpec::id).containsExactly("pairing", "cases");
        assertThat(campaign.template("pairing")).map(TemplateSpec::deadline).contains(LocalDate.of(2025, 12, 20));
        assertThat(campaign.template("cases")).map(TemplateSpec::deadline).contains(LocalDate.of(2025, 12, 9));
    }

    @Test
    void caseQuotasApplyToUniversitiesButNotToCityBureaus() {
        assertThat(campaign.quota(UnitType.DFC)).contains(5);
        assertThat(campaign.quota(UnitType.UNDERGRAD)).contains(3);
        assertThat(campaign.quota(UnitType.VOCATIONAL)).contains(2);
        assertThat(campaign.quota(UnitType.CITY)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            职业本科           | UNDERGRAD
            高职高专院校       | VOCATIONAL
            “双一流”建设高校   | DFC
            市教育局           | CITY
            """)
    void unitTypeCellIsReadByKeywordsFirstMatchWins(String cell, UnitType expected) {
        assertThat(campaign.typeFromText(cell)).contains(expected);
    }

    @Test
    void deadlineEndsAtMidnightAfterTheDeadlineDayInBeijingTime() {
        TemplateSpec pairing = campaign.template("pairing").orElseThrow();
        assertThat(campaign.deadlineEnd(pairing).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2025-12-21T00:00+08:00"));
    }

    @Test
    void brokenYamlIsRefusedWithAChineseMessage() {
        assertThatThrownBy(() -> CampaignLoader.parse("templates: [".getBytes(StandardCharsets.UTF_8), "坏.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("活动定义 坏.yml 不是有效的 YAML");
    }

    @Test
    void unknownUnitTypeInRequiredFromIsRefusedWithAChineseMessage() {
        String yaml = """
                id: test
                templates:
                  - id: pairing
                    deadline: 2025-12-20
                    requiredFrom: [city, foo]
                    columns:
                      - { key: edu_unit, title: 教育行政部门(学校), required: true }
                """;
        assertThatThrownBy(() -> CampaignLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "测试.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("活动定义 测试.yml")
                .hasMessageContaining("单位类型“foo”无效");
    }

    @Test
    void shippedCampaignReadsPartsOfAYearAsMonthDaysAndOnlyTheStartOfAYearAsAssumed() {
        DeadlineWords words = campaign.deadlineWords();
        assertThat(words.monthDays()).containsEntry("上半年", MonthDay.of(6, 30)).containsEntry("Q3", MonthDay.of(9, 30))
                .containsEntry("年初", MonthDay.of(3, 31));
        assertThat(words.assumed()).containsExactly("年初");
        assertThat(words.defaultYear()).isNull();
        assertThat(campaign.template("cases").flatMap(t -> t.column("phone"))).map(ColumnSpec::numbersOnly).contains(true);
        assertThat(campaign.template("pairing").flatMap(t -> t.column("unit_contact"))).map(ColumnSpec::numbersOnly)
                .contains(false);
    }

    /** One line per entry of the YAML; " / " starts a new line. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            'deadlineWords: { 上半年: 13-01 }'                         | deadlineWords 的“上半年: 13-01”无效
            'deadlineWords: { 上半年: 上旬 }'                          | deadlineWords 的“上半年: 上旬”无效
            'deadlineWords: [上半年]'                                 | “deadlineWords”应为“词: 月-日”
            'deadlineWords: { 年初: 03-31 } / deadlineWordsAssumed: [年中]' | deadlineWordsAssumed 的“年中”不在 deadlineWords 中
            'deadlineYear: 明年'                                      | deadlineYear“明年”无效
            """)
    void badDeadlineWordsAreRefusedWithAChineseMessage(String section, String message) {
        String yaml = """
                id: test
                templates:
                  - { id: pairing, deadline: 2025-12-20, columns: [{ key: deadline, title: 完成时限, date: true }] }
                """ + section.replace(" / ", "\n") + "\n";
        assertThatThrownBy(() -> CampaignLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "测试.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("活动定义 测试.yml")
                .hasMessageContaining(message);
    }

    @Test
    void numbersOnlyOnAColumnThatIsNoPhoneColumnIsRefusedWithAChineseMessage() {
        String yaml = """
                id: test
                templates:
                  - { id: cases, deadline: 2025-12-09, columns: [{ key: contact, title: 联系人, numbersOnly: true }] }
                """;
        assertThatThrownBy(() -> CampaignLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "测试.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("列“contact”设置了 numbersOnly");
    }

    @Test
    void aNumberWrittenInQuotesIsReadAndAWordWhereANumberBelongsIsNamedInChinese() {
        String quoted = """
                id: test
                correctionDays: "5"
                templates:
                  - id: cases
                    deadline: 2025-12-09
                    columns:
                      - { key: summary, title: 案例简介, maxLength: "200" }
                """;
        Campaign c = CampaignLoader.parse(quoted.getBytes(StandardCharsets.UTF_8), "测试.yml");
        assertThat(c.correctionDays()).isEqualTo(5);
        assertThat(c.template("cases").orElseThrow().columns().get(0).maxLength()).isEqualTo(200);

        String word = quoted.replace("maxLength: \"200\"", "maxLength: 二百");
        assertThatThrownBy(() -> CampaignLoader.parse(word.getBytes(StandardCharsets.UTF_8), "测试.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("活动定义 测试.yml 中“columns.summary.maxLength”应为整数，现为“二百”");
    }

    @Test
    void twoTemplatesWithOneIdOrOneFeedNameAreRefusedInChinese() {
        String twice = """
                id: test
                templates:
                  - id: cases
                    deadline: 2025-12-09
                    columns:
                      - { key: case_name, title: 案例名称 }
                  - id: cases
                    deadline: 2025-12-09
                    columns:
                      - { key: case_name, title: 案例名称 }
                """;
        assertThatThrownBy(() -> CampaignLoader.parse(twice.getBytes(StandardCharsets.UTF_8), "测试.yml"))
                .hasMessageContaining("模板编号“cases”重复");
        String feed = twice.replaceFirst("id: cases", "id: plans").replaceFirst("deadline: 2025-12-09",
                "deadline: 2025-12-09\n    output: issues.csv");
        assertThatThrownBy(() -> CampaignLoader.parse(feed.getBytes(StandardCharsets.UTF_8), "测试.yml"))
                .hasMessageContaining("模板“plans”的输出文件名“issues.csv”与其他输出重名");
    }
}
