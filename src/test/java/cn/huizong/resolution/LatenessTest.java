package cn.huizong.resolution;

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
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.WorkbookText;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.app.Cli;

/**
 * Late means late, and only that: a unit that sent on time and corrected within the days its feedback letter
 * gave stays on time. The campaign's 附件1 deadline is set two days before today, so that the run that writes
 * the letter happens after the deadline, as it did in the review's finding.
 */
class LatenessTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path work;

    Path campaign;
    LocalDate deadline;

    @BeforeEach
    void campaignWithADeadlineTwoDaysAgo() throws Exception {
        deadline = LocalDate.now(ZONE).minusDays(2);
        campaign = work.resolve("campaign.yml");
        Files.writeString(campaign, Files.readString(Path.of("jobs/jiaoyu-zhuqi-2025.yml"))
                .replace("deadline: 2025-12-20", "deadline: " + deadline));
    }

    private Path version(String name, String enterprise) throws Exception {
        return version(name, enterprise, "张明 13837900011");
    }

    /** A 附件1 of one row; a contact without a number is an error, so the letter about it asks for a correction. */
    private Path version(String name, String enterprise, String contact) throws Exception {
        Path file = work.resolve("inbox/洛阳市教育局").resolve(name);
        Workbooks.xlsx(file, Workbooks.pairingSheet("洛阳市教育局", List.of(r("洛阳市教育局", enterprise,
                contact, "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
        return file;
    }

    private void mailLog(String... lines) throws Exception {
        Files.writeString(work.resolve("inbox").resolveSibling("received.csv"),
                "file,received_at\n" + String.join("\n", lines) + "\n");
    }

    private static String at(ZonedDateTime t) {
        return OffsetDateTime.from(t.truncatedTo(ChronoUnit.SECONDS)).toString();
    }

    /** Runs consolidate on the same data folder (and so the same database) every time, as the nightly job does. */
    private Path consolidate() {
        Path output = work.resolve("out");
        Cli run = Cli.run("consolidate", "--input", work.resolve("inbox").toString(), "--output", output.toString(),
                "--data", work.resolve("data").toString(), "--campaign", campaign.toString());
        assertThat(run.code()).as(run.err()).isZero();
        return output.resolve("latest");
    }

    private static String pairingStatus(Path latest) throws Exception {
        return records(latest.resolve("csv/completeness.csv")).stream().filter(c -> c.get("unit").equals("洛阳市教育局"))
                .map(c -> c.get("pairing")).findFirst().orElseThrow();
    }

    private static List<String> lateWarnings(Path latest) throws Exception {
        return records(latest.resolve("csv/issues.csv")).stream().filter(i -> i.get("code").equals("LATE_SUBMISSION"))
                .map(i -> i.get("file")).toList();
    }

    @Test
    void aCorrectionTheLetterAskedForKeepsTheUnitOnTime() throws Exception {
        version("附件1.xlsx", "第一版企业", "张明 电话待定");
        mailLog("洛阳市教育局/附件1.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)));
        Path first = consolidate(); // this run writes the letter, after the deadline
        assertThat(pairingStatus(first)).isEqualTo("submitted");

        version("附件1（更正）.xlsx", "更正后企业");
        mailLog("洛阳市教育局/附件1.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)),
                "洛阳市教育局/附件1（更正）.xlsx," + at(ZonedDateTime.now(ZONE).plusHours(1)));
        Path corrected = consolidate();

        assertThat(records(corrected.resolve("csv/pairings.csv")).stream().map(p -> p.get("enterprise")).toList())
                .containsExactly("更正后企业");
        assertThat(pairingStatus(corrected)).isEqualTo("submitted");
        assertThat(lateWarnings(corrected)).isEmpty();
        assertThat(records(corrected.resolve("csv/submissions.csv")).stream()
                .filter(s -> s.get("file").equals("洛阳市教育局/附件1（更正）.xlsx")).map(s -> s.get("late")).toList())
                .containsExactly("false");
        assertThat(WorkbookText.of(corrected.resolve("省级汇总表.xlsx"))).contains("已报送（已按期更正）")
                .doesNotContain("逾期报送\n");
        assertThat(WorkbookText.of(corrected.resolve("反馈/洛阳市教育局.xlsx")))
                .contains("在反馈要求的期限内更正，按期报送").doesNotContain("，逾期");
    }

    @Test
    void aCorrectionAfterTheLettersDaysIsLate() throws Exception {
        version("附件1.xlsx", "第一版企业", "张明 电话待定");
        mailLog("洛阳市教育局/附件1.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)));
        consolidate();

        version("附件1（更正）.xlsx", "更正后企业");
        // the letter of today gave three days (correctionDays); this arrives on the fourth
        mailLog("洛阳市教育局/附件1.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)),
                "洛阳市教育局/附件1（更正）.xlsx," + at(LocalDate.now(ZONE).plusDays(4).atTime(9, 0).atZone(ZONE)));
        Path late = consolidate();

        assertThat(pairingStatus(late)).isEqualTo("late");
        assertThat(lateWarnings(late)).containsExactly("洛阳市教育局/附件1（更正）.xlsx");
    }

    @Test
    void aSecondVersionAfterTheDeadlineThatNoLetterAskedForIsLate() throws Exception {
        version("附件1.xlsx", "第一版企业");
        version("附件1（二）.xlsx", "第二版企业");
        mailLog("洛阳市教育局/附件1.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)),
                "洛阳市教育局/附件1（二）.xlsx," + at(deadline.plusDays(1).atTime(9, 0).atZone(ZONE)));

        Path latest = consolidate(); // the first run sees both: no letter had been written about the first

        assertThat(pairingStatus(latest)).isEqualTo("late");
        assertThat(lateWarnings(latest)).containsExactly("洛阳市教育局/附件1（二）.xlsx");
    }

    @Test
    void aNewVersionAfterTheDeadlineThatNoLetterAskedForIsLate() throws Exception {
        version("附件1.xlsx", "第一版企业"); // nothing wrong: the run writes no letter asking for anything
        mailLog("洛阳市教育局/附件1.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)));
        consolidate();

        version("附件1（补充）.xlsx", "补充的企业");
        mailLog("洛阳市教育局/附件1.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)),
                "洛阳市教育局/附件1（补充）.xlsx," + at(ZonedDateTime.now(ZONE).plusHours(1)));
        Path latest = consolidate();

        assertThat(pairingStatus(latest)).isEqualTo("late");
        assertThat(lateWarnings(latest)).containsExactly("洛阳市教育局/附件1（补充）.xlsx");
    }

    @Test
    void anUnreadableFirstSubmissionOnTimeCountsAndItsFixWithinTheLettersDaysIsOnTime() throws Exception {
        Path locked = work.resolve("inbox/洛阳市教育局/附件1（加密）.xlsx");
        Workbooks.encryptedXlsx(locked, "123456", Workbooks.pairingSheet("洛阳市教育局", List.of()));
        mailLog("洛阳市教育局/附件1（加密）.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)));
        consolidate(); // the letter asks to remove the password and send again

        version("附件1.xlsx", "洛阳一拖集团");
        mailLog("洛阳市教育局/附件1（加密）.xlsx," + at(deadline.minusDays(1).atTime(9, 0).atZone(ZONE)),
                "洛阳市教育局/附件1.xlsx," + at(ZonedDateTime.now(ZONE).plusHours(1)));
        Path latest = consolidate();

        assertThat(pairingStatus(latest)).isEqualTo("submitted");
        assertThat(lateWarnings(latest)).isEmpty();
    }
}
