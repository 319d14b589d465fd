package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cn.huizong.HuizongApplication;
import cn.huizong.app.Cli;
import cn.huizong.fixtures.Workbooks;

/** Issue 8's findings about intake: units from paths, the mail log, progress, the configured zone. */
@ExtendWith(OutputCaptureExtension.class)
class IntakeTrustTest {

    @TempDir
    Path work;

    private Path inbox() {
        return work.resolve("inbox");
    }

    private Cli consolidate(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("consolidate", "--input", inbox().toString(), "--output",
                work.resolve("out").toString(), "--data", work.resolve("data").toString()));
        args.addAll(List.of(extra));
        Cli run = Cli.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return run;
    }

    private Path csv(String feed) {
        return work.resolve("out/latest/csv").resolve(feed);
    }

    private static List<Object> aCase(int seq, String name) {
        return r(seq, name, "简介", "", "双一流建设高校", "陈刚", "13838000001");
    }

    @Test
    void aBranchSchoolFolderIsNotCreditedToItsParentUniversity() throws Exception {
        // no 推荐单位 line: the folder is all there is, and it names another institution
        Workbooks.xlsx(inbox().resolve("河南理工大学万方学院/附件5.xlsx"), Workbooks.casesSheet("", List.of(
                aCase(1, "万方案例一"), aCase(2, "万方案例二"))));
        Workbooks.xlsx(inbox().resolve("河南理工大学/附件5.xlsx"), Workbooks.casesSheet("", List.of(aCase(1, "理工案例"))));

        consolidate();

        assertThat(records(csv("submissions.csv")).stream().map(s -> s.get("file") + "=" + s.get("unit") + "=" + s.get("status"))
                .toList()).containsExactly("河南理工大学/附件5.xlsx=河南理工大学=accepted",
                        "河南理工大学万方学院/附件5.xlsx==rejected");
        assertThat(records(csv("issues.csv")).stream().filter(i -> i.get("file").startsWith("河南理工大学万方学院"))
                .map(i -> i.get("code")).toList()).containsExactly("UNKNOWN_UNIT");
        assertThat(records(csv("quota.csv")).stream().map(q -> q.get("unit") + "=" + q.get("valid_cases")).toList())
                .containsExactly("河南理工大学=1");
        assertThat(work.resolve("out/latest/反馈/（单位未能确定）.xlsx")).exists();
    }

    @Test
    void aMailLogLineWithAFullWidthDigitStillGivesItsFileItsTime() throws Exception {
        Path file = inbox().resolve("洛阳市教育局/附件1.xlsx");
        Workbooks.xlsx(file, Workbooks.pairingSheet("洛阳市教育局", List.of(r("洛阳市教育局", "洛阳一拖集团",
                "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
        Workbooks.receivedAt(file, "2026-01-05T09:00:00"); // the copy's own time: after the deadline
        Path log = work.resolve("mail.csv");
        Files.writeString(log, """
                file,received_at
                洛阳市教育局/附件１.xlsx,2025-12-15T09:00:00+08:00
                """);

        Cli run = consolidate("--received", log.toString());

        assertThat(records(csv("submissions.csv")).get(0).get("received_at")).isEqualTo("2025-12-15T09:00:00+08:00");
        assertThat(records(csv("completeness.csv")).stream().filter(c -> c.get("unit").equals("洛阳市教育局"))
                .map(c -> c.get("pairing")).toList()).containsExactly("submitted");
        assertThat(run.out()).doesNotContain("收件记录中有");
    }

    @Test
    void aMailLogLineThatMatchesNoFileIsReported(CapturedOutput output) throws Exception {
        Path file = inbox().resolve("洛阳市教育局/附件1.xlsx");
        Workbooks.xlsx(file, Workbooks.pairingSheet("洛阳市教育局", List.of(r("洛阳市教育局", "洛阳一拖集团",
                "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
        Path log = work.resolve("mail.csv");
        Files.writeString(log, """
                file,received_at
                洛阳市教育局/附件1.xlsx,2025-12-15T09:00:00+08:00
                洛阳市教育局/附件1（修改版）.xlsx,2025-12-16T09:00:00+08:00
                """);

        Cli run = consolidate("--received", log.toString());

        assertThat(run.out()).contains("注意：收件记录中有 1 行找不到对应文件，这些收到时间未被采用（相应文件按文件修改时间计）："
                + "洛阳市教育局/附件1（修改版）.xlsx。请核对收件记录中的文件名。");
        assertThat(output.getOut()).contains("mail log line matches no file in the inbox: 洛阳市教育局/附件1（修改版）.xlsx");
    }

    @Test
    void progressOfAnIncrementalRunReachesItsOwnTotal(CapturedOutput output) throws Exception {
        for (String unit : List.of("洛阳市教育局", "开封市教育局", "南阳市教育局")) {
            Workbooks.xlsx(inbox().resolve(unit + "/附件1.xlsx"), Workbooks.pairingSheet(unit, List.of(r(unit, "企业",
                    "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
        }
        consolidate();
        assertThat(output.getOut()).contains("read 3/3 files");
        Workbooks.xlsx(inbox().resolve("许昌市教育局/附件1.xlsx"), Workbooks.pairingSheet("许昌市教育局", List.of(r(
                "许昌市教育局", "企业", "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));

        consolidate();

        // only the new file is read, and the progress line says 1 of 1, not 1 of 4
        assertThat(output.getOut()).contains("read 1/1 files").doesNotContain("read 1/4 files");
    }

    @Test
    void runIdsFollowTheConfiguredZone() throws Exception {
        Workbooks.xlsx(inbox().resolve("洛阳市教育局/附件1.xlsx"), Workbooks.pairingSheet("洛阳市教育局", List.of(r(
                "洛阳市教育局", "企业", "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
        // UTC+14 and UTC-10 never share a calendar day with each other at the same instant
        ZoneId zone = ZoneId.of("Pacific/Kiritimati");
        String before = DateTimeFormatter.ofPattern("yyyyMMdd-HH").format(ZonedDateTime.now(zone));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = HuizongApplication.run(new String[] {"consolidate", "--input", inbox().toString(), "--output",
                work.resolve("out").toString(), "--data", work.resolve("data").toString()},
                Map.of("huizong.zone", zone.getId()), new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));
        String after = DateTimeFormatter.ofPattern("yyyyMMdd-HH").format(ZonedDateTime.now(zone));

        assertThat(code).isZero();
        String runId = Files.list(work.resolve("out/runs")).findFirst().orElseThrow().getFileName().toString();
        assertThat(runId.substring(0, 11)).isIn(before, after);
    }
}
