package cn.huizong.reading;

import cn.huizong.support.ReadLimits;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.fixtures.LibreOffice;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.intake.FileKind;
import cn.huizong.registry.Registry;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentSink;
import cn.huizong.validation.FileChecker;
import cn.huizong.validation.Issue;
import cn.huizong.validation.StagedRow;

/**
 * The reader contract over tables as units really reshape them (issue 9): a header over two rows, several
 * tables in one workbook, a hidden old copy, example and total rows, 同上, hidden rows and extra columns. Each
 * fixture is written by POI, the shapes that survive it also as .xls saved by LibreOffice; each test asserts
 * the exact rows, their status and the issues.
 */
class ReshapedTablesContractTest {

    @TempDir
    static Path dir;

    static Campaign campaign;
    static Registry registry;

    @BeforeAll
    static void load() throws Exception {
        campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        registry = Registry.load(Path.of("input/registry.csv"));
    }

    /** What a file reads to: rows as "template sheet!row|values…|ok/error", issues as "CODE@place: message". */
    record Read(ContentResult result, List<String> rows, List<String> issues) {

        List<String> codes() {
            return issues.stream().map(i -> i.substring(0, i.indexOf(':'))).toList();
        }

        String message(String code) {
            return issues.stream().filter(i -> i.startsWith(code + "@")).findFirst()
                    .map(i -> i.substring(i.indexOf(": ") + 2)).orElseThrow();
        }
    }

    static Read read(Path file) {
        List<String> rows = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        ContentSink sink = new ContentSink() {
            @Override
            public void row(StagedRow row) {
                rows.add(row.template() + " " + row.sheet() + "!" + row.excelRow() + "|" + String.join("|", row.values())
                        + "|" + (row.hasError() ? "error" : "ok"));
            }

            @Override
            public void issue(Issue i) {
                String place = i.row() == 0 ? (i.sheet() == null ? "file" : i.sheet())
                        : i.sheet() + "!" + (i.column() == null ? "" : i.column()) + i.row();
                issues.add(i.code().name() + "@" + place + ": " + i.message());
            }
        };
        ContentResult result = new FileChecker(campaign, registry, ReadLimits.DEFAULT)
                .check(new FileSource(file.getFileName().toString(), FileKind.of(file.toString()), file, null), sink);
        assertThat(result.failure()).as("read failure").isNull();
        return new Read(result, rows, issues);
    }

    static List<Object> pairing(String edu, String enterprise, String contact) {
        return r(edu, enterprise, contact, "李华 13937900001", "人才", "对接", "推进中", "2026-06-30");
    }

    static Workbooks.SheetSpec splitContactSheet() {
        return Workbooks.pairingSheetSplitContact("洛阳市教育局", List.of(
                r("洛阳市教育局", "洛阳一拖集团", "张明", "13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"),
                r("偃师区教育局", "洛阳轴承集团", "王芳", "0379-63210001", "赵强 13937900002", "设备", "共建", "已启动",
                        "2026-12-31")));
    }

    static final List<String> SPLIT_ROWS = List.of(
            "pairing 附件1!6|洛阳市教育局|洛阳一拖集团|张明 13837900011|李华 13937900001|人才|对接|推进中|2026-06-30|ok",
            "pairing 附件1!7|偃师区教育局|洛阳轴承集团|王芳 0379-63210001|赵强 13937900002|设备|共建|已启动|2026-12-31|ok");

    @Test
    void subColumnsUnderAMergedParentTitleAreOneColumnAndTheirTitleRowIsNotData() throws Exception {
        Path xlsx = dir.resolve("split/附件1.xlsx");
        Workbooks.xlsx(xlsx, splitContactSheet());

        Read read = read(xlsx);

        assertThat(read.rows()).containsExactlyElementsOf(SPLIT_ROWS);
        assertThat(read.codes()).containsExactly("JOINED_COLUMNS@file");
        assertThat(read.message("JOINED_COLUMNS")).isEqualTo(
                "“产业园区（企业）联系人及联系方式”分为“联系人”“联系电话”几列填写，已按顺序以空格连接，作为一项汇总。");
    }

    @Test
    void aSplitHeaderSavedByLibreOfficeAsXlsReadsTheSame() throws Exception {
        LibreOffice.assumeAvailable();
        Path source = dir.resolve("split-lo/附件1.xlsx");
        Workbooks.xlsx(source, splitContactSheet());
        Path xls = LibreOffice.convert(source, "xls", dir.resolve("split-lo-xls"));

        assertThat(read(xls).rows()).containsExactlyElementsOf(SPLIT_ROWS);
    }

