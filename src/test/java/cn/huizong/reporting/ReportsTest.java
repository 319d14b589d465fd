package cn.huizong.reporting;

import static cn.huizong.reporting.ReportOutputs.column;
import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.reporting.ReportOutputs.open;
import static cn.huizong.reporting.ReportOutputs.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.LibreOffice;
import cn.huizong.fixtures.SampleInbox;

/**
 * The workbooks of a consolidate run over the shipped sample inbox, opened with POI: 省级汇总表.xlsx (sheets,
 * rows matching the CSV feeds, the notice's table look, frozen header, filter, print set-up), the feedback
 * letters and the marked copies (comments exactly on the cells of issues.csv), and LibreOffice converting
 * the provincial workbook to PDF.
 */
class ReportsTest {

    @TempDir
    static Path work;

    static Path inbox;
    static Path latest;
    static Map<String, String> inboxBefore;

    @BeforeAll
    static void run() throws Exception {
        inbox = work.resolve("input/inbox");
        SampleInbox.write(inbox, work.resolve("input/received.csv"));
        inboxBefore = ReportOutputs.fingerprint(inbox);
        latest = ReportOutputs.consolidate(inbox, work.resolve("output"), "reports-sample");
    }

    @Test
    void provincialWorkbookHasTheFiveSheetsWithOneRowPerFeedRow() throws Exception {
        try (Workbook wb = open(latest.resolve("省级汇总表.xlsx"))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            // the shipped campaign has write-up rules: 案例材料核查 after 报送情况
            assertThat(names).containsExactly("结对包联汇总", "典型案例汇总", "配额核查", "报送情况", "案例材料核查", "问题清单");

            // title row 0, header row 1, body from row 2
            List<CSVRecord> pairings = records(latest.resolve("csv/pairings.csv"));
            Sheet p = wb.getSheet("结对包联汇总");
            assertThat(p.getLastRowNum() - 1).isEqualTo(pairings.size()).isEqualTo(11);
            assertThat(header(p)).containsExactly("序号", "地市", "填报单位", "教育行政部门（学校）",
                    "包联产业园区（企业）名称", "产业园区（企业）联系人及联系方式", "教育行政部门（学校）包保负责人及联系方式",
                    "产业园区（企业）需求", "出台政策和工作举措", "工作推进情况", "完成时限");
            assertThat(pairs(p, 2, 4)).isEqualTo(pairings.stream().map(r -> r.get("unit") + "|" + r.get("enterprise"))
                    .collect(Collectors.toCollection(TreeSet::new)));
            assertThat(column(p, 1, 0)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");

            List<CSVRecord> accepted = records(latest.resolve("csv/cases.csv")).stream()
                    .filter(r -> r.get("status").equals("accepted")).toList();
            Sheet c = wb.getSheet("典型案例汇总");
            assertThat(c.getLastRowNum() - 1).isEqualTo(accepted.size()).isEqualTo(14);
            assertThat(header(c)).containsExactly("序号", "案例名称", "案例简介", "申报单位", "单位类型", "联系人", "联系方式",
                    "推荐单位");
            assertThat(pairs(c, 7, 1)).isEqualTo(accepted.stream().map(r -> r.get("unit") + "|" + r.get("case_name"))
                    .collect(Collectors.toCollection(TreeSet::new)));

            assertThat(wb.getSheet("配额核查").getLastRowNum() - 1).isEqualTo(records(latest.resolve("csv/quota.csv")).size());

            List<CSVRecord> issues = records(latest.resolve("csv/issues.csv"));
            Sheet i = wb.getSheet("问题清单");
            // 30 to fix or check (15 of them on the write-ups and their cases), and 3 information lines: 南阳's
            // replaced file, 郑州大学's first copy, 洛阳's joined contact columns
            assertThat(i.getLastRowNum() - 1).isEqualTo(issues.size()).isEqualTo(33);
            assertThat(column(i, 1, 5)).containsOnly("错误", "提醒", "说明").contains("说明");
            assertThat(column(i, 1, 7)).isEqualTo(issues.stream().map(r -> r.get("message")).toList());
            assertThat(column(i, 1, 4)).contains("整个文件", "C7", "第11行");
        }
    }

    @Test
    void everySheetHasTheNoticesTableLookFrozenHeaderFilterAndPrintSetUp() throws Exception {
        try (Workbook wb = open(latest.resolve("省级汇总表.xlsx"))) {
            for (Sheet s : wb) {
                assertTableLook(s, 1);
            }
        }
    }

    /** 附件4: title 宋体小五 centred above the table; table 宋体五号 centred; header frozen, filtered, repeated. */
    static void assertTableLook(Sheet s, int headerRow) {
        String name = s.getSheetName();
        Workbook wb = s.getWorkbook();
        Cell title = s.getRow(headerRow - 1).getCell(0);
        assertThat(font(wb, title).getFontName()).as(name).isEqualTo("宋体");
        assertThat(font(wb, title).getFontHeight()).as(name + " title 9 pt").isEqualTo((short) 180);
        assertThat(title.getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.CENTER);
        assertThat(s.getMergedRegions()).as(name).contains(new CellRangeAddress(headerRow - 1, headerRow - 1, 0,
                s.getRow(headerRow).getLastCellNum() - 1));
        for (int r = headerRow; r <= s.getLastRowNum(); r++) {
            for (Cell c : s.getRow(r)) {
                Font f = font(wb, c);
                assertThat(f.getFontName()).as(name + "!" + c.getAddress()).isEqualTo("宋体");
                assertThat(f.getFontHeight()).as(name + "!" + c.getAddress() + " 10.5 pt").isEqualTo((short) 210);
                assertThat(c.getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.CENTER);
                assertThat(c.getCellStyle().getWrapText()).isTrue();
            }
        }
        assertThat(s.getPaneInformation().isFreezePane()).as(name).isTrue();
        assertThat(s.getPaneInformation().getHorizontalSplitPosition()).as(name).isEqualTo((short) (headerRow + 1));
        assertThat(s.getPaneInformation().getVerticalSplitPosition()).isZero();
        assertThat(((XSSFSheet) s).getCTWorksheet().getAutoFilter().getRef()).as(name)
                .isEqualTo(new CellRangeAddress(headerRow, s.getLastRowNum(), 0, s.getRow(headerRow).getLastCellNum() - 1)
                        .formatAsString());
        assertThat(s.getRepeatingRows()).isEqualTo(CellRangeAddress.valueOf((headerRow + 1) + ":" + (headerRow + 1)));
        PrintSetup ps = s.getPrintSetup();
        assertThat(ps.getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
        assertThat(ps.getLandscape()).isTrue();
        assertThat(s.getFitToPage()).isTrue();
        assertThat(ps.getFitWidth()).isEqualTo((short) 1);
        assertThat(ps.getFitHeight()).isZero();
        for (int col = 0; col < s.getRow(headerRow).getLastCellNum(); col++) {
            assertThat(s.getColumnWidth(col) / 256).as(name + " column " + col).isBetween(5, 61);
        }
    }

    @Test
    void pairingsAreGroupedByRegistryCityAndCasesSortedByUnitTypeThenUnit() throws Exception {
        try (Workbook wb = open(latest.resolve("省级汇总表.xlsx"))) {
            assertThat(column(wb.getSheet("结对包联汇总"), 1, 1)).containsExactly("郑州市", "郑州市", "郑州市", "郑州市",
                    "开封市", "开封市", "洛阳市", "洛阳市", "新乡市", "焦作市", "南阳市");
            Sheet c = wb.getSheet("典型案例汇总");
            assertThat(column(c, 1, 7)).containsExactly("郑州大学", "郑州大学", "郑州大学", "郑州大学", "郑州大学",
                    "河南工业大学", "河南大学", "河南大学", "信阳师范大学", "郑州铁路职业技术学院", "郑州铁路职业技术学院",
                    "郑州市教育局", "郑州市教育局", "焦作市教育局");
            // the unit's own 序号 order within a unit; the registry's type, the one the quota counted
            assertThat(column(c, 1, 1).subList(0, 5)).containsExactly("超硬材料产业技术攻关", "智能农机校企联合实验室",
                    "医工结合服务生物医药企业", "“订单式”培养电子信息人才", "产教融合服务中原汽车城");
            assertThat(text(c, 7, 4)).isEqualTo("“双一流”建设和创建高校"); // 河南工业大学 wrote 其他本科高校
            assertThat(column(c, 1, 1)).doesNotContain("校地共建技术转移中心", "铁路装备企业员工培训"); // over quota
        }
    }

    @Test
    void quotaSheetNamesTheCasesLeftOut() throws Exception {
        try (Workbook wb = open(latest.resolve("省级汇总表.xlsx"))) {
            Sheet q = wb.getSheet("配额核查");
            assertThat(column(q, 1, 1)).containsExactly("郑州大学", "河南工业大学", "河南大学", "信阳师范大学",
                    "郑州铁路职业技术学院", "郑州市教育局", "焦作市教育局");
            assertThat(row(q, 2)).containsExactly("1", "郑州大学", "“双一流”建设和创建高校", "5", "6", "5", "1",
                    "校地共建技术转移中心（第6项）");
            assertThat(row(q, 6)).containsExactly("5", "郑州铁路职业技术学院", "高职高专院校", "2", "3", "2", "1",
                    "铁路装备企业员工培训（第3项）");
            assertThat(row(q, 7).subList(3, 8)).containsExactly("不限", "2", "2", "0", "");
            assertThat(fill(q.getRow(2).getCell(1))).isEqualTo(TableStyle.LIGHT_YELLOW);
            assertThat(fill(q.getRow(3).getCell(1))).isNull();
        }
    }

    @Test
    void rosterPutsTotalsFirstThenEveryRegistryUnitWithMissingRedAndLateYellow() throws Exception {
        List<CSVRecord> completeness = records(latest.resolve("csv/completeness.csv"));
        try (Workbook wb = open(latest.resolve("省级汇总表.xlsx"))) {
            Sheet s = wb.getSheet("报送情况");
            Map<String, Row> units = new LinkedHashMap<>();
            List<String> totals = new ArrayList<>();
            for (int r = 2; r <= s.getLastRowNum(); r++) {
                if (text(s, r, 0).isEmpty()) {
                    assertThat(units).as("totals come before the units").isEmpty();
                    totals.add(text(s, r, 1));
                } else {
                    units.put(text(s, r, 1), s.getRow(r));
                }
            }
            assertThat(units.keySet()).containsExactlyElementsOf(completeness.stream().map(r -> r.get("unit")).toList());
            long cities = completeness.stream().map(r -> r.get("city")).distinct().count();
            assertThat(totals).hasSize(1 + 4 + (int) cities);
            assertThat(totals.get(0)).isEqualTo("全省合计（197个单位）");
            assertThat(totals.get(1)).isEqualTo("合计：市级教育行政部门（19个单位）");
            assertThat(text(s, 2, 4)).isEqualTo("已报送 6（逾期 1）\n未报送 13");
            assertThat(text(s, 3, 4)).isEqualTo("已报送 6（逾期 1）\n未报送 13");

            Row pds = units.get("平顶山市教育局"); // 附件1 missing
            assertThat(pds.getCell(4).getStringCellValue()).isEqualTo("未报送");
            assertThat(fill(pds.getCell(1))).isEqualTo(TableStyle.LIGHT_RED);
            Row xx = units.get("新乡市教育局"); // 附件1 late, no cases
            assertThat(xx.getCell(4).getStringCellValue()).isEqualTo("逾期报送\n12月23日 09:00 收到");
            assertThat(fill(xx.getCell(1))).isEqualTo(TableStyle.LIGHT_YELLOW);
            assertThat(fill(xx.getCell(4))).isEqualTo(TableStyle.LIGHT_YELLOW);
            assertThat(fill(xx.getCell(5))).isEqualTo(TableStyle.LIGHT_RED);
            Row zz = units.get("郑州市教育局");
            assertThat(fill(zz.getCell(1))).isNull();
            assertThat(zz.getCell(4).getStringCellValue()).isEqualTo("已报送\n12月15日 09:12 收到");
            assertThat(zz.getCell(8).getStringCellValue()).contains("郑州市教育局/附件1-郑州市结对包联情况汇总表.xlsx：采用（12月15日 09:12）");
            Row zzu = units.get("郑州大学");
            assertThat(zzu.getCell(4).getStringCellValue()).isEqualTo("无需报送");
            // the forwarded copy is the later receipt of the same bytes: it counts, the first copy is the duplicate
            assertThat(zzu.getCell(8).getStringCellValue()).contains("转发/郑州大学典型案例（转发）.xlsx：采用")
                    .contains("郑州大学/附件5 郑州大学典型案例汇总表.xlsx：重复来件，已忽略");
        }
    }

    @Test
    void feedbackWorkbookForEveryUnitWithIssuesHasALetterAboveItsIssues() throws Exception {
        List<CSVRecord> issues = records(latest.resolve("csv/issues.csv"));
        Set<String> expected = issues.stream().map(r -> r.get("unit").isEmpty() ? "（单位未能确定）" : r.get("unit"))
                .map(u -> u + ".xlsx").collect(Collectors.toCollection(TreeSet::new));
        Set<String> written;
        try (Stream<Path> files = Files.list(latest.resolve("反馈"))) {
            written = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(written).isEqualTo(expected).hasSize(14);

        try (Workbook wb = open(latest.resolve("反馈/郑州大学.xlsx"))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(1);
            Sheet s = wb.getSheet("反馈意见");
            int header = headerRow(s);
            String letter = String.join("\n", column(s, -1, 0).subList(0, header - 1));
            assertThat(letter).startsWith("材料报送情况反馈\n郑州大学：")
                    .contains("共收到你单位报送的文件 3 个")
                    .contains("附件5 典型案例采用 5 项，因错误未采用 1 项，超出限额未纳入 1 项（你单位属于“双一流”建设和创建高校，限报 5 项）")
                    .contains("需要修改：共发现错误 1 处、提醒 2 处")
                    .contains("原定截止时间2025年12月9日已过")
                    .contains("见“反馈/郑州大学/”文件夹：郑州大学典型案例（转发）.xlsx");
            assertThat(font(wb, s.getRow(1).getCell(0)).getFontName()).isEqualTo("宋体");
            assertTableLook(s, header);
            List<CSVRecord> mine = issues.stream().filter(r -> r.get("unit").equals("郑州大学")).toList();
            assertThat(s.getLastRowNum() - header).isEqualTo(mine.size()).isEqualTo(4);
            // the forwarded copy counts (the later receipt); the first copy gets an information line
            assertThat(column(s, header, 3)).containsExactly("C7", "B10", "第11行", "整个文件");
            assertThat(column(s, header, 4)).containsExactly("错误", "提醒", "提醒", "说明");
            assertThat(column(s, header, 5)).isEqualTo(mine.stream().map(r -> r.get("message")).toList());
        }
        // a file that could not be read: explained in the letter, no copy
        try (Workbook wb = open(latest.resolve("反馈/安阳市教育局.xlsx"))) {
            Sheet s = wb.getSheet("反馈意见");
            String letter = String.join("\n", column(s, -1, 0).subList(0, headerRow(s) - 1));
            assertThat(letter).contains("以下文件整体未能汇总").contains("安阳市教育局/附件1（加密）.xlsx：文件设置了密码");
            assertThat(latest.resolve("反馈/安阳市教育局")).doesNotExist();
        }
        // a unit whose only news is that a newer file replaced its older one: told so, nothing to fix
        try (Workbook wb = open(latest.resolve("反馈/南阳市教育局.xlsx"))) {
            Sheet s = wb.getSheet("反馈意见");
            String letter = String.join("\n", column(s, -1, 0).subList(0, headerRow(s) - 1));
            assertThat(letter).contains("无需修改").contains("已被新文件替代");
            assertThat(column(s, headerRow(s), 5)).singleElement().asString().startsWith("本文件已被").contains("替代");
        }
        try (Workbook wb = open(latest.resolve("反馈/新乡市教育局.xlsx"))) { // a late file: warnings only
            Sheet s = wb.getSheet("反馈意见");
            String letter = String.join("\n", column(s, -1, 0).subList(0, headerRow(s) - 1));
            assertThat(letter).contains("请核实：发现提醒 1 处").doesNotContain("需要修改");
        }
    }

    @Test
    void markedCopiesCommentExactlyTheCellsOfIssuesCsvAndFillThemLightRed() throws Exception {
        // a Word document's row is a paragraph: it gets no marked workbook
        List<CSVRecord> rowIssues = records(latest.resolve("csv/issues.csv")).stream()
                .filter(r -> !r.get("row").isEmpty() && !r.get("file").matches(".*\\.docx?")).toList();
        Map<String, List<CSVRecord>> byFile = new LinkedHashMap<>();
        rowIssues.forEach(r -> byFile.computeIfAbsent(r.get("file"), k -> new ArrayList<>()).add(r));
        Map<String, String> copyOf = Map.of(
                "转发/郑州大学典型案例（转发）.xlsx", "郑州大学/郑州大学典型案例（转发）.xlsx",
                "河南大学典型案例.zip!/河南大学/附件5-河南大学典型案例汇总表.xlsx", "河南大学/附件5-河南大学典型案例汇总表.xlsx",
                "河南工业大学/附件5.xlsx", "河南工业大学/附件5.xlsx",
                "郑州市教育局/附件1-郑州市结对包联情况汇总表.xlsx", "郑州市教育局/附件1-郑州市结对包联情况汇总表.xlsx",
                "郑州市教育局/附件5-郑州市教育助企典型案例汇总表.xlsx", "郑州市教育局/附件5-郑州市教育助企典型案例汇总表.xlsx",
                "郑州铁路职业技术学院-典型案例.csv", "郑州铁路职业技术学院/郑州铁路职业技术学院-典型案例.xlsx");
        assertThat(byFile.keySet()).containsExactlyInAnyOrderElementsOf(copyOf.keySet());
        for (Map.Entry<String, List<CSVRecord>> e : byFile.entrySet()) {
            Path copy = latest.resolve("反馈").resolve(copyOf.get(e.getKey()));
            assertMarked(copy, e.getValue());
        }
        try (Workbook wb = open(latest.resolve("反馈/郑州大学/郑州大学典型案例（转发）.xlsx"))) {
            assertThat(comments(wb.getSheet("附件5")).keySet()).containsExactly("A11", "B10", "C7");
            assertThat(comments(wb.getSheet("附件5")).get("C7")).startsWith("错误：“案例简介”共240字");
            // everything else is the unit's own table, unchanged
            assertThat(text(wb.getSheet("附件5"), 6, 1)).isEqualTo("新材料中试基地");
        }
        try (Workbook wb = open(latest.resolve("反馈/郑州铁路职业技术学院/郑州铁路职业技术学院-典型案例.xlsx"))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getSheetName()).isEqualTo("郑州铁路职业技术学院-典型案例");
            // A4: 城轨运维技术服务 has no write-up (CASE_WITHOUT_WRITEUP); A5, A6: the duplicate row, over quota
            assertThat(comments(s).keySet()).containsExactly("A4", "A5", "A6");
            assertThat(text(s, 2, 1)).isEqualTo("轨道交通订单班");
        }
        assertThat(ReportOutputs.fingerprint(inbox)).as("the inbox is never modified").isEqualTo(inboxBefore);
    }

    /** Comments exactly at the issues' cells (a row issue: the row's first used cell), each filled light red. */
    static void assertMarked(Path copy, List<CSVRecord> issues) throws Exception {
        assertThat(copy).exists();
        try (Workbook wb = open(copy)) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (CSVRecord r : issues) {
                Sheet s = wb.getSheet(r.get("sheet")) != null ? wb.getSheet(r.get("sheet")) : wb.getSheetAt(0);
                int row = Integer.parseInt(r.get("row")) - 1;
                String cell = r.get("column").isEmpty()
                        ? new CellAddress(row, s.getRow(row).getFirstCellNum()).formatAsString()
                        : r.get("column") + r.get("row");
                expected.computeIfAbsent(s.getSheetName() + "!" + cell, k -> new TreeSet<>()).add(r.get("message"));
            }
            Map<String, String> actual = new HashMap<>();
            for (Sheet s : wb) {
                comments(s).forEach((cell, t) -> actual.put(s.getSheetName() + "!" + cell, t));
            }
            assertThat(actual.keySet()).as(copy.toString()).isEqualTo(expected.keySet());
            expected.forEach((cell, messages) -> {
                messages.forEach(m -> assertThat(actual.get(cell)).contains(m));
                Sheet s = wb.getSheet(cell.substring(0, cell.indexOf('!')));
                CellAddress a = new CellAddress(cell.substring(cell.indexOf('!') + 1));
                Cell c = s.getRow(a.getRow()).getCell(a.getColumn());
                assertThat(redFill(c)).as(copy + " " + cell).isTrue();
            });
            assertThat(ReportOutputs.formulaCells(wb)).isEmpty();
        }
    }

    @Test
    void noGeneratedWorkbookHoldsAFormula() throws Exception {
        List<Path> workbooks;
        try (Stream<Path> walk = Files.walk(latest.toRealPath())) {
            workbooks = walk.filter(p -> p.toString().endsWith(".xlsx") || p.toString().endsWith(".xls")).toList();
        }
        assertThat(workbooks).hasSize(1 + 14 + 6);
        for (Path p : workbooks) {
            try (Workbook wb = open(p)) {
                assertThat(ReportOutputs.formulaCells(wb)).as(p.toString()).isEmpty();
            }
        }
    }

    @Test
    void aRealOfficeSuiteOpensTheProvincialWorkbook() throws Exception {
        LibreOffice.assumeAvailable();
        Path pdf = LibreOffice.convert(latest.resolve("省级汇总表.xlsx"), "pdf", work.resolve("pdf"));
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        // one page per sheet at least: every sheet printed
        assertThat(LibreOffice.pageCount(bytes)).isGreaterThanOrEqualTo(5);
        String text = LibreOffice.pdfText(pdf);
        if (text != null) { // pdftotext (poppler-utils) present: the text survived the trip
            assertThat(text).contains("结对包联情况汇总表").contains("郑州市教育局").contains("问题清单");
        }
    }

    // ---- helpers ----

    static int headerRow(Sheet s) {
        for (int r = 0; r <= s.getLastRowNum(); r++) {
            if (text(s, r, 0).equals("序号")) {
                return r;
            }
        }
        throw new AssertionError("no header row in " + s.getSheetName());
    }

    static List<String> header(Sheet s) {
        List<String> out = new ArrayList<>();
        s.getRow(1).forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }

    static List<String> row(Sheet s, int r) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < s.getRow(r).getLastCellNum(); c++) {
            out.add(text(s, r, c));
        }
        return out;
    }

    static Set<String> pairs(Sheet s, int a, int b) {
        Set<String> out = new TreeSet<>();
        for (int r = 2; r <= s.getLastRowNum(); r++) {
            out.add(text(s, r, a) + "|" + text(s, r, b));
        }
        return out;
    }

    static Font font(Workbook wb, Cell c) {
        return wb.getFontAt(c.getCellStyle().getFontIndex());
    }

    static byte[] fill(Cell c) {
        CellStyle s = c.getCellStyle();
        if (s.getFillPattern() != org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND) {
            return null;
        }
        XSSFColor color = ((XSSFCellStyle) s).getFillForegroundXSSFColor();
        byte[] rgb = color == null ? null : color.getRGB();
        return java.util.Arrays.equals(rgb, new byte[] {(byte) 217, (byte) 217, (byte) 217}) ? null : rgb;
    }

    static boolean redFill(Cell c) {
        CellStyle s = c.getCellStyle();
        if (s.getFillPattern() != org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND) {
            return false;
        }
        if (s instanceof XSSFCellStyle xs) {
            return java.util.Arrays.equals(xs.getFillForegroundXSSFColor().getRGB(), TableStyle.LIGHT_RED);
        }
        short[] rgb = ((org.apache.poi.hssf.usermodel.HSSFWorkbook) c.getSheet().getWorkbook()).getCustomPalette()
                .getColor(s.getFillForegroundColor()).getTriplet();
        return rgb[0] == 255 && rgb[1] == 199 && rgb[2] == 206;
    }

    static Map<String, String> comments(Sheet s) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<CellAddress, ? extends Comment> e : s.getCellComments().entrySet()) {
            out.put(e.getKey().formatAsString(), e.getValue().getString().getString());
        }
        return out;
    }
}
