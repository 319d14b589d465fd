package cn.huizong.resolution;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which received file counts, as a pure function of receipts (the README's superseding table):
 * <ol>
 * <li>Copies of the same bytes from one unit: the latest receipt is the one that counts, earlier copies are
 * {@code duplicate_file} (a resend of v1 after v2 makes v1 current again).</li>
 * <li>Of a unit's remaining files for one template, those received last count; the older ones are
 * {@code superseded}, naming the files that replaced them. Two different contents received at the same latest
 * time are both kept and flagged: guessing would make one vanish.</li>
 * <li>Late means late: a content is on time when it arrived by the deadline, or as a correction within the
 * days the feedback letter gave (the letter about the version before it, which asked for a correction
 * because that version had errors or could not be read), provided the unit's first submission of the
 * template, readable or not, arrived by the deadline.</li>
 * </ol>
 */
final class WhichFileCounts {

    private WhichFileCounts() {
    }

    /**
     * One received file.
     *
     * @param owner     whose copy it is (the unit; copies of one unit's bytes are copies, another unit's are not)
     * @param firstSeen when a run first saw these bytes: the feedback letter about them was written then
     * @param asked     whether that letter asked for a correction (the file had errors or could not be read)
     */
    record Receipt(int fileNo, String sha256, Instant received, Instant firstSeen, String owner, boolean asked) {

        Receipt(int fileNo, String sha256, Instant received, Instant firstSeen) {
            this(fileNo, sha256, received, firstSeen, "", true);
        }
    }

    enum Outcome { COUNTS, DUPLICATE_FILE, SUPERSEDED }

    /**
     * @param others   the copy that counts (duplicate), the files that replaced this one (superseded), or the
     *                 other files received at the same time (counts, same time)
     */
    record Decision(Outcome outcome, List<Integer> others) {
        boolean sameTime() {
            return outcome == Outcome.COUNTS && !others.isEmpty();
        }
    }

    private static final Comparator<Receipt> BY_ARRIVAL = Comparator.comparing(Receipt::received)
            .thenComparingInt(Receipt::fileNo);

    /**
     * Copies of the same bytes from the same owner: file number → the copy that counts (itself if it does). The
     * same bytes from two units (the notice's blank template sent back by both) are two submissions.
     */
    static Map<Integer, Integer> copies(List<Receipt> receipts) {
        Map<String, Receipt> latest = new HashMap<>();
        for (Receipt r : receipts) {
            if (r.sha256() == null || r.sha256().isEmpty()) {
                continue;
            }
            // latest receipt wins; at the same time the first in path order, so that the choice is stable
            latest.merge(r.owner() + "\u0000" + r.sha256(), r, WhichFileCounts::laterCopy);
        }
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (Receipt r : receipts) {
            Receipt kept = r.sha256() == null || r.sha256().isEmpty() ? r : latest.get(r.owner() + "\u0000" + r.sha256());
            out.put(r.fileNo(), kept.fileNo());
        }
        return out;
    }

    private static Receipt laterCopy(Receipt a, Receipt b) {
        int c = a.received().compareTo(b.received());
        return c > 0 ? a : c < 0 ? b : a.fileNo() <= b.fileNo() ? a : b;
    }

    /** One unit's files for one template, copies already removed: which count and which are superseded. */
    static Map<Integer, Decision> supersede(List<Receipt> distinct) {
        Map<Integer, Decision> out = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return out;
        }
        Instant last = distinct.stream().map(Receipt::received).max(Comparator.naturalOrder()).orElseThrow();
        List<Integer> newest = distinct.stream().filter(r -> r.received().equals(last)).sorted(BY_ARRIVAL)
                .map(Receipt::fileNo).toList();
        for (Receipt r : distinct) {
            if (r.received().equals(last)) {
                List<Integer> others = new ArrayList<>(newest);
                others.remove(Integer.valueOf(r.fileNo()));
                out.put(r.fileNo(), new Decision(Outcome.COUNTS, List.copyOf(others)));
            } else {
                out.put(r.fileNo(), new Decision(Outcome.SUPERSEDED, newest));
            }
        }
        return out;
    }

    /** The deadline rule of one template: its last day, the correction days and the zone of both. */
    record Deadline(LocalDate lastDay, int correctionDays, ZoneId zone) {

        Instant end() {
            return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
        }

        /** The date a letter written on {@code letterDay} asked for a correction by (as the letter says it). */
        LocalDate correctionDue(LocalDate letterDay) {
            return lastDay.isBefore(letterDay) ? letterDay.plusDays(correctionDays) : lastDay;
        }
    }

    /**
     * Whether each content of one unit's template arrived late. All receipts of the template (copies included)
     * take part: the unit's first submission is the earliest of them, and a content's arrival is its first copy.
     *
     * @return file number → late, for every receipt (copies of one content share the answer)
     */
    static Map<Integer, Boolean> late(List<Receipt> all, Deadline deadline) {
        Map<Integer, Boolean> out = new LinkedHashMap<>();
        if (all.isEmpty()) {
            return out;
        }
        List<Receipt> byArrival = all.stream().sorted(BY_ARRIVAL).toList();
        boolean firstOnTime = !byArrival.get(0).received().isAfter(deadline.end());
        // each content's first arrival, in arrival order
        Map<String, Receipt> firstCopy = new LinkedHashMap<>();
        for (Receipt r : byArrival) {
            firstCopy.putIfAbsent(key(r), r);
        }
        Map<String, Boolean> lateByContent = new HashMap<>();
        List<Receipt> contents = new ArrayList<>(firstCopy.values());
        for (int i = 0; i < contents.size(); i++) {
            Receipt r = contents.get(i);
            // the version before it: the last one received strictly earlier (two sent together share it)
            Receipt previous = null;
            for (int j = i - 1; j >= 0 && previous == null; j--) {
                if (contents.get(j).received().isBefore(r.received())) {
                    previous = contents.get(j);
                }
            }
            boolean late;
            if (!r.received().isAfter(deadline.end())) {
                late = false;
            } else if (!firstOnTime || previous == null || !previous.asked()
                    || !previous.firstSeen().isBefore(r.received())) {
                // no letter had asked for a correction of the version before it when it arrived
                late = true;
            } else {
                LocalDate letterDay = previous.firstSeen().atZone(deadline.zone()).toLocalDate();
                Instant due = deadline.correctionDue(letterDay).plusDays(1).atStartOfDay(deadline.zone()).toInstant();
                late = r.received().isAfter(due);
            }
            lateByContent.put(key(r), late);
        }
        for (Receipt r : all) {
            out.put(r.fileNo(), lateByContent.get(key(r)));
        }
        return out;
    }

    private static String key(Receipt r) {
        return r.sha256() == null || r.sha256().isEmpty() ? "#" + r.fileNo() : r.sha256();
    }
}
