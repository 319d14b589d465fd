package cn.huizong.reading;

import cn.huizong.support.ReadLimits;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
 * One contract for every reader: the same 附件1 table saved as xlsx, xls, CSV in GBK, UTF-8 with BOM and
 * UTF-16, and as xlsx/xls written by LibreOffice, reads to the same rows, values, row numbers and issues.
 */
class ReaderContractTest {

    @TempDir
    static Path dir;

    static Campaign campaign;
    static Registry registry;

    static final List<List<Object>> DATA = List.of(
            r("郑州市教育局", "河南（郑州）智能装备有限公司", "张伟 13803710001", 13937100003L, "高技能人才\n及技术咨询",
                    "出台十条", "已签约", LocalDate.of(2026, 6, 30)),
            r("中牟县教育局", "中牟汽车产业集聚区", "刘洋 0371-62110001", "孙磊 138 3710 0004", "技能培训", "送教入企",
                    "推进中", "2026年底"),
            r("新郑市教育局", "新港产业集聚区", "吴刚 电话待定", "钱芳 18903710006", "物流人才", "共建基地", "洽谈中", "下半年"));

    static final List<String> EXPECTED = List.of(
            "附件1!5|郑州市教育局|河南（郑州）智能装备有限公司|张伟 13803710001|13937100003|高技能人才\n及技术咨询|出台十条|已签约|2026-06-30|ok",
            // staged as every output shows it: the number in its one written form, the name beside it kept
            "附件1!6|中牟县教育局|中牟汽车产业集聚区|刘洋 0371-62110001|孙磊 13837100004|技能培训|送教入企|推进中|2026年底|ok",
            "附件1!7|新郑市教育局|新港产业集聚区|吴刚 电话待定|钱芳 18903710006|物流人才|共建基地|洽谈中|下半年|error");

    @BeforeAll
    static void load() throws Exception {
        campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        registry = Registry.load(Path.of("input/registry.csv"));
    }

    static Stream<Arguments> formats() throws Exception {
        Workbooks.SheetSpec sheet = Workbooks.pairingSheet("郑州市教育局", DATA);
        Path xlsx = dir.resolve("poi/附件1.xlsx");
        Workbooks.xlsx(xlsx, Workbooks.instructions(), sheet);
        Path xls = dir.resolve("poi/附件1.xls");
        Workbooks.xls(xls, Workbooks.instructions(), sheet);
        List<List<Object>> csvRows = new ArrayList<>(sheet.rowsForCsv());
        Path gbk = dir.resolve("csv-gbk/附件1.csv");
        Workbooks.csv(gbk, Charset.forName("GBK"), false, csvRows);
        Path bom = dir.resolve("csv-bom/附件1.csv");
        Workbooks.csv(bom, StandardCharsets.UTF_8, true, csvRows);
        Path utf16 = dir.resolve("csv-utf16/附件1.csv");
        Workbooks.csv(utf16, StandardCharsets.UTF_16, false, csvRows);
        return Stream.of(Arguments.of("xlsx (POI)", xlsx), Arguments.of("xls (POI)", xls),
                Arguments.of("csv GBK", gbk), Arguments.of("csv UTF-8 BOM", bom), Arguments.of("csv UTF-16", utf16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyFormatReadsToTheSameRows(String format, Path file) {
        assertThat(read(file)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void filesSavedByLibreOfficeReadToTheSameRows() throws Exception {
        LibreOffice.assumeAvailable();
        Path source = dir.resolve("lo-src/附件1.xlsx");
        Workbooks.xlsx(source, Workbooks.instructions(), Workbooks.pairingSheet("郑州市教育局", DATA));
        Path xls = LibreOffice.convert(source, "xls", dir.resolve("lo-xls"));
        Path xlsx = LibreOffice.convert(xls, "xlsx", dir.resolve("lo-xlsx"));
        assertThat(read(xls)).containsExactlyElementsOf(EXPECTED);
        assertThat(read(xlsx)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void verticallyMergedCellsFillDownInXlsxAndXls() throws Exception {
        Workbooks.SheetSpec sheet = Workbooks.pairingSheet("郑州市教育局", List.of(
                r("中牟县教育局", "甲公司", "张三 13800000001", "李四 13800000002", "", "", "", ""),
                r(null, "乙公司", "王五 13800000003", "李四 13800000002", "", "", "", ""),
                r(null, "丙公司", "赵六 13800000004", "李四 13800000002", "", "", "", ""),
                r(null, "丁公司", "钱七 13800000005", "李四 13800000002", "", "", "", ""))).merge("A5:A7");
        Path xlsx = dir.resolve("merge/附件1.xlsx");
        Workbooks.xlsx(xlsx, sheet);
        Path xls = dir.resolve("merge/附件1.xls");
        Workbooks.xls(xls, sheet);
        for (Path f : List.of(xlsx, xls)) {
            List<String> rows = read(f, List.of("MISSING_REQUIRED@A8"));
            assertThat(rows).hasSize(4);
            assertThat(rows.get(0)).startsWith("附件1!5|中牟县教育局|甲公司");
            assertThat(rows.get(2)).startsWith("附件1!7|中牟县教育局|丙公司").endsWith("|ok");
            // outside the merge an empty cell stays empty, and is an error
            assertThat(rows.get(3)).startsWith("附件1!8||丁公司").endsWith("|error");
        }
    }

    static final List<String> EXPECTED_ISSUES = List.of("INVALID_PHONE@C7", "INVALID_DATE@H7");

    static List<String> read(Path file) {
        return read(file, EXPECTED_ISSUES);
    }

    @Test
    void aFooterSpreadOverSeveralCellsIsNotARow() throws Exception {
        Workbooks.SheetSpec sheet = Workbooks.pairingSheet("郑州市教育局", DATA)
                .row("填报人：张三", null, null, "审核人：李四", null, "联系电话：13800000012");
        Path xlsx = dir.resolve("footer/附件1.xlsx");
        Workbooks.xlsx(xlsx, sheet);
        // skipped, and the unit told once (an information line, nothing to fix)
        assertThat(read(xlsx, List.of("INVALID_PHONE@C7", "INVALID_DATE@H7", "SKIPPED_NOTE_ROWS@file")))
                .containsExactlyElementsOf(EXPECTED);
    }

    /** Rows as "sheet!row|values…|ok/error" (CSV sheets are named after the file, so the name is normalised). */
    static List<String> read(Path file, List<String> expectedIssues) {
        List<String> out = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        ContentSink sink = new ContentSink() {
            @Override
            public void row(StagedRow row) {
                out.add("附件1!" + row.excelRow() + "|" + String.join("|", row.values()) + "|"
                        + (row.hasError() ? "error" : "ok"));
            }

            @Override
            public void issue(Issue issue) {
                issues.add(issue);
            }
        };
        ContentResult result = new FileChecker(campaign, registry, ReadLimits.DEFAULT)
                .check(new FileSource(file.getFileName().toString(), FileKind.of(file.toString()), file, null), sink);
        assertThat(result.failure()).as("read failure").isNull();
        assertThat(result.template()).isEqualTo("pairing");
        assertThat(result.unit()).isEqualTo("郑州市教育局");
        assertThat(issues).extracting(i -> i.code().name() + "@" + (i.row() == 0 ? "file" : i.column() + i.row()))
                .containsExactlyElementsOf(expectedIssues);
        return out;
    }
}
