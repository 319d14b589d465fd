package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.columns;
import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.EndToEndInbox;
import cn.huizong.fixtures.WorkbookText;
import cn.huizong.fixtures.Workbooks;

/**
 * A campaign where units reshaped the tables (issue 9), consolidated end to end: a split contact column, a
 * hidden old copy, one sheet per county with an example and a total row, and a bureau that sent 附件1 and 附件5
 * in one workbook and later a new 附件5 alone.
 */
class ReshapedTablesInARunTest {

    @TempDir
    static Path work;

    static Path csv;

    @BeforeAll
    static void consolidate() throws Exception {
        Path inbox = work.resolve("inbox");
        EndToEndInbox.writeReshaped(inbox);
        Path both = inbox.resolve("开封市教育局/结对包联和典型案例.xlsx");
        Workbooks.xlsx(both, Workbooks.pairingSheet("开封市教育局", List.of(
                r("开封市教育局", "开封汽车零部件产业园", "韩梅 13937800001", "曹阳 13937800002", "数控", "结对", "已对接", "长期"))),
                Workbooks.casesSheet("开封市教育局", List.of(
                        r(1, "旧案例", "简介。", "开封市教育局", "教育局", "韩梅", "13937800001"))));
        Workbooks.receivedAt(both, "2025-12-05T10:00:00");
        Path newer = inbox.resolve("开封市教育局/附件5（更新）.xlsx");
        Workbooks.xlsx(newer, Workbooks.casesSheet("开封市教育局", List.of(
                r(1, "新案例", "简介。", "开封市教育局", "教育局", "韩梅", "13937800001"))));
        Workbooks.receivedAt(newer, "2025-12-08T10:00:00");

        Cli run = Cli.run("consolidate", "--input", inbox.toString(), "--output", work.resolve("out").toString(),
                "--data", work.resolve("data").toString(), "--db",
                "jdbc:h2:mem:reshaped-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        assertThat(run.code()).as(run.err()).isZero();
        csv = work.resolve("out/latest/csv");
    }


    @Test
    void pairingsHoldTheRowsOfEveryReshapedTableAndNothingElse() throws Exception {
        assertThat(columns(records(csv.resolve("pairings.csv")), "unit", "enterprise", "enterprise_contact", "deadline",
                "source_file", "source_sheet", "source_row")).isEqualTo("""
                开封市教育局|开封汽车零部件产业园|韩梅 13937800001||开封市教育局/结对包联和典型案例.xlsx|附件1|5
                濮阳市教育局|濮阳石化产业园|孔亮 13903930001|2026-06-30|濮阳市教育局/附件1.xlsx|附件1|6
                濮阳市教育局|范县产业集聚区|秦岭 0393-5210001|2026-06-30|濮阳市教育局/附件1.xlsx|附件1|7
                许昌市教育局|许昌发制品产业园|吕布 13903740001||许昌市教育局/附件1（分县区）.xlsx|魏都区|5
                许昌市教育局|禹州钧瓷产业园|关羽 13903740003|2026-06-30|许昌市教育局/附件1（分县区）.xlsx|禹州市|5
                鹤壁市教育局|鹤壁电子信息产业园|马超 13903920001||鹤壁市教育局/附件1.xlsx|附件1|5""");
    }

    @Test
    void aWorkbookWithBothTablesCountsForBothAndANewerCaseTableReplacesOnlyItsCases() throws Exception {
        assertThat(columns(records(csv.resolve("submissions.csv")).stream()
                .filter(s -> s.get("unit").equals("开封市教育局")).toList(), "file", "template", "status", "rows_accepted",
                "rows_superseded")).isEqualTo("""
                开封市教育局/结对包联和典型案例.xlsx|pairing+cases|accepted|1|1
                开封市教育局/附件5（更新）.xlsx|cases|accepted|1|0""");
        assertThat(columns(records(csv.resolve("cases.csv")), "unit", "case_name")).isEqualTo("开封市教育局|新案例");
        assertThat(columns(records(csv.resolve("completeness.csv")).stream()
                .filter(c -> c.get("unit").equals("开封市教育局")).toList(), "pairing", "cases")).isEqualTo("submitted|submitted");
        assertThat(records(csv.resolve("issues.csv")).stream().filter(i -> i.get("code").equals("SUPERSEDED_FILE"))
                .map(i -> i.get("message")).toList()).containsExactly("本文件中的附件5已被2025-12-08 10:00收到的"
                        + "“开封市教育局/附件5（更新）.xlsx”替代，未纳入汇总（同一单位同一表格以最后收到的文件为准）。");
    }

    @Test
    void everyReshapingIsExplainedToTheUnitOnce() throws Exception {
        assertThat(columns(records(csv.resolve("issues.csv")), "file", "sheet", "severity", "code")).isEqualTo("""
                开封市教育局/结对包联和典型案例.xlsx||info|SUPERSEDED_FILE
                濮阳市教育局/附件1.xlsx||info|JOINED_COLUMNS
                许昌市教育局/附件1（分县区）.xlsx||warning|SKIPPED_ROWS
                鹤壁市教育局/附件1.xlsx|上月|warning|HIDDEN_SHEET_SKIPPED""");
        String skipped = records(csv.resolve("issues.csv")).stream().filter(i -> i.get("code").equals("SKIPPED_ROWS"))
                .findFirst().orElseThrow().get("message");
        assertThat(skipped).isEqualTo("以下行不是数据，未汇总：工作表“魏都区”第6行（示例行）、工作表“禹州市”第6行（合计行）。"
                + "如其中有需要报送的数据，请改写为正式数据行后重新报送。");
    }

    @Test
    void theLettersSayInPlainChineseHowEachTableWasRead() throws Exception {
        assertThat(letter("许昌市教育局")).contains("表格读取说明").contains("工作表“魏都区”第6行（示例行）");
        assertThat(letter("鹤壁市教育局")).contains("表格读取说明").contains("隐藏的工作表“上月”也是附件1，未读取");
        assertThat(letter("濮阳市教育局")).contains("表格读取说明")
                .contains("“产业园区（企业）联系人及联系方式”分为“联系人”“联系电话”几列填写");
    }

    static String letter(String unit) throws Exception {
        return WorkbookText.of(csv.resolveSibling("反馈").resolve(unit + ".xlsx"));
    }
}
