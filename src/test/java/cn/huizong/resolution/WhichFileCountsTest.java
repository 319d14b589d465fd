package cn.huizong.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.huizong.resolution.WhichFileCounts.Deadline;
import cn.huizong.resolution.WhichFileCounts.Decision;
import cn.huizong.resolution.WhichFileCounts.Outcome;
import cn.huizong.resolution.WhichFileCounts.Receipt;

/** The superseding table of the README, row by row. */
class WhichFileCountsTest {

    private static final Deadline DEC_9 = new Deadline(LocalDate.of(2025, 12, 9), 3, ZoneId.of("Asia/Shanghai"));
    private static final Instant NEVER_SEEN_BEFORE = Instant.parse("2030-01-01T00:00:00Z");

    static Instant at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    static Receipt r(int no, String sha, String received) {
        return new Receipt(no, sha, at(received), NEVER_SEEN_BEFORE);
    }

    static Receipt r(int no, String sha, String received, String firstSeen) {
        return new Receipt(no, sha, at(received), at(firstSeen));
    }

    @Test
    void theLatestCopyOfTheSameBytesCountsAndEarlierCopiesAreDuplicates() {
        Map<Integer, Integer> copies = WhichFileCounts.copies(List.of(r(1, "a", "2025-12-05T08:00:00"),
                r(2, "a", "2025-12-08T08:00:00"), r(3, "b", "2025-12-07T08:00:00")));
        assertThat(copies).containsExactly(Map.entry(1, 2), Map.entry(2, 2), Map.entry(3, 3));
    }

    @Test
    void copiesReceivedTogetherKeepTheFirstInPathOrder() {
        assertThat(WhichFileCounts.copies(List.of(r(4, "a", "2025-12-05T08:00:00"), r(2, "a", "2025-12-05T08:00:00"))))
                .containsEntry(4, 2).containsEntry(2, 2);
    }

    @Test
    void aResentFirstVersionIsCurrentAgain() {
        // v1 (12-05), v2 (12-07), v1's bytes again (12-08, "以第一版为准")
        List<Receipt> all = List.of(r(1, "v1", "2025-12-05T08:00:00"), r(2, "v2", "2025-12-07T08:00:00"),
                r(3, "v1", "2025-12-08T08:00:00"));
        Map<Integer, Integer> copies = WhichFileCounts.copies(all);
        assertThat(copies.get(1)).isEqualTo(3);
        List<Receipt> distinct = all.stream().filter(x -> copies.get(x.fileNo()) == x.fileNo()).toList();
        Map<Integer, Decision> d = WhichFileCounts.supersede(distinct);
        assertThat(d.get(3)).isEqualTo(new Decision(Outcome.COUNTS, List.of()));
        assertThat(d.get(2)).isEqualTo(new Decision(Outcome.SUPERSEDED, List.of(3)));
    }

    @Test
    void twoContentsReceivedAtTheSameLatestTimeAreBothKept() {
        Map<Integer, Decision> d = WhichFileCounts.supersede(List.of(r(1, "old", "2025-12-01T08:00:00"),
                r(2, "part1", "2025-12-05T08:00:00"), r(3, "part2", "2025-12-05T08:00:00")));
        assertThat(d.get(2)).isEqualTo(new Decision(Outcome.COUNTS, List.of(3)));
        assertThat(d.get(3)).isEqualTo(new Decision(Outcome.COUNTS, List.of(2)));
        assertThat(d.get(2).sameTime()).isTrue();
        assertThat(d.get(1)).isEqualTo(new Decision(Outcome.SUPERSEDED, List.of(2, 3)));
    }

    @Test
    void aFileByTheDeadlineIsOnTimeAndOneAfterItWithoutALetterIsLate() {
        assertThat(WhichFileCounts.late(List.of(r(1, "a", "2025-12-09T23:59:00")), DEC_9)).containsEntry(1, false);
        assertThat(WhichFileCounts.late(List.of(r(1, "a", "2025-12-10T00:00:01")), DEC_9)).containsEntry(1, true);
        // v1 on time, v2 after the deadline, and no run had written a letter about v1 when v2 came
        assertThat(WhichFileCounts.late(List.of(r(1, "v1", "2025-12-05T08:00:00"), r(2, "v2", "2025-12-11T08:00:00")),
                DEC_9)).containsEntry(1, false).containsEntry(2, true);
    }

    @Test
    void aCorrectionWithinTheLettersDaysIsNotLate() {
        // v1 on time; the run of 12-10 wrote a letter asking for a correction by 12-13; v2 came on 12-13
        Map<Integer, Boolean> late = WhichFileCounts.late(List.of(r(1, "v1", "2025-12-08T08:00:00", "2025-12-10T02:00:00"),
                r(2, "v2", "2025-12-13T17:00:00")), DEC_9);
        assertThat(late).containsEntry(1, false).containsEntry(2, false);
        // one day after what the letter gave is late
        assertThat(WhichFileCounts.late(List.of(r(1, "v1", "2025-12-08T08:00:00", "2025-12-10T02:00:00"),
                r(2, "v2", "2025-12-14T08:00:00")), DEC_9)).containsEntry(2, true);
    }

    @Test
    void aLetterWrittenBeforeTheDeadlineAskedForTheDeadline() {
        // the letter of 12-07 said 于12月9日前: a correction on 12-11 is late
        assertThat(WhichFileCounts.late(List.of(r(1, "v1", "2025-12-06T08:00:00", "2025-12-07T02:00:00"),
                r(2, "v2", "2025-12-11T08:00:00")), DEC_9)).containsEntry(2, true);
    }

    @Test
    void aCorrectionOfALateFirstSubmissionStaysLate() {
        assertThat(WhichFileCounts.late(List.of(r(1, "v1", "2025-12-10T08:00:00", "2025-12-11T02:00:00"),
                r(2, "v2", "2025-12-12T08:00:00")), DEC_9)).containsEntry(1, true).containsEntry(2, true);
    }

    @Test
    void aLateCopyOfOnTimeBytesIsNotLate() {
        // the same bytes forwarded again after the deadline arrived first on time
        assertThat(WhichFileCounts.late(List.of(r(1, "a", "2025-12-08T08:00:00"), r(2, "a", "2025-12-12T08:00:00")),
                DEC_9)).containsEntry(1, false).containsEntry(2, false);
    }
}
