package cn.huizong.reporting;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static cn.huizong.reporting.ReportOutputs.column;
import static cn.huizong.reporting.ReportOutputs.open;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.Workbooks;

/**
 * Through a whole run over generated workbooks: 400/800 hotlines and full-width numbers (１３８１２３４５６７８)
 * in 附件1 and 附件5 are accepted and every output shows them in one written form; full-width letters become
 * ASCII while Chinese punctuation stays; 上半年, 年初 and a range are read as deadlines.
 */
class ContactNumbersAndDeadlinesInOutputsTest {

    @TempDir
    static Path work;

    static Path latest;

    @BeforeAll
    static void consolidate() throws Exception {
        Path inbox = work.resolve("inbox");
        Path pairing = inbox.resolve("郑州市教育局/附件1.xlsx");
        Workbooks.xlsx(pairing, Workbooks.pairingSheet("郑州市教育局", List.of(
                r("郑州市教育局", "ＡＢＣ智能科技（郑州）有限公司", "客服 400 1234 567", "李明 １３８１２３４５６７８",
                        "高技能人才：数控，焊接", "出台１０条措施", "推进中", "2026年上半年"),
                r("中牟县教育局", "中牟汽车产业集聚区", "4008208820", "孙磊 (0371)62110001", "技能培训", "送教入企",
                        "已启动", "2026年初"),
                r("新郑市教育局", "新郑新港产业集聚区", "周强 156 0371 0005", "钱芳 18903710006", "物流人才", "共建基地",
                        "洽谈中", "2025.12—2026.6"))));
        Workbooks.receivedAt(pairing, "2025-12-15T09:00:00");
        Path cases = inbox.resolve("郑州大学/附件5.xlsx");
        Workbooks.xlsx(cases, Workbooks.casesSheet("郑州大学", List.of(
                r(1, "超硬材料产业技术攻关", "联合攻关超硬材料关键技术。", "郑州大学", "双一流建设高校", "王芳", "４００－８８８－６６６６"),
                r(2, "智能农机校企联合实验室", "共建联合实验室。", "郑州大学", "双一流建设高校", "陈刚", "１３８１２３４５６７８"),
                r(3, "新材料中试基地", "建设中试基地。", "郑州大学", "双一流建设高校", "李娜",
                        "李娜 138 3800 0003、（0371）67780002"))));
        Workbooks.receivedAt(cases, "2025-12-08T09:00:00");
        latest = ReportOutputs.consolidate(inbox, work.resolve("output"), "contact-numbers");
    }

    @Test
    void pairingsShowHotlinesAndFullWidthMobilesInOneFormBesideTheNamesAndTheDeadlinesRead() throws Exception {
        assertThat(select(latest.resolve("csv/pairings.csv"), "enterprise", "enterprise_contact", "unit_contact",
                "needs", "measures", "deadline", "deadline_text")).containsExactly(
                "ABC智能科技（郑州）有限公司|客服 400-123-4567|李明 13812345678|高技能人才：数控，焊接|出台10条措施|2026-06-30|2026年上半年",
                "中牟汽车产业集聚区|400-820-8820|孙磊 0371-62110001|技能培训|送教入企|2026-03-31|2026年初",
                "新郑新港产业集聚区|周强 15603710005|钱芳 18903710006|物流人才|共建基地|2026-06-30|2025.12—2026.6");
    }

    @Test
    void casesShowTheNumbersAloneInOneForm() throws Exception {
        assertThat(select(latest.resolve("csv/cases.csv"), "case_name", "contact", "phone", "status")).containsExactly(
                "超硬材料产业技术攻关|王芳|400-888-6666|accepted",
                "智能农机校企联合实验室|陈刚|13812345678|accepted",
                "新材料中试基地|李娜|13838000003、0371-67780002|accepted");
    }

    @Test
    void noNumberIsAnErrorAndTheStartOfAYearIsAReminderStatingTheDateTaken() throws Exception {
        List<CSVRecord> issues = records(latest.resolve("csv/issues.csv"));
        assertThat(issues).extracting(i -> i.get("file") + "!" + i.get("column") + i.get("row") + " " + i.get("code"))
                .containsExactly("郑州市教育局/附件1.xlsx!H6 DEADLINE_ASSUMED");
        assertThat(issues.get(0).get("severity")).isEqualTo("warning");
        assertThat(issues.get(0).get("message")).isEqualTo("“完成时限”中的“2026年初”未写明具体日期，已按2026年3月31日理解。如另有所指，请写明具体日期。");
    }

    @Test
    void theProvincialWorkbookShowsTheSameNumbersAsTheFeeds() throws Exception {
        try (Workbook wb = open(latest.resolve("省级汇总表.xlsx"))) {
            // 序号, 地市, 填报单位, then the 附件1 columns; the header is the table's second row
            assertThat(column(wb.getSheet("结对包联汇总"), 1, 5)).containsExactly("客服 400-123-4567", "400-820-8820",
                    "周强 15603710005");
            assertThat(column(wb.getSheet("结对包联汇总"), 1, 6)).containsExactly("李明 13812345678",
                    "孙磊 0371-62110001", "钱芳 18903710006");
            assertThat(column(wb.getSheet("典型案例汇总"), 1, 6)).containsExactly("400-888-6666", "13812345678",
                    "13838000003、0371-67780002");
        }
    }

    /** Selected columns of a feed, one "a|b|c" line per record. */
    private static List<String> select(Path csv, String... columns) throws Exception {
        return records(csv).stream()
                .map(r -> java.util.Arrays.stream(columns).map(r::get).collect(Collectors.joining("|")))
                .toList();
    }
}
