package cn.huizong.resolution;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.DocumentRules;
import cn.huizong.campaign.DocumentRules.PlanRule;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.UnitType;

/**
 * Each registry unit's documents, run after {@link WriteupLinks} (the links decide {@code writeups_linked}):
 * write-ups received (every write-up document the run counts from the unit, linked or not), how many of its
 * accepted cases have a linked write-up, the write-ups expected (its accepted cases), and the status of its
 * implementation plan (附件2 or 附件3, by the plans' {@code unitTypes}): submitted, late, missing or not_required.
 * A plan document of either kind counts as the unit's plan (a university's file titled 一地一策 is still its
 * plan); lateness is the tables' ({@link WhichFileCounts#late}) against the plan's deadline. Written into the
 * unit's hz_completeness row; a campaign without write-up rules leaves those columns NULL.
 */
public final class DocumentCompleteness {

    private static final Set<String> PLAN_KINDS = Set.of("city_plan", "school_plan");

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    public DocumentCompleteness(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    /** Whether the campaign has write-up rules (YAML {@code writeups:}): only then are documents counted. */
    public static boolean applies(Campaign campaign) {
        return !campaign.documents().equals(DocumentRules.NONE);
    }

    /** A plan document the unit sent: a receipt for lateness, and whether it counts (not rejected, not a copy). */
    private record PlanFile(WhichFileCounts.Receipt receipt, boolean counts) {
    }

    public void apply(String runId) {
        if (!applies(campaign)) {
            return;
        }
        Map<String, Integer> received = new HashMap<>();
        Map<String, List<PlanFile>> plans = new HashMap<>();
        jdbc.query("SELECT f.file_no, f.unit, f.sha256, f.received_at, f.status, d.kind, s.first_seen_at, "
                + "(SELECT COUNT(*) FROM hz_content_issue ci WHERE ci.content_key = f.content_key "
                + "AND ci.severity = 'error') FROM hz_file f JOIN hz_document d ON d.content_key = f.content_key "
                + "LEFT JOIN hz_seen s ON s.sha256 = f.sha256 WHERE f.run_id = ? AND f.unit IS NOT NULL", rs -> {
                    String unit = rs.getString(2);
                    String status = rs.getString(5);
                    String kind = rs.getString(6);
                    if ("writeup".equals(kind) && "document".equals(status)) {
                        received.merge(unit, 1, Integer::sum);
                    } else if (PLAN_KINDS.contains(kind)) {
                        Timestamp firstSeen = rs.getTimestamp(7);
                        // a letter asked for a correction of a plan that could not be read or had errors
                        boolean asked = "rejected".equals(status) || rs.getInt(8) > 0;
                        WhichFileCounts.Receipt r = new WhichFileCounts.Receipt(rs.getInt(1), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), firstSeen == null ? Instant.MAX : firstSeen.toInstant(),
                                unit, asked);
                        plans.computeIfAbsent(unit, k -> new ArrayList<>()).add(new PlanFile(r, "document".equals(status)));
                    }
                }, runId);
        Map<String, Set<String>> linked = new HashMap<>();
        jdbc.query("SELECT f.unit, l.case_name FROM hz_document_link l JOIN hz_file f ON f.run_id = l.run_id "
                + "AND f.file_no = l.file_no WHERE l.run_id = ? AND l.case_name IS NOT NULL AND f.unit IS NOT NULL",
                rs -> {
                    linked.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }, runId);
        Map<String, Integer> expected = new HashMap<>();
        for (TemplateSpec t : campaign.templates()) {
            if (t.indexOf("case_name") < 0) {
                continue;
            }
            jdbc.query("SELECT unit, COUNT(*) FROM hz_record WHERE run_id = ? AND template = ? AND status = 'accepted' "
                    + "AND unit IS NOT NULL GROUP BY unit", rs -> {
                        expected.merge(rs.getString(1), rs.getInt(2), Integer::sum);
                    }, runId, t.id());
        }
        List<Object[]> updates = new ArrayList<>();
        jdbc.query("SELECT unit, unit_type FROM hz_completeness WHERE run_id = ?", rs -> {
            String unit = rs.getString(1);
            Optional<PlanRule> plan = UnitType.fromCode(rs.getString(2)).flatMap(this::planOf);
            String planStatus = plan.map(p -> planStatus(p, plans.getOrDefault(unit, List.of()))).orElse("not_required");
            updates.add(new Object[] {received.getOrDefault(unit, 0), linked.getOrDefault(unit, Set.of()).size(),
                    expected.getOrDefault(unit, 0), planStatus, runId, unit});
        }, runId);
        jdbc.batchUpdate("UPDATE hz_completeness SET writeups_received = ?, writeups_linked = ?, writeups_expected = ?, "
                + "plan_status = ? WHERE run_id = ? AND unit = ?", updates);
    }

    /** The plan the notice asks of a unit type (附件2 of bureaus, 附件3 of universities), if any. */
    private Optional<PlanRule> planOf(UnitType type) {
        return campaign.documents().plans().stream().filter(p -> p.unitTypes().contains(type)).findFirst();
    }

    /**
     * missing without a readable plan document; else the latest one counts (as a table's latest file does) and
     * is late or not as {@link WhichFileCounts#late} says over every plan receipt of the unit (copies and
     * unreadable attempts included: the first of them is the unit's first submission).
     */
    private String planStatus(PlanRule plan, List<PlanFile> files) {
        PlanFile counting = null;
        for (PlanFile f : files) {
            if (f.counts() && (counting == null || f.receipt().received().isAfter(counting.receipt().received())
                    || f.receipt().received().equals(counting.receipt().received())
                            && f.receipt().fileNo() < counting.receipt().fileNo())) {
                counting = f;
            }
        }
        if (counting == null) {
            return "missing";
        }
        if (plan.deadline() == null) {
            return "submitted";
        }
        Map<Integer, Boolean> late = WhichFileCounts.late(files.stream().map(PlanFile::receipt).toList(),
                new WhichFileCounts.Deadline(plan.deadline(), campaign.correctionDays(), campaign.zone()));
        return late.getOrDefault(counting.receipt().fileNo(), false) ? "late" : "submitted";
    }
}