    @Test
    void titlesSplitOverTwoRowsWithoutMergingAreOneHeader() throws Exception {
        Path xlsx = dir.resolve("two-rows/附件1.xlsx");
        Workbooks.xlsx(xlsx, new Workbooks.SheetSpec("附件1").row("填报单位：洛阳市教育局")
                .row("教育行政部门", "包联产业园区", "产业园区（企业）", "教育行政部门（学校）包保负责人", "产业园区（企业）", "出台政策和",
                        "工作推进情况", "完成时限")
                .row("（学校）", "（企业）名称", "联系人及联系方式", "及联系方式", "需求", "工作举措")
                .rows(List.of(pairing("洛阳市教育局", "洛阳一拖集团", "张明 13837900011"))));

        Read read = read(xlsx);

        assertThat(read.rows()).containsExactly(
                "pairing 附件1!4|洛阳市教育局|洛阳一拖集团|张明 13837900011|李华 13937900001|人才|对接|推进中|2026-06-30|ok");
        assertThat(read.issues()).isEmpty();
    }

    @Test
    void aHiddenOldCopyIsNotReadBesideTheShownTable() throws Exception {
        Path xlsx = dir.resolve("hidden-old/附件1.xlsx");
        Workbooks.SheetSpec old = Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("洛阳市教育局", "已退出的企业", "张明 13837900011")));
        Workbooks.xlsx(xlsx, Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("洛阳市教育局", "洛阳一拖集团", "张明 13837900011"))), rename(old, "上月").hidden());

        Read read = read(xlsx);

        assertThat(read.rows()).containsExactly(
                "pairing 附件1!5|洛阳市教育局|洛阳一拖集团|张明 13837900011|李华 13937900001|人才|对接|推进中|2026-06-30|ok");
        assertThat(read.codes()).containsExactly("HIDDEN_SHEET_SKIPPED@上月");
        assertThat(read.message("HIDDEN_SHEET_SKIPPED")).isEqualTo(
                "隐藏的工作表“上月”也是附件1，未读取，以显示的工作表为准。如其中有需要报送的内容，请移到显示的工作表后重新报送。");
    }

    @Test
    void aTableOnlyOnAHiddenSheetIsReadWithAWarning() throws Exception {
        Path xlsx = dir.resolve("hidden-only/附件1.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.instructions(), rename(Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("洛阳市教育局", "洛阳一拖集团", "张明 13837900011"))), "数据").hidden());

        Read read = read(xlsx);

        assertThat(read.rows()).hasSize(1);
        assertThat(read.codes()).containsExactly("HIDDEN_SHEET_READ@数据");
    }

    @Test
    void exampleTotalNoteAndSignatureRowsAreSkippedAndListedOnce() throws Exception {
        Path xlsx = dir.resolve("not-data/附件5.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.casesSheet("郑州大学", List.of(
                r("例", "XX大学校企合作案例", "简介", "XX大学", "本科", "张三", "13800000000"),
                r(1, "智能制造产业学院", "校企共建产业学院。", "郑州大学", "“双一流”建设高校", "陈刚", "13838000001"),
                r(2, "中试基地", "共建中试基地。", "郑州大学", "“双一流”建设高校", "陈刚", "13838000001"),
                r("合计：共2项"),
                r("填表说明：案例简介限200字。"),
                r("填表人：王芳", null, null, "审核人：李明"))));

        Read read = read(xlsx);

        assertThat(read.rows()).containsExactly(
                "cases 附件5!6|1|智能制造产业学院|校企共建产业学院。|郑州大学|“双一流”建设高校|陈刚|13838000001|ok",
                "cases 附件5!7|2|中试基地|共建中试基地。|郑州大学|“双一流”建设高校|陈刚|13838000001|ok");
        assertThat(read.codes()).containsExactly("SKIPPED_ROWS@file", "SKIPPED_NOTE_ROWS@file");
        assertThat(read.message("SKIPPED_ROWS")).isEqualTo(
                "以下行不是数据，未汇总：第5行（示例行）、第8行（合计行）。如其中有需要报送的数据，请改写为正式数据行后重新报送。");
        assertThat(read.message("SKIPPED_NOTE_ROWS")).isEqualTo("以下行是说明、签字或重复的表头，未作为数据汇总：第9行（说明）、第10行（签字行）。");
    }

    @Test
    void aRowOfPlaceholdersIsAnExampleAndWordsThatOnlyStartAlikeAreData() throws Exception {
        Path xlsx = dir.resolve("placeholder/附件1.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("XX县教育局", "XX公司", "张三 13800000000"),
                pairing("例如县教育局", "合计划科技有限公司", "张明 13837900011"))));

        Read read = read(xlsx);

        assertThat(read.rows()).containsExactly(
                "pairing 附件1!6|例如县教育局|合计划科技有限公司|张明 13837900011|李华 13937900001|人才|对接|推进中|2026-06-30|ok");
        assertThat(read.codes()).containsExactly("SKIPPED_ROWS@file");
    }

    @Test
    void sameAsAboveAndSameAsLeftTakeTheirValues() throws Exception {
        Path xlsx = dir.resolve("same-as/附件1.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("偃师区教育局", "洛阳一拖集团", "张明 13837900011"),
                r("同上", "洛阳轴承集团", "王芳 13837900012", "同上", "设备", "同左", "推进中", "2026-06-30"))));

        Read read = read(xlsx);

        assertThat(read.rows()).containsExactly(
                "pairing 附件1!5|偃师区教育局|洛阳一拖集团|张明 13837900011|李华 13937900001|人才|对接|推进中|2026-06-30|ok",
                "pairing 附件1!6|偃师区教育局|洛阳轴承集团|王芳 13837900012|李华 13937900001|设备|设备|推进中|2026-06-30|ok");
        assertThat(read.issues()).isEmpty();
    }

    @Test
    void aWorkbookWithBothTemplatesReadsBothTables() throws Exception {
        Path xlsx = dir.resolve("both/洛阳市教育局.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("洛阳市教育局", "洛阳一拖集团", "张明 13837900011"))),
                Workbooks.casesSheet("洛阳市教育局", List.of(
                        r(1, "职教集团服务装备制造", "简介。", "洛阳市教育局", "教育局", "张明", "13837900011"))));

        Read read = read(xlsx);

        assertThat(read.result().templates()).containsExactly("pairing", "cases");
        assertThat(read.result().unit()).isEqualTo("洛阳市教育局");
        assertThat(read.rows()).containsExactly(
                "pairing 附件1!5|洛阳市教育局|洛阳一拖集团|张明 13837900011|李华 13937900001|人才|对接|推进中|2026-06-30|ok",
                "cases 附件5!5|1|职教集团服务装备制造|简介。|洛阳市教育局|教育局|张明|13837900011|ok");
        assertThat(read.issues()).isEmpty();
    }

    @Test
    void oneSheetPerCountyIsOneSubmissionWithEachRowNamingItsSheet() throws Exception {
        Path xlsx = dir.resolve("counties/附件1.xlsx");
        Workbooks.xlsx(xlsx,
                rename(Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("偃师区教育局", "甲公司", "张明 13837900011"),
                        pairing("偃师区教育局", "乙公司", "王芳 13837900012"))), "偃师区"),
                rename(Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("孟津区教育局", "丙公司", "赵强 13837900013"))),
                        "孟津区"));

        Read read = read(xlsx);

        assertThat(read.result().templates()).containsExactly("pairing");
        assertThat(read.result().rowsRead()).isEqualTo(3);
        assertThat(read.rows()).extracting(row -> row.substring(0, row.indexOf('|'))).containsExactly(
                "pairing 偃师区!5", "pairing 偃师区!6", "pairing 孟津区!5");
        assertThat(read.issues()).isEmpty();
    }

    @Test
    void hiddenRowsAndColumnsAreDataAndTheUnitIsTold() throws Exception {
        Path xlsx = dir.resolve("hidden-rows/附件1.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("洛阳市教育局", "甲公司", "张明 13837900011"),
                pairing("洛阳市教育局", "乙公司", "王芳 13837900012"))).hideRows(6).hideColumns("F"));

        Read read = read(xlsx);

        assertThat(read.rows()).hasSize(2);
        assertThat(read.codes()).containsExactly("HIDDEN_DATA_READ@file");
        assertThat(read.message("HIDDEN_DATA_READ")).startsWith("第6行、F列被隐藏");
    }

    @Test
    void anExtraColumnHoldingDataIsNamedAndASerialNumberColumnIsNot() throws Exception {
        Path xlsx = dir.resolve("extra/附件1.xlsx");
        Workbooks.xlsx(xlsx, new Workbooks.SheetSpec("附件1").row("填报单位：洛阳市教育局")
                .row("序号", "教育行政部门（学校）", "包联产业园区（企业）名称", "产业园区（企业）联系人及联系方式",
                        "教育行政部门（学校）包保负责人及联系方式", "产业园区（企业）需求", "出台政策和工作举措", "工作推进情况",
                        "完成时限", "备注")
                .row(1, "洛阳市教育局", "洛阳一拖集团", "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中",
                        "2026-06-30", "重点企业")
                .row(2, "洛阳市教育局", "洛阳轴承集团", "王芳 13837900012", "李华 13937900001", "设备", "共建", "推进中",
                        "2026-06-30"));

        Read read = read(xlsx);

        assertThat(read.rows()).hasSize(2);
        assertThat(read.codes()).containsExactly("EXTRA_COLUMN_IGNORED@附件1");
        assertThat(read.message("EXTRA_COLUMN_IGNORED")).isEqualTo(
                "“备注”列（J列）不在模板之内，其中填写的内容未汇总。如需报送，请写入模板的相应列后重新报送。");
    }

    // ---- found in review: shapes that must not lose or invent data ----

    @Test
    void aBlankTableBesideAFilledOneCountsForNothing() throws Exception {
        Path xlsx = dir.resolve("blank-cases/附件1 附件5.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("洛阳市教育局", "洛阳一拖集团", "张明 13837900011"))), Workbooks.casesSheet("洛阳市教育局", List.of()));

        Read read = read(xlsx);

        assertThat(read.result().templates()).containsExactly("pairing");
        assertThat(read.codes()).containsExactly("EMPTY_TABLE_IGNORED@file");
    }

    @Test
    void aHiddenOldCopyIsNotReadWhenTheShownSheetNearlyHoldsTheTemplate() throws Exception {
        Path xlsx = dir.resolve("near-miss/附件1.xlsx");
        Workbooks.xlsx(xlsx, new Workbooks.SheetSpec("附件1").row("填报单位：洛阳市教育局")
                .row("教育行政部门（学校）", "包联企业", "产业园区（企业）联系人及联系方式",
                        "教育行政部门（学校）包保负责人及联系方式", "产业园区（企业）需求", "出台政策和工作举措", "工作推进情况",
                        "完成时限")
                .rows(List.of(pairing("洛阳市教育局", "本月新企业", "张明 13837900011"))),
                rename(Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("洛阳市教育局", "上月旧企业",
                        "张明 13837900011"))), "上月").hidden());

        ContentResult result = new FileChecker(campaign, registry, ReadLimits.DEFAULT).check(new FileSource(
                "附件1.xlsx", FileKind.SPREADSHEET, xlsx, null), new ContentSink() {
                    @Override
                    public void row(StagedRow row) {
                        throw new AssertionError("no row of the hidden old copy may be read: " + row.values());
                    }

                    @Override
                    public void issue(Issue issue) {
                    }
                });

        assertThat(result.failure().code().name()).isEqualTo("UNRECOGNIZED_TEMPLATE");
        assertThat(result.failure().message()).contains("第2行像是附件1").contains("包联产业园区(企业)名称");
    }

    @Test
    void aContactLabelInTheFirstFilledCellOfAFullRowIsData() throws Exception {
        Path xlsx = dir.resolve("label-in-row/附件1.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.pairingSheet("洛阳市教育局", List.of(
                pairing("洛阳市教育局", "洛阳一拖集团", "张明 13837900011"),
                r(null, null, "联系人：王芳 13837900012", "李华 13937900001", "设备", "共建", "推进中", "2026-06-30")))
                .merge("A5:A6").merge("B5:B6"));

        Read read = read(xlsx);

        assertThat(read.rows()).hasSize(2);
        assertThat(read.rows().get(1)).startsWith("pairing 附件1!6|洛阳市教育局|洛阳一拖集团|联系人：王芳 13837900012|");
        assertThat(read.issues()).isEmpty();
    }

    @Test
    void lettersXInsideRealValuesAreNoPlaceholderAndATotalWordInAFullRowIsData() throws Exception {
        Path xlsx = dir.resolve("xx-mail/附件1.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.pairingSheet("新乡市教育局", List.of(
                r("新乡市教育局", "新乡化纤集团", "xxhx@163.com 13837300011", "xxsjyj@126.com 13937300001", "人才", "对接",
                        "推进中", "2026-06-30"),
                r("合计(新乡)智能科技有限公司", "新乡电池产业园", "张明 13837300012", "李华 13937300002", "电池", "共建",
                        "推进中", "2026-06-30"))));

        Read read = read(xlsx);

        assertThat(read.rows()).hasSize(2);
        assertThat(read.issues()).isEmpty();
    }

    @Test
    void aBracketedNoteUnderAOneRowHeaderIsPartOfTheHeader() throws Exception {
        Path xlsx = dir.resolve("note-under-header/附件5.xlsx");
        Workbooks.xlsx(xlsx, new Workbooks.SheetSpec("附件5").row("推荐单位：郑州大学")
                .row("序号", "案例名称", "案例简介", "申报单位", "单位类型", "联系人", "联系方式")
                .row(null, null, "（限200字以内）")
                .row(1, "智能制造产业学院", "校企共建产业学院。", "郑州大学", "“双一流”建设高校", "陈刚", "13838000001")
                .merge("A2:A3").merge("B2:B3").merge("D2:D3").merge("E2:E3").merge("F2:F3").merge("G2:G3"));

        Read read = read(xlsx);

        assertThat(read.rows()).containsExactly(
                "cases 附件5!4|1|智能制造产业学院|校企共建产业学院。|郑州大学|“双一流”建设高校|陈刚|13838000001|ok");
        assertThat(read.issues()).isEmpty();
    }

    @Test
    void aTwoRowHeaderRepeatedInsideTheTableIsNotData() throws Exception {
        Path xlsx = dir.resolve("repeated-two-row/附件1.xlsx");
        Workbooks.SheetSpec sheet = splitContactSheet().row("教育行政部门（学校）", "包联产业园区（企业）名称",
                "产业园区（企业）联系人及联系方式", null, "教育行政部门（学校）包保负责人及联系方式", "产业园区（企业）需求",
                "出台政策和工作举措", "工作推进情况", "完成时限").row(null, null, "联系人", "联系电话")
                .row("孟津区教育局", "孟津产业园", "赵强", "13837900013", "李华 13937900001", "人才", "对接", "推进中",
                        "2026-06-30");
        Workbooks.xlsx(xlsx, sheet);

        Read read = read(xlsx);

        assertThat(read.rows()).hasSize(3);
        assertThat(read.rows().get(2)).startsWith("pairing 附件1!10|孟津区教育局|孟津产业园|赵强 13837900013|");
        assertThat(read.codes()).containsExactly("SKIPPED_NOTE_ROWS@file", "JOINED_COLUMNS@file");
        assertThat(read.message("SKIPPED_NOTE_ROWS")).contains("第8行（重复的表头）、第9行（重复的表头）");
    }

    @Test
    void aTitleMergedOverTwoColumnsWithoutSubTitlesTakesBoth() throws Exception {
        Path xlsx = dir.resolve("merged-title/附件1.xlsx");
        Workbooks.xlsx(xlsx, new Workbooks.SheetSpec("附件1").row("填报单位：洛阳市教育局")
                .row("教育行政部门（学校）", "包联产业园区（企业）名称", "产业园区（企业）联系人及联系方式", null,
                        "教育行政部门（学校）包保负责人及联系方式", "产业园区（企业）需求", "出台政策和工作举措", "工作推进情况",
                        "完成时限")
                .row("洛阳市教育局", "洛阳一拖集团", "张明", "13837900011", "李华 13937900001", "人才", "对接", "推进中",
                        "2026-06-30")
                .merge("C2:D2"));

        Read read = read(xlsx);

        assertThat(read.rows()).containsExactly(
                "pairing 附件1!3|洛阳市教育局|洛阳一拖集团|张明 13837900011|李华 13937900001|人才|对接|推进中|2026-06-30|ok");
        assertThat(read.codes()).containsExactly("JOINED_COLUMNS@file");
    }

    @Test
    void aUnitLineOnAnInstructionsSheetDoesNotHideTheTablesOwn() throws Exception {
        Path xlsx = dir.resolve("instructions-unit/附件1.xlsx");
        Workbooks.xlsx(xlsx, new Workbooks.SheetSpec("填表说明").row("填报单位：填写单位全称，并加盖公章"),
                Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("洛阳市教育局", "洛阳一拖集团", "张明 13837900011"))));

        assertThat(read(xlsx).result().unit()).isEqualTo("洛阳市教育局");
    }

    /** The same sheet under another name. */
    static Workbooks.SheetSpec rename(Workbooks.SheetSpec spec, String name) {
        return spec.renamed(name);
    }
}
