package cn.huizong.resolution;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.WorkbookText;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.app.Cli;

/**
 * Issue 8's findings about which file counts, each as a consolidation of real files: nothing vanishes when
 * two files arrive at the same time, a resent first version is current again, and a replaced file is named in
 * the unit's feedback.
 */
class WhichFileCountsInARunTest {

    @TempDir
    Path work;

    private Path inbox() {
        return work.resolve("inbox");
    }

    private Path consolidate(String... extra) {
        Path output = work.resolve("out");
        List<String> args = new ArrayList<>(List.of("consolidate", "--input", inbox().toString(), "--output",
                output.toString(), "--data", work.resolve("data").toString(), "--db",
                "jdbc:h2:mem:which-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
        args.addAll(List.of(extra));
        Cli run = Cli.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return output.resolve("latest/csv");
    }

    private static List<String> statuses(Path csv) throws Exception {
        return records(csv.resolve("submissions.csv")).stream().map(s -> s.get("file") + "=" + s.get("status")).toList();
    }

    private static List<CSVRecord> issues(Path csv, String code) throws Exception {
        return records(csv.resolve("issues.csv")).stream().filter(i -> i.get("code").equals(code)).toList();
    }

    private static List<Object> pairing(String enterprise, String phone) {
        return r("洛阳市教育局", enterprise, "张明 " + phone, "李华 13937900001", "人才", "对接", "推进中", "2026-06-30");
    }

    @Test
    void twoPartsOfOneTableInAZipAreBothKeptWithAWarning() throws Exception {
        // members of one zip share the zip's received time: path order must not decide which one vanishes
        Map<String, byte[]> members = Workbooks.members();
        members.put("附件1（一）.xlsx", Workbooks.xlsxBytes(Workbooks.pairingSheet("洛阳市教育局",
                List.of(pairing("洛阳一拖集团", "13837900011")))));
        members.put("附件1（二）.xlsx", Workbooks.xlsxBytes(Workbooks.pairingSheet("洛阳市教育局",
                List.of(pairing("洛阳轴承集团", "13837900012")))));
        Path zip = inbox().resolve("洛阳市教育局.zip");
        Workbooks.zipGbk(zip, members);
        Workbooks.receivedAt(zip, "2025-12-15T09:00:00");

        Path csv = consolidate();

        assertThat(statuses(csv)).containsExactly("洛阳市教育局.zip=accepted", "洛阳市教育局.zip!/附件1（一）.xlsx=accepted",
                "洛阳市教育局.zip!/附件1（二）.xlsx=accepted");
        assertThat(records(csv.resolve("pairings.csv")).stream().map(p -> p.get("enterprise")).toList())
                .containsExactlyInAnyOrder("洛阳一拖集团", "洛阳轴承集团");
        assertThat(issues(csv, "SAME_TIME_SUBMISSIONS")).extracting(i -> i.get("file") + "|" + i.get("severity") + "|"
                + i.get("message")).containsExactly(
                        "洛阳市教育局.zip!/附件1（一）.xlsx|warning|本文件与“洛阳市教育局.zip!/附件1（二）.xlsx”收到时间相同（2025-12-15 09:00），"
                                + "内容不同，无法判断以哪个为准，两个文件均已采用。如其中有旧版本，请重新发送正确的完整表格。",
                        "洛阳市教育局.zip!/附件1（二）.xlsx|warning|本文件与“洛阳市教育局.zip!/附件1（一）.xlsx”收到时间相同（2025-12-15 09:00），"
                                + "内容不同，无法判断以哪个为准，两个文件均已采用。如其中有旧版本，请重新发送正确的完整表格。");
    }

    @Test
    void twoAttachmentsLoggedInTheSameMinuteAreBothKept() throws Exception {
        List<Object> header = r(Workbooks.CASES_HEADER.toArray());
        Workbooks.csv(inbox().resolve("许昌学院/附件5.csv"), StandardCharsets.UTF_8, true, List.of(header,
                r(1, "案例甲", "简介甲", "许昌学院", "本科", "任静", "13598900001")));
        Workbooks.csv(inbox().resolve("许昌学院/附件5 (2).csv"), StandardCharsets.UTF_8, true, List.of(header,
                r(2, "案例乙", "简介乙", "许昌学院", "本科", "任静", "13598900001")));
        Path log = work.resolve("received.csv");
        Files.writeString(log, """
                file,received_at
                许昌学院/附件5.csv,2025-12-08T10:15:00+08:00
                许昌学院/附件5 (2).csv,2025-12-08T10:15:00+08:00
                """);

        Path csv = consolidate("--received", log.toString());

        assertThat(statuses(csv)).containsExactly("许昌学院/附件5 (2).csv=accepted", "许昌学院/附件5.csv=accepted");
        assertThat(records(csv.resolve("cases.csv")).stream().map(c -> c.get("case_name")).toList())
                .containsExactlyInAnyOrder("案例甲", "案例乙");
        assertThat(issues(csv, "SAME_TIME_SUBMISSIONS")).hasSize(2);
    }

    @Test
    void aResentFirstVersionIsCurrentAgain() throws Exception {
        Path v1 = inbox().resolve("洛阳市教育局/附件1 第一版.xlsx");
        Workbooks.xlsx(v1, Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("第一版企业", "13837900011"))));
        Workbooks.receivedAt(v1, "2025-12-05T09:00:00");
        Path v2 = inbox().resolve("洛阳市教育局/附件1 第二版.xlsx");
        Workbooks.xlsx(v2, Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("第二版企业", "13837900012"))));
        Workbooks.receivedAt(v2, "2025-12-07T09:00:00");
        Path again = inbox().resolve("洛阳市教育局/以第一版为准/附件1 第一版.xlsx");
        Files.createDirectories(again.getParent());
        Files.copy(v1, again);
        Workbooks.receivedAt(again, "2025-12-08T09:00:00");

        Path csv = consolidate();

        assertThat(statuses(csv)).containsExactly("洛阳市教育局/以第一版为准/附件1 第一版.xlsx=accepted",
                "洛阳市教育局/附件1 第一版.xlsx=duplicate_file", "洛阳市教育局/附件1 第二版.xlsx=superseded");
        assertThat(records(csv.resolve("pairings.csv")).stream().map(p -> p.get("enterprise")).toList())
                .containsExactly("第一版企业");
        assertThat(issues(csv, "SUPERSEDED_FILE")).extracting(i -> i.get("file") + "|" + i.get("severity") + "|"
                + i.get("message")).containsExactly("洛阳市教育局/附件1 第二版.xlsx|info|本文件已被2025-12-08 09:00收到的"
                        + "“洛阳市教育局/以第一版为准/附件1 第一版.xlsx”替代，未纳入汇总（同一单位同一表格以最后收到的文件为准）。");
        assertThat(issues(csv, "DUPLICATE_FILE")).extracting(i -> i.get("file")).containsExactly(
                "洛阳市教育局/附件1 第一版.xlsx");
    }

    @Test
    void aReplacedFileIsNamedInTheUnitsLetter() throws Exception {
        Path v1 = inbox().resolve("洛阳市教育局/附件1.xlsx");
        Workbooks.xlsx(v1, Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("旧企业", "13837900011"))));
        Workbooks.receivedAt(v1, "2025-12-05T09:00:00");
        Path v2 = inbox().resolve("洛阳市教育局/附件1（修改）.xlsx");
        Workbooks.xlsx(v2, Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("新企业", "13837900012"))));
        Workbooks.receivedAt(v2, "2025-12-07T09:00:00");

        Path csv = consolidate();

        Path letter = csv.resolveSibling("反馈").resolve("洛阳市教育局.xlsx");
        assertThat(letter).exists();
        String text = WorkbookText.of(letter);
        assertThat(text).contains("说明").contains("本文件已被2025-12-07 09:00收到的“洛阳市教育局/附件1（修改）.xlsx”替代")
                .contains("无需修改");
    }

    @Test
    void theSameBytesFromTwoUnitsAreTwoSubmissions() throws Exception {
        // the notice's blank 附件5 with the unit named only by its folder, sent back by two universities
        byte[] blank = Workbooks.xlsxBytes(Workbooks.casesSheet("", List.of(
                r(1, "产学研合作案例", "简介。", "", "本科", "张三", "13800000001"))));
        Path a = inbox().resolve("郑州大学/附件5.xlsx");
        Path b = inbox().resolve("河南大学/附件5.xlsx");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        Files.write(a, blank);
        Files.write(b, blank);
        Workbooks.receivedAt(a, "2025-12-05T09:00:00");
        Workbooks.receivedAt(b, "2025-12-06T09:00:00");

        Path csv = consolidate();

        assertThat(statuses(csv)).containsExactly("河南大学/附件5.xlsx=accepted", "郑州大学/附件5.xlsx=accepted");
        assertThat(issues(csv, "DUPLICATE_FILE")).isEmpty();
    }

    @Test
    void aBlankCaseSheetInALaterWorkbookDoesNotWipeTheCasesSentBefore() throws Exception {
        Path cases = inbox().resolve("洛阳市教育局/附件5.xlsx");
        Workbooks.xlsx(cases, Workbooks.casesSheet("洛阳市教育局", List.of(
                r(1, "职教集团服务装备制造", "简介。", "洛阳市教育局", "教育局", "张明", "13837900011"),
                r(2, "产教融合共同体", "简介。", "洛阳市教育局", "教育局", "张明", "13837900011"))));
        Workbooks.receivedAt(cases, "2025-12-05T09:00:00");
        Path both = inbox().resolve("洛阳市教育局/附件1 附件5.xlsx");
        Workbooks.xlsx(both, Workbooks.pairingSheet("洛阳市教育局", List.of(pairing("洛阳一拖集团", "13837900012"))),
                Workbooks.casesSheet("洛阳市教育局", List.of()));
        Workbooks.receivedAt(both, "2025-12-15T09:00:00");

        Path csv = consolidate();

        assertThat(statuses(csv)).containsExactly("洛阳市教育局/附件1 附件5.xlsx=accepted", "洛阳市教育局/附件5.xlsx=accepted");
        assertThat(records(csv.resolve("cases.csv"))).hasSize(2);
        assertThat(records(csv.resolve("completeness.csv")).stream().filter(c -> c.get("unit").equals("洛阳市教育局"))
                .map(c -> c.get("pairing") + "|" + c.get("cases")).toList()).containsExactly("submitted|submitted");
        assertThat(issues(csv, "EMPTY_TABLE_IGNORED")).hasSize(1);
    }
}
