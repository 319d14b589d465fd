package cn.huizong.campaign;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.WorkbookText;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.fixtures.Writeups;
import cn.huizong.app.Cli;

/**
 * The words the campaign YAML gives reach every output with no code change: the organisation's name, the unit
 * types' labels and report order, the unit-line and unit-name words and the marked-copy limits. The shipped
 * campaign with those keys changed, one run and two {@code validate} checks.
 */
class CampaignWordsTest {

    @TempDir
    static Path work;

    static Path campaign;
    static Path inbox;
    static Cli run;
    static Path latest;

    @BeforeAll
    static void consolidate() throws Exception {
        String shipped = Files.readString(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        String changed = replace(shipped,
                "organisation: { name: 河南省教育厅, short: 省教育厅 }", "organisation: { name: 某某省教育厅, short: 某某教育厅 }",
                // undergrad first in the reports, under another name
                "{ id: undergrad, label: 其他本科高校, order: 2 }", "{ id: undergrad, label: 普通本科院校, order: 0 }",
                "seal: [公章, 盖章]", "seal: [公章, 盖章, 签章]",
                "endsAt: [填报人, ", "endsAt: [审核人, 填报人, ",
                "replace: { 教育体育局: 教育局, ", "replace: { 教育和体育局: 教育局, 教育体育局: 教育局, ",
                "maxRows: 10000", "maxRows: 1",
                // far below any write-up: the documents' own limit still lets it have its commented copy
                "maxBytes: 5MB", "maxBytes: 1KB");
        campaign = work.resolve("words.yml");
        Files.writeString(campaign, changed);

        inbox = work.resolve("inbox");
        Path xuchang = inbox.resolve("许昌学院/附件5.xlsx");
        Workbooks.xlsx(xuchang, Workbooks.casesSheet("许昌学院", List.of(
                r(1, "许昌案例一", "简介", "许昌学院", "高职高专院校", "任静", "13598900001"),
                r(2, "许昌案例二", "简介", "许昌学院", "本科", "任静", "电话待定"),
                r(3, "许昌案例三", "简介", "许昌学院", "本科", "任静", "13598900001"),
                r(4, "许昌案例四", "简介", "许昌学院", "本科", "任静", "13598900001"),
                r(5, "许昌案例五", "简介", "许昌学院", "本科", "任静", "13598900001"))));
        Workbooks.receivedAt(xuchang, "2025-12-05T10:00:00");
        Path zzu = inbox.resolve("郑州大学/附件5.xlsx");
        Workbooks.xlsx(zzu, Workbooks.casesSheet("郑州大学", List.of(
                r(1, "郑大案例一", "简介", "郑州大学", "“双一流”建设高校", "王芳", "13838000003"))));
        Workbooks.receivedAt(zzu, "2025-12-05T11:00:00");
        Writeups.direct(inbox.resolve("郑州大学/郑大案例一.docx"), java.util.Set.of(Writeups.Mistake.FANGSONG_BODY));
        // no unit in the path: the unit line names it, with a seal word and a next item of this campaign's own
        Path bureau = inbox.resolve("来件/附件1.xlsx");
        Workbooks.xlsx(bureau, bureauSheet());
        Workbooks.receivedAt(bureau, "2025-12-15T09:00:00");

        run = Cli.run("consolidate", "--input", inbox.toString(), "--output", work.resolve("out").toString(), "--data",
                work.resolve("data").toString(), "--campaign", campaign.toString());
        assertThat(run.code()).as(run.err()).isZero();
        latest = work.resolve("out/latest");
    }

    static Workbooks.SheetSpec bureauSheet() {
        return new Workbooks.SheetSpec("附件1").row("附件1").row("各地（校）结对包联情况汇总表")
                .row("填报单位：郑州市教育和体育局（签章）    审核人：王五")
                .row(Workbooks.PAIRING_HEADER.toArray())
                .rows(List.of(r("郑州市教育和体育局", "郑州航空港产业园", "张明 13837900011", "李华 13937900001", "人才", "对接",
                        "推进中", "2026-06-30")));
    }

    private static String replace(String text, String... pairs) {
        String s = text;
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(s).as("the shipped campaign holds %s", pairs[i]).contains(pairs[i]);
            s = s.replace(pairs[i], pairs[i + 1]);
        }
        return s;
    }

