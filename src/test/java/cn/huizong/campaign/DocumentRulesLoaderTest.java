package cn.huizong.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.huizong.campaign.DocumentRules.LineSpacing;
import cn.huizong.registry.UnitType;

/** The writeups: section of the campaign YAML (附件4 rules and the plans of 附件2/3). */
class DocumentRulesLoaderTest {

    private static final String HEAD = """
            id: t
            templates:
              - id: cases
                deadline: 2025-12-09
                columns:
                  - { key: case_name, title: 案例名称 }
            """;

    @Test
    void shippedCampaignCarriesTheRulesOfAttachment4() throws Exception {
        DocumentRules r = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml")).documents();
        assertThat(r.role("body")).hasValueSatisfying(body -> {
            assertThat(body.font()).isEqualTo("仿宋_GB2312");
            assertThat(body.latinFont()).isEqualTo("Times New Roman");
            assertThat(body.sizePoints()).isEqualTo(16.0);
            assertThat(body.lineSpacing()).isEqualTo(new LineSpacing(true, 30));
            assertThat(body.lineSpacing().wordLine()).isEqualTo(600);
        });
        assertThat(r.role("tableCell").orElseThrow().lineSpacing().wordLine()).isEqualTo(240);
        assertThat(r.margins().left()).isEqualTo(3.18);
        assertThat(r.sections()).containsExactly("实施背景", "主要做法", "取得成效", "经验总结");
        assertThat(r.face("FangSong_GB2312")).isEqualTo("仿宋_GB2312");
        assertThat(r.face("simsun")).isEqualTo("宋体");
        assertThat(r.face("仿宋")).isEqualTo("仿宋");
        assertThat(r.plans()).hasSize(2);
        assertThat(r.plans().get(1).unitTypes()).contains(UnitType.DFC);
        assertThat(r.plans().get(0).deadline()).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @Test
    void aCampaignWithoutWriteupsJudgesNoDocument() {
        Campaign c = CampaignLoader.parse(HEAD.getBytes(StandardCharsets.UTF_8), "t.yml");
        assertThat(c.documents()).isEqualTo(DocumentRules.NONE);
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> parse("  roles:\n    body: { lineSpacing: 30磅 }\n"))
                .hasMessageContaining("writeups.roles.body.lineSpacing“30磅”无效");
        assertThatThrownBy(() -> parse("  roles:\n    footnote: { size: 9 }\n"))
                .hasMessageContaining("“footnote”不是已知的段落类别");
        assertThatThrownBy(() -> parse("  plans:\n    - { kind: county }\n"))
                .hasMessageContaining("kind“county”无效");
    }

    private static Campaign parse(String writeups) {
        return CampaignLoader.parse((HEAD + "writeups:\n" + writeups).getBytes(StandardCharsets.UTF_8), "t.yml");
    }
}
