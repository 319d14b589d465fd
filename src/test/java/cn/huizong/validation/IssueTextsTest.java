package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The messages file: a text for every code, and no word that belongs to a campaign. */
class IssueTextsTest {

    @Test
    void everyCodeHasATextAndNoTextNamesATemplateOrTheOrganisation() {
        for (IssueCode code : IssueCode.values()) {
            assertThat(IssueTexts.TEXTS.get(code)).as(code.name()).isNotBlank()
                    // 附件N, 省教育厅 and the unit types' labels come from the campaign YAML as arguments
                    .doesNotContainPattern("附件\\d").doesNotContain("教育厅").doesNotContain("本科高校");
        }
    }

    @Test
    void campaignWordsAreArguments() {
        assertThat(IssueCode.UNRECOGNIZED_TEMPLATE.message("附件1或附件5", "没有表头"))
                .isEqualTo("未识别出附件1或附件5的表格：没有表头。请使用通知所附模板，保留原表头后重新报送。");
        assertThat(IssueCode.UNIT_TYPE_MISMATCH.message("本科", "高职高专院校", "省教育厅"))
                .endsWith("如名录有误，请联系省教育厅。");
        assertThat(IssueCode.textsFingerprint()).hasSize(64);
    }
}
