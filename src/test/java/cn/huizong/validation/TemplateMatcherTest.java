package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.reading.Cell;
import cn.huizong.reading.SheetRow;
import cn.huizong.validation.TemplateMatcher.HeaderMatch;

/** Recognising the notice's templates from header rows as they appear in submitted sheets. */
class TemplateMatcherTest {

    /** The 附件1 header as printed in the notice, with its line breaks and full-width brackets. */
    private static final List<String> PAIRING_TITLES = List.of(
            "教育行政部门\n（学校）",
            "包联产业园区\n（企业）名称",
            "产业园区（企业）\n联系人及联系方式",
            "教育行政部门（学校）\n包保负责人及联系方式",
            "产业园区（企业）\n需求",
            "出台政策和\n工作举措",
            "工作推进情况",
            "完成时限");

    private static TemplateMatcher matcher;

    @BeforeAll
    static void loadCampaign() throws Exception {
        Campaign campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        matcher = new TemplateMatcher(campaign);
    }

    /** Cells from column 0 in order; null leaves the column empty (cells are sparse). */
    private static SheetRow row(String... texts) {
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] != null) {
                cells.add(Cell.text(i, texts[i]));
            }
        }
        return new SheetRow(3, cells);
    }

    private static SheetRow pairingHeader() {
        List<String> texts = new ArrayList<>();
        texts.add("序号");
        texts.addAll(PAIRING_TITLES);
        return row(texts.toArray(String[]::new));
    }

    @Test
    void noticePairingHeaderWithLineBreaksAndFullWidthBracketsIsThePairingTemplate() {
        HeaderMatch m = matcher.match(pairingHeader()).orElseThrow();
        assertThat(m.template().id()).isEqualTo("pairing");
        assertThat(m.complete()).isTrue();
        assertThat(m.matched()).isEqualTo(8);
    }

    @ParameterizedTest(name = "[{index}] {0} is sheet column {1}")
    @CsvSource(textBlock = """
            edu_unit,           1
            enterprise,         2
            enterprise_contact, 3
            unit_contact,       4
            needs,              5
            measures,           6
            progress,           7
            deadline,           8
            """)
    void pairingColumnsMapToTheSheetColumnsTheyStandIn(String key, int sheetColumn) {
        HeaderMatch m = matcher.match(pairingHeader()).orElseThrow();
        assertThat(m.columnOf()[m.template().indexOf(key)]).isEqualTo(sheetColumn);
    }

    @Test
    void noticeCasesHeaderWithRequiredMarkAndLengthNoteIsTheCasesTemplate() {
        SheetRow header = row("序号", "*案例名称", "案例简介（限200字以内）", "申报单位", "单位类型", "联系人", "联系方式");
        HeaderMatch m = matcher.match(header).orElseThrow();
        assertThat(m.template().id()).isEqualTo("cases");
        assertThat(m.complete()).isTrue();
        assertThat(m.columnOf()[m.template().indexOf("case_name")]).isEqualTo(1);
        assertThat(m.columnOf()[m.template().indexOf("summary")]).isEqualTo(2);
        assertThat(m.columnOf()[m.template().indexOf("phone")]).isEqualTo(6);
    }

    @Test
    void headerWithoutTheEnterpriseColumnIsNoMatchButANearMissNamingTheColumn() {
        List<String> texts = new ArrayList<>();
        texts.add("序号");
        texts.addAll(PAIRING_TITLES);
        texts.remove("包联产业园区\n（企业）名称");
        SheetRow header = row(texts.toArray(String[]::new));

        assertThat(matcher.match(header)).isEmpty();
        HeaderMatch near = matcher.nearMiss(header).orElseThrow();
        assertThat(near.template().id()).isEqualTo("pairing");
        assertThat(near.missingRequired()).extracting(ColumnSpec::key).containsExactly("enterprise");
        assertThat(near.columnOf()[near.template().indexOf("enterprise")]).isEqualTo(-1);
    }

    @Test
    void titleRowAboveTheHeaderMatchesNoTemplate() {
        SheetRow title = row("各地（校）结对包联情况汇总表");
        assertThat(matcher.match(title)).isEmpty();
        assertThat(matcher.nearMiss(title)).isEmpty();
    }
}
