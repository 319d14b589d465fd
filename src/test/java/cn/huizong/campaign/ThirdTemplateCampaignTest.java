package cn.huizong.campaign;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.WorkbookText;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.app.Cli;

/**
 * A new notice needs a new YAML, not code: the shipped campaign plus a third template (附件2-style plans kept as
 * a table) gets its own feed, its own roster column and status in completeness.csv, its own sheet, and its own
 * line in the run summary.
 */
class ThirdTemplateCampaignTest {

    @TempDir
    static Path work;

    static Cli run;
    static Path latest;

    static final String PLANS = """

              - id: plans
                title: 附件2 一地一策实施方案备案表
                shortName: 实施方案
                missingLabel: 未报送实施方案的市级教育行政部门
                deadline: 2025-12-31
                requiredFrom: [city]
                missingStatus: missing
                output: plans.csv
                columns:
                  - { key: plan_name, title: 方案名称, required: true }
                  - { key: lead_office, title: 牵头处室 }
                  - { key: plan_contact, title: 联系人及联系方式, required: true, phone: true }
                  - { key: filed_on, title: 印发日期, date: true }
            """;

    @BeforeAll
    static void consolidate() throws Exception {
        String shipped = Files.readString(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        // the third template goes at the end of the templates list, before the quotas
        Path campaign = work.resolve("three-templates.yml");
        // and without the write-up rules: a campaign that has none keeps the feeds and sheets it had (the
        // shipped one's write-ups add completeness columns and a sheet, see WriteupsInARunTest)
        String withoutWriteups = shipped.replaceFirst("(?ms)^writeups:\n.*?(?=^\\S)", "");
        assertThat(withoutWriteups).doesNotContain("writeups:").contains("reminderDays:");
        Files.writeString(campaign, withoutWriteups.replace("\n# 第三部分（三）", PLANS + "\n# 第三部分（三）"));
        Path inbox = work.resolve("inbox");
        Path plans = inbox.resolve("洛阳市教育局/附件2 一地一策实施方案备案表.xlsx");
        Workbooks.xlsx(plans, new Workbooks.SheetSpec("附件2").row("附件2").row("一地一策实施方案备案表")
                .row("填报单位：洛阳市教育局（公章）")
                .row("方案名称", "牵头处室", "联系人及联系方式", "印发日期")
                .row("洛阳市教育助企中原行实施方案", "职成科", "冯亮 13783110002", "2025-12-20"));
        Workbooks.receivedAt(plans, "2025-12-22T09:00:00");
        Path pairing = inbox.resolve("洛阳市教育局/附件1.xlsx");
        Workbooks.xlsx(pairing, Workbooks.pairingSheet("洛阳市教育局", List.of(r("洛阳市教育局", "洛阳一拖集团",
                "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
        Workbooks.receivedAt(pairing, "2025-12-15T09:00:00");
        run = Cli.run("consolidate", "--input", inbox.toString(), "--output", work.resolve("out").toString(), "--data",
                work.resolve("data").toString(), "--campaign", campaign.toString());
        assertThat(run.code()).as(run.err()).isZero();
        latest = work.resolve("out/latest");
    }

    @Test
    void theThirdTemplateHasItsOwnFeed() throws Exception {
        List<CSVRecord> plans = records(latest.resolve("csv/plans.csv"));
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).get("unit")).isEqualTo("洛阳市教育局");
        assertThat(plans.get(0).get("plan_name")).isEqualTo("洛阳市教育助企中原行实施方案");
        assertThat(plans.get(0).get("filed_on")).isEqualTo("2025-12-20");
        assertThat(records(latest.resolve("csv/submissions.csv")).stream().map(s -> s.get("template")).toList())
                .containsExactly("pairing", "plans");
    }

    @Test
    void completenessHasAColumnForEveryTemplateWithTheRightStatuses() throws Exception {
        List<String> lines = Files.readAllLines(latest.resolve("csv/completeness.csv"));
        assertThat(lines.get(0)).isEqualTo("unit,unit_type,city,pairing,cases,plans,files_sent,files_rejected");
        assertThat(lines).contains("洛阳市教育局,city,洛阳市,submitted,none,submitted,2,0",
                "郑州市教育局,city,郑州市,missing,none,missing,0,0", "郑州大学,dfc,郑州市,not_required,none,not_required,0,0");
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(8));
    }

    @Test
    void theProvincialWorkbookHasASheetAndARosterColumnForIt() throws Exception {
        try (Workbook wb = WorkbookFactory.create(latest.resolve("省级汇总表.xlsx").toFile(), null, true)) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("结对包联汇总", "典型案例汇总", "实施方案汇总", "配额核查", "报送情况", "问题清单");
            assertThat(WorkbookText.of(wb.getSheet("实施方案汇总"))).contains("洛阳市教育助企中原行实施方案", "职成科");
            String roster = WorkbookText.of(wb.getSheet("报送情况"));
            assertThat(roster).contains("附件2 实施方案");
        }
    }

    @Test
    void theRunSummaryCountsUnitsThatDidNotSendIt() {
        assertThat(run.out()).contains("未报送附件1的市级教育行政部门：18 个").contains("未报送实施方案的市级教育行政部门：18 个（郑州市教育局、");
    }

    @Test
    void aFileHoldingNoneOfTheTablesIsToldAllThreeLabels() throws Exception {
        Path other = work.resolve("其他/洛阳市教育局-说明.xlsx");
        Workbooks.xlsx(other, new Workbooks.SheetSpec("说明").row("填报单位：洛阳市教育局").row("项目", "说明")
                .row("调研", "已完成"));
        Cli check = Cli.run("validate", other.toString(), "--campaign", work.resolve("three-templates.yml").toString());
        assertThat(check.out()).contains("未识别出附件1、附件5或附件2的表格");
    }
}
