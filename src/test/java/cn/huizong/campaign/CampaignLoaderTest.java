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

    @Test
    void shippedCampaignNamesItsOrganisationUnitTypesAndWords() {
        assertThat(campaign.organisation()).isEqualTo(new Campaign.Organisation("河南省教育厅", "省教育厅"));
        assertThat(campaign.unitTypes()).extracting(Campaign.UnitTypeSpec::type)
                .containsExactly(UnitType.CITY, UnitType.DFC, UnitType.UNDERGRAD, UnitType.VOCATIONAL);
        assertThat(campaign.unitTypesInReportOrder()).extracting(Campaign.UnitTypeSpec::type)
                .containsExactly(UnitType.DFC, UnitType.UNDERGRAD, UnitType.VOCATIONAL, UnitType.CITY);
        assertThat(campaign.typeLabel(UnitType.DFC)).isEqualTo("“双一流”建设和创建高校");
        assertThat(campaign.typeLabel("undergrad")).isEqualTo("其他本科高校");
        assertThat(campaign.typeLabel((String) null)).isEmpty();
        assertThat(campaign.templateLabels()).isEqualTo("附件1或附件5");
        assertThat(campaign.unitLine().seal()).containsExactly("公章", "盖章");
        assertThat(campaign.unitNames()).isEqualTo(cn.huizong.registry.UnitNames.DEFAULT);
        assertThat(campaign.markedCopies()).isEqualTo(new Campaign.MarkedCopyLimits(5L * 1024 * 1024, 10_000, 30L * 1024 * 1024));
    }

    @Test
    void aCampaignWithoutTheNewKeysLoadsWithTheShippedValues() {
        Campaign old = CampaignLoader.parse(MINIMAL.getBytes(StandardCharsets.UTF_8), "旧.yml");
        assertThat(old.organisation()).isEqualTo(campaign.organisation());
        assertThat(old.unitTypes()).isEqualTo(campaign.unitTypes());
        assertThat(old.unitLine()).isEqualTo(campaign.unitLine());
        assertThat(old.unitNames()).isEqualTo(campaign.unitNames());
        assertThat(old.markedCopies()).isEqualTo(campaign.markedCopies());
        Campaign sized = CampaignLoader.parse((MINIMAL + "markedCopies: { maxBytes: 512KB, maxDocumentBytes: 64MB }\norganisation: { name: 某厅 }\n")
                .getBytes(StandardCharsets.UTF_8), "测试.yml");
        assertThat(sized.markedCopies()).isEqualTo(new Campaign.MarkedCopyLimits(512L * 1024, 10_000, 64L * 1024 * 1024));
        assertThat(sized.organisation()).isEqualTo(new Campaign.Organisation("某厅", "某厅"));
    }

    static final String MINIMAL = """
            id: test
            templates:
              - id: cases
                deadline: 2025-12-09
                columns:
                  - { key: case_name, title: 案例名称 }
            """;

    /** Each bad entry is refused with a Chinese message naming the file and the key. " / " starts a new line. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            'quotas: [dfc]'                                         | “quotas”应为“键: 值”的对照
            'quotas: { foo: 1 }'                                    | “quotas”的单位类型“foo”无效
            'quotas: { dfc: 五 }'                                   | “quotas.dfc”应为整数，现为“五”
            'unitLabels: { 填报单位: 1 }'                            | “unitLabels”应为列表
            'unitLabels: [[填报单位]]'                               | “unitLabels”应为一个值
            'unitTypeKeywords: [{ type: college, words: [学院] }]'   | “unitTypeKeywords[1].type”的单位类型“college”无效
            'unitTypeKeywords: [{ words: [学院] }]'                  | 缺少必填项“unitTypeKeywords[1].type”
            'organisation: 省教育厅'                                 | “organisation”应为“键: 值”的对照
            'organisation: { short: 省教育厅 }'                      | 缺少必填项“organisation.name”
            'organisation: { name: 河南省教育厅, shortName: 省教育厅 }' | “organisation”的“shortName”不是已知的项
            'organization: { name: 河南省教育厅 }'                   | “organization”不是已知的项
            'unitTypes: { city: 市级 }'                              | “unitTypes”应为列表
            'unitTypes: [{ id: town, label: 乡镇 }]'                 | “unitTypes[1].id”的单位类型“town”无效
            'unitTypes: [{ id: city }]'                              | 缺少必填项“unitTypes[1].label”
            'unitTypes: [{ id: city, label: 市, order: 第一 }]'      | “unitTypes[1].order”应为整数
            'unitTypes: [{ id: city, label: 市 }]'                   | “unitTypes”缺少单位类型“dfc”
            'unitTypes: [{ id: city, label: 市 }, { id: city, label: 市 }]' | “unitTypes”的单位类型“city”重复
            'unitLine: { seal: [] }'                                | “unitLine.seal”应为不空的词表
            'unitLine: { seal: { 公章: 1 } }'                        | “unitLine.seal”应为列表
            'unitNames: { replace: [教体局] }'                       | “unitNames.replace”应为“键: 值”的对照
            'unitNames: { replace: { 教体局: [教育局] } }'            | “unitNames.replace.教体局”应为一个值
            'markedCopies: { maxBytes: 很大 }'                       | “markedCopies.maxBytes”应为字节数或带单位的大小
            'markedCopies: { maxDocumentBytes: 1TB }'               | “markedCopies.maxDocumentBytes”应为字节数或带单位的大小
            'markedCopies: { maxRows: "abc" }'                      | “markedCopies.maxRows”应为整数，现为“abc”
            'timezone: 北京'                                         | “timezone”“北京”不是有效的时区
            'rowWords: { total: { 合计: 1 } }'                       | “rowWords.total”应为列表
            """)
    void aWrongTypeOrAnUnknownNameIsRefusedNamingItsKey(String section, String message) {
        String yaml = MINIMAL + section.replace(" / ", "\n") + "\n";
        assertThatThrownBy(() -> CampaignLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "测试.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("活动定义 测试.yml ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            'maxLength: "abc"'           | “columns.summary.maxLength”应为整数，现为“abc”
            'maxLength: [200]'           | “columns.summary.maxLength”应为整数
            'required: 是'               | “columns.summary.required”应为 true 或 false，现为“是”
            'aliases: { 简介: 1 }'        | “columns.summary.aliases”应为列表
            'title: [案例简介]'           | “columns.summary.title”应为一个值
            """)
    void aWrongTypeInAColumnIsRefusedNamingTheColumnsKey(String entry, String message) {
        String yaml = """
                id: test
                templates:
                  - id: cases
                    deadline: 2025-12-09
                    columns:
                      - { key: summary, title: 案例简介, %s }
                """.formatted(entry).replace("title: 案例简介, title:", "title:");
        assertThatThrownBy(() -> CampaignLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "测试.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("活动定义 测试.yml ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            'id: test / templates: { cases: 1 }'                                         | “templates”应为列表
            'id: test / templates: [{ id: cases, columns: [{ key: a, title: A }] }]'     | 缺少必填项“templates.cases.deadline”
            'id: test / templates: [{ id: cases, deadline: 十二月, columns: [{ key: a, title: A }] }]' | “templates.cases.deadline”应为日期
            'id: test / templates: [{ id: cases, deadline: 2025-12-09 }]'                | 缺少列表“templates.cases.columns”
            'id: test / templates: [{ id: cases, deadline: 2025-12-09, columns: [{ title: A }] }]' | 缺少必填项“templates.cases.columns[].key”
            'id: test / templates: [{ id: cases, deadline: 2025-12-09, requiredFrom: [town], columns: [{ key: a, title: A }] }]' | “templates.cases.requiredFrom”的单位类型“town”无效
            'id: test / templates: [{ id: cases, deadline: 2025-12-09, quotaApplies: yes please, columns: [{ key: a, title: A }] }]' | “templates.cases.quotaApplies”应为 true 或 false
            'templates: [{ id: cases, deadline: 2025-12-09, columns: [{ key: a, title: A }] }]' | 缺少必填项“id”
            """)
    void aMissingOrWrongTemplateEntryIsRefusedNamingItsKey(String yaml, String message) {
        assertThatThrownBy(() -> CampaignLoader.parse(yaml.replace(" / ", "\n").getBytes(StandardCharsets.UTF_8),
                "测试.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("活动定义 测试.yml ")
                .hasMessageContaining(message);
    }
}
