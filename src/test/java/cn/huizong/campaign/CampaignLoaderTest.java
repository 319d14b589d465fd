package cn.huizong.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
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
}
