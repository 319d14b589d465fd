package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.columns;
import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.WorkbookText;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.fixtures.Writeups;

/**
 * A unit's Word documents sent again (issue 15, review): a newer write-up of the same case replaces the older one
 * everywhere (completeness, documents.csv, the letter, the commented copies, 案例材料核查); a plan's lateness
 * follows the tables' rule (an unreadable plan in time is the first attempt; a plan whose letter asked for a
 * correction may be corrected within the letter's days); a plan of the other kind is not the unit's plan.
 */
class DocumentResubmissionTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> CITY_SECTIONS = List.of("总体目标", "组织领导机制", "重点任务", "推进举措", "制度保障");
    private static final List<String> SCHOOL_SECTIONS = List.of("总体目标", "建设依据", "组织领导机制", "重点任务", "推进举措");

    @TempDir
    Path work;

    private Path inbox() {
        return work.resolve("inbox");
    }

    /** Consolidates on the same data folder (the same database) every time, as the nightly job does. */
    private Path consolidate(Path campaign) {
        Path output = work.resolve("out");
        List<String> args = new ArrayList<>(List.of("consolidate", "--input", inbox().toString(), "--output",
                output.toString(), "--data", work.resolve("data").toString()));
        if (campaign != null) {
            args.addAll(List.of("--campaign", campaign.toString()));
        }
        Cli run = Cli.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return output.resolve("latest");
    }

    /** The campaign with the plans due two days ago: the run that writes the letters comes after their deadline. */
    private Path plansDueTwoDaysAgo(LocalDate deadline) throws Exception {
        Path campaign = work.resolve("campaign.yml");
        String yml = Files.readString(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        assertThat(yml).contains("deadline: 2025-12-31");
        Files.writeString(campaign, yml.replace("deadline: 2025-12-31", "deadline: " + deadline));
        return campaign;
    }

    private void mailLog(String... lines) throws Exception {
        Files.writeString(work.resolve("received.csv"), "file,received_at\n" + String.join("\n", lines) + "\n");
    }

    private static String at(ZonedDateTime t) {
        return OffsetDateTime.from(t.truncatedTo(ChronoUnit.SECONDS)).toString();
    }

    private static CSVRecord unit(Path latest, String unit) throws Exception {
        return records(latest.resolve("csv/completeness.csv")).stream().filter(c -> c.get("unit").equals(unit))
                .findFirst().orElseThrow();
    }

    private static String columns(List<CSVRecord> records, String... names) {
        return records.stream().map(r -> Stream.of(names).map(r::get).collect(Collectors.joining("|")))
                .collect(Collectors.joining("\n"));
    }

    /** 案例材料核查's rows of a unit: file, kind, case, status. */
    private static List<String> writeupSheet(Path latest, String unit) throws Exception {
        List<String> out = new ArrayList<>();
        DataFormatter f = new DataFormatter();
        try (Workbook wb = WorkbookFactory.create(latest.resolve("省级汇总表.xlsx").toFile(), null, true)) {
            Sheet s = wb.getSheet("案例材料核查");
            for (int r = 2; r <= s.getLastRowNum(); r++) {
                Row row = s.getRow(r);
                if (unit.equals(f.formatCellValue(row.getCell(2)))) {
                    out.add(f.formatCellValue(row.getCell(3)) + "|" + f.formatCellValue(row.getCell(4)) + "|"
                            + f.formatCellValue(row.getCell(5)) + "|" + f.formatCellValue(row.getCell(8)));
                }
            }
        }
        return out;
    }

    @Test
    void aWriteupSentAgainReplacesTheEarlierOneInCompletenessFeedsLetterCopiesAndSheet() throws Exception {
        Path zzu = inbox().resolve("郑州大学");
        Files.createDirectories(zzu);
        Workbooks.xlsx(zzu.resolve("附件5.xlsx"), Workbooks.casesSheet("郑州大学", List.of(
                r(1, Writeups.TITLE, "简介。", "郑州大学", "高校", "王芳", "13937100001"))));
        // v1 in 仿宋; v2 as the letter asked, one of its two pictures still not sent as a JPG
        Workbooks.receivedAt(Writeups.direct(zzu.resolve("案例一.docx"), Set.of(Writeups.Mistake.FANGSONG_BODY)),
                "2025-12-20T10:00:00");
        Workbooks.receivedAt(Writeups.direct(zzu.resolve("案例一（修改稿）.docx"), Set.of()), "2025-12-22T10:00:00");
        Files.write(zzu.resolve("图1.jpg"), Writeups.jpeg(1));

        Path latest = consolidate(null);

        CSVRecord c = unit(latest, "郑州大学");
        assertThat(c.get("writeups_received") + "/" + c.get("writeups_linked") + "/" + c.get("writeups_expected"))
                .isEqualTo("1/1/1");
        List<CSVRecord> docs = records(latest.resolve("csv/documents.csv"));
        assertThat(columns(docs, "file", "kind", "case_name", "status", "errors", "warnings")).isEqualTo("""
                郑州大学/案例一.docx|writeup||superseded|0|0
                郑州大学/案例一（修改稿）.docx|writeup|%s|ok|0|1""".formatted(Writeups.TITLE));
        List<CSVRecord> v1Issues = records(latest.resolve("csv/issues.csv")).stream()
                .filter(i -> i.get("file").equals("郑州大学/案例一.docx")).toList();
        assertThat(columns(v1Issues, "severity", "code")).isEqualTo("info|SUPERSEDED_DOCUMENT");
        assertThat(v1Issues.get(0).get("message")).contains("2025-12-22 10:00").contains("“郑州大学/案例一（修改稿）.docx”");

        String letter = WorkbookText.of(latest.resolve("反馈/郑州大学.xlsx"));
        assertThat(letter).contains("郑州大学/案例一（修改稿）.docx：").contains("没有单独报送 JPG 文件")
                .doesNotContain("郑州大学/案例一.docx：").doesNotContain("中文字体");
        try (Stream<Path> copies = Files.list(latest.resolve("反馈/郑州大学"))) {
            assertThat(copies.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".docx")))
                    .containsExactly("案例一（修改稿）.docx");
        }
        assertThat(writeupSheet(latest, "郑州大学")).containsExactly(
                "郑州大学/案例一.docx|典型案例材料（附件4）||已被新文件替代",
                "郑州大学/案例一（修改稿）.docx|典型案例材料（附件4）|" + Writeups.TITLE + "|有问题");
    }

    @Test
    void anUnreadablePlanInTimeThenAReadableOneAfterTheDeadlineIsSubmitted() throws Exception {
        LocalDate deadline = LocalDate.now(ZONE).minusDays(2);
        Path campaign = plansDueTwoDaysAgo(deadline);
        Path zz = inbox().resolve("郑州市教育局");
        Path plain = Writeups.outline(work.resolve("plain.docx"), "附件2", "郑州市教育局“一地一策”实施方案", CITY_SECTIONS);
        Files.createDirectories(zz);
        Writeups.encrypt(plain, zz.resolve("郑州市教育局“一地一策”实施方案.docx"), "123456");
        String first = "郑州市教育局/郑州市教育局“一地一策”实施方案.docx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE));
        mailLog(first);
        Path before = consolidate(campaign); // its letter asks for a readable copy, after the deadline
        assertThat(unit(before, "郑州市教育局").get("plan")).isEqualTo("missing");
        // an encrypted plan is labelled by its file name, not as 其他材料
        assertThat(writeupSheet(before, "郑州市教育局")).containsExactly(
                "郑州市教育局/郑州市教育局“一地一策”实施方案.docx|“一地一策”实施方案（附件2）||无法读取，已退回");

        Files.copy(plain, zz.resolve("郑州市教育局“一地一策”实施方案（无密码）.docx"));
        mailLog(first, "郑州市教育局/郑州市教育局“一地一策”实施方案（无密码）.docx,"
                + at(ZonedDateTime.now(ZONE).plusHours(1)));
        Path after = consolidate(campaign);

        assertThat(unit(after, "郑州市教育局").get("plan")).isEqualTo("submitted");
    }

    @Test
    void aPlanMissingASectionInTimeThenCorrectedAfterTheDeadlineIsSubmitted() throws Exception {
        LocalDate deadline = LocalDate.now(ZONE).minusDays(2);
        Path campaign = plansDueTwoDaysAgo(deadline);
        Path zz = inbox().resolve("郑州市教育局");
        Writeups.outline(zz.resolve("一地一策实施方案.docx"), "附件2", "郑州市教育局“一地一策”实施方案",
                CITY_SECTIONS.subList(0, 4));
        String first = "郑州市教育局/一地一策实施方案.docx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE));
        mailLog(first);
        Path before = consolidate(campaign); // its letter asks for the missing 制度保障, after the deadline
        assertThat(unit(before, "郑州市教育局").get("plan")).isEqualTo("submitted");
        assertThat(records(before.resolve("csv/issues.csv"))).extracting(i -> i.get("code"))
                .contains("DOC_MISSING_SECTION");

        Writeups.outline(zz.resolve("一地一策实施方案（修改）.docx"), "附件2", "郑州市教育局“一地一策”实施方案",
                CITY_SECTIONS);
        mailLog(first, "郑州市教育局/一地一策实施方案（修改）.docx," + at(ZonedDateTime.now(ZONE).plusHours(1)));
        Path after = consolidate(campaign);

        assertThat(unit(after, "郑州市教育局").get("plan")).isEqualTo("submitted");
        assertThat(columns(records(after.resolve("csv/documents.csv")), "file", "kind", "status")).isEqualTo("""
                郑州市教育局/一地一策实施方案.docx|city_plan|superseded
                郑州市教育局/一地一策实施方案（修改）.docx|city_plan|ok""");
        assertThat(records(after.resolve("csv/issues.csv"))).extracting(i -> i.get("code"))
                .doesNotContain("DOC_MISSING_SECTION", "LATE_SUBMISSION");
    }

    @Test
    void aBureauWithOnlyACollegesSchoolPlanHasNoPlanAndIsTold() throws Exception {
        Path zz = inbox().resolve("郑州市教育局");
        Workbooks.receivedAt(Writeups.outline(zz.resolve("郑州职业技术学院“一校一品”实施方案.docx"), "附件3",
                "郑州职业技术学院“一校一品”实施方案", SCHOOL_SECTIONS), "2025-12-28T10:00:00");

        Path latest = consolidate(null);

        assertThat(unit(latest, "郑州市教育局").get("plan")).isEqualTo("missing");
        List<CSVRecord> wrong = records(latest.resolve("csv/issues.csv")).stream()
                .filter(i -> i.get("code").equals("DOC_PLAN_WRONG_KIND")).toList();
        assertThat(columns(wrong, "file", "unit", "severity")).isEqualTo(
                "郑州市教育局/郑州职业技术学院“一校一品”实施方案.docx|郑州市教育局|warning");
        assertThat(wrong.get(0).get("message")).isEqualTo("本文件是附件3“一校一品”实施方案，本单位应报送的是附件2“一地一策”实施方案，"
                + "本文件未计为本单位的实施方案。请按附件2“一地一策”实施方案的要求撰写并报送本单位的实施方案。");
        assertThat(WorkbookText.of(latest.resolve("反馈/郑州市教育局.xlsx"))).contains("本单位应报送的是附件2“一地一策”实施方案");
    }
}