    private static String message(List<CSVRecord> issues, String code) {
        return issues.stream().filter(i -> i.get("code").equals(code)).map(i -> i.get("message")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + issues));
    }

    @Test
    void issueMessagesNameTheCampaignsUnitTypeAndOrganisation() throws Exception {
        List<CSVRecord> issues = records(latest.resolve("csv/issues.csv"));
        assertThat(message(issues, "UNIT_TYPE_MISMATCH"))
                .isEqualTo("单位类型填写为“高职高专院校”，但本单位在名录中属于普通本科院校，已按名录类型核定限额。如名录有误，请联系某某教育厅。");
        assertThat(message(issues, "OVER_QUOTA")).startsWith("本单位属于普通本科院校，典型案例限报3项，本案例排第4项");
    }

    @Test
    void theUnitLineAndNameWordsFindTheBureau() throws Exception {
        List<CSVRecord> pairings = records(latest.resolve("csv/pairings.csv"));
        assertThat(pairings).extracting(p -> p.get("unit")).containsExactly("郑州市教育局");
    }

    @Test
    void reportsSortAndLabelUnitTypesAsTheCampaignSays() throws Exception {
        try (Workbook wb = WorkbookFactory.create(latest.resolve("省级汇总表.xlsx").toFile())) {
            String cases = WorkbookText.of(wb.getSheet("典型案例汇总"));
            assertThat(cases.indexOf("许昌案例一")).isPositive().isLessThan(cases.indexOf("郑大案例一"));
            assertThat(cases).contains("普通本科院校").doesNotContain("其他本科高校");
            String quota = WorkbookText.of(wb.getSheet("配额核查"));
            assertThat(quota).contains("典型案例配额核查（普通本科院校不超过3项，“双一流”建设和创建高校不超过5项，高职高专院校不超过2项）");
            assertThat(WorkbookText.of(wb.getSheet("报送情况"))).contains("合计：普通本科院校");
        }
    }

    @Test
    void theLetterNamesTheOrganisationAndKeepsToTheMarkedCopyLimits() throws Exception {
        try (Workbook wb = WorkbookFactory.create(latest.resolve("反馈/许昌学院.xlsx").toFile())) {
            String letter = WorkbookText.of(wb.getSheetAt(0));
            assertThat(letter).contains("某某教育厅共收到你单位报送的文件 1 个").contains("你单位属于普通本科院校")
                    .contains("未生成标注副本").doesNotContain("省教育厅共收到");
        }
        assertThat(latest.resolve("反馈/许昌学院")).doesNotExist();
    }

    @Test
    void aWriteupKeepsItsCommentedCopyUnderTheWorkbooksSizeLimit() throws Exception {
        assertThat(Files.size(inbox.resolve("郑州大学/郑大案例一.docx"))).isGreaterThan(1024);
        try (java.util.stream.Stream<Path> copies = Files.list(latest.resolve("反馈/郑州大学"))) {
            assertThat(copies.map(p -> p.getFileName().toString())).singleElement()
                    .satisfies(name -> assertThat(name).endsWith(".docx").contains("郑大案例一"));
        }
    }

    @Test
    void validateUsesTheSameWords() throws Exception {
        Cli xuchang = Cli.run("validate", inbox.resolve("许昌学院/附件5.xlsx").toString(), "--campaign", campaign.toString());
        assertThat(xuchang.out()).contains("报送单位：许昌学院（普通本科院校）").contains("请联系某某教育厅");
        Cli bureau = Cli.run("validate", inbox.resolve("来件/附件1.xlsx").toString(), "--campaign", campaign.toString());
        assertThat(bureau.out()).contains("报送单位：郑州市教育局（市级教育行政部门）").contains("表内填写：郑州市教育和体育局\n");
        // the shipped words know neither 签章 nor 审核人: the line runs on (the bureau is found by 郑州市 alone)
        Cli shipped = Cli.run("validate", inbox.resolve("来件/附件1.xlsx").toString());
        assertThat(shipped.out()).contains("表内填写：郑州市教育和体育局（签章）    审核人：王五");
    }
}
