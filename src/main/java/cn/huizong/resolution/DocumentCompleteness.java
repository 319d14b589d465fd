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
import cn.huizong.documents.DocumentChecker;
import cn.huizong.documents.DocumentKind;
import cn.huizong.registry.UnitType;
import cn.huizong.staging.ContentStore;
import cn.huizong.validation.IssueCode;

/**
 * Each registry unit's documents, run after {@link DocumentVersions} and {@link WriteupLinks} (the links decide
 * {@code writeups_linked}): write-ups received (every write-up document the run counts from the unit, linked or
 * not; a replaced version no longer counts), how many of its accepted cases have a linked write-up, the write-ups
 * expected (its accepted cases), and the status of its implementation plan (附件2 or 附件3, by the plans'
 * {@code unitTypes}): submitted, late, missing or not_required. A plan document counts as the unit's plan when it
 * is of the unit's kind, or its content shows every section of the unit's plan (a university's plan titled
 * 一地一策 but written to the 一校一品 template); a plan of the other kind does not count and is
 * {@link IssueCode#DOC_PLAN_WRONG_KIND}. Lateness is the tables' ({@link WhichFileCounts#late}) against the plan's
 * deadline over every attempt: a plan that could not be read (judged by its file name: the plans' title words, or
 * 实施方案 for the unit's own) is an attempt whose letter asked for a correction, as is a plan with errors or any
 * document problem (DOC_*). Written into the unit's hz_completeness row; a campaign without write-up rules leaves
 * those columns NULL.
 */
public final class DocumentCompleteness {

    private static final Set<String> PLAN_KINDS = Set.of("city_plan", "school_plan");
    /** The kind of an unread plan whose file name says only 实施方案: the plan of the sending unit's type. */
    private static final String OWN_PLAN = "own";
    /** Issues of this rule are numbered after those of {@link WriteupLinks}. */
    private static final int PLAN_ISSUES = 210_000_000;

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

    /**
     * A plan document the unit sent: a receipt for lateness, whether it counts (read, not a copy, not replaced),
     * its kind (city_plan, school_plan, or {@link #OWN_PLAN}) and the plans whose sections its content shows (null:
     * not recorded, staged by an earlier version).
     */
    private record PlanFile(WhichFileCounts.Receipt receipt, boolean counts, String kind, Set<String> shown) {
    }

    public void apply(String runId) {
        if (!applies(campaign)) {
            return;
        }
        Map<String, Integer> received = new HashMap<>();
        Map<String, List<PlanFile>> plans = new HashMap<>();
        DocumentRules rules = campaign.documents();
        jdbc.query("SELECT f.file_no, f.unit, f.sha256, f.received_at, f.status, d.kind, s.first_seen_at, "
                + "(SELECT COUNT(*) FROM hz_content_issue ci WHERE ci.content_key = f.content_key "
                + "AND (ci.severity = 'error' OR ci.code LIKE 'DOC%')), f.path, d.plans_shown FROM hz_file f "
                + "LEFT JOIN hz_document d ON d.content_key = f.content_key "
                + "LEFT JOIN hz_seen s ON s.sha256 = f.sha256 WHERE f.run_id = ? AND f.unit IS NOT NULL "
                + "AND f.kind = 'DOCUMENT'", rs -> {
                    String unit = rs.getString(2);
                    String status = rs.getString(5);
                    String kind = rs.getString(6);
                    if (kind == null && ("rejected".equals(status) || "duplicate_file".equals(status))) {
                        kind = kindByName(rs.getString(9), rules); // its content is not known
                    }
                    if ("writeup".equals(kind) && "document".equals(status)) {
                        received.merge(unit, 1, Integer::sum);
                    } else if (kind != null && (PLAN_KINDS.contains(kind) || OWN_PLAN.equals(kind))) {
                        Timestamp firstSeen = rs.getTimestamp(7);
                        // the letter about a plan that could not be read, had errors or any document problem
                        // asked for a corrected one
                        boolean asked = "rejected".equals(status) || rs.getInt(8) > 0;
                        WhichFileCounts.Receipt r = new WhichFileCounts.Receipt(rs.getInt(1), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), firstSeen == null ? Instant.MAX : firstSeen.toInstant(),
                                unit, asked);
                        String shown = rs.getString(10);
                        plans.computeIfAbsent(unit, k -> new ArrayList<>()).add(new PlanFile(r,
                                "document".equals(status), kind, shown == null && rs.getString(6) != null ? null
                                        : shown == null || shown.isEmpty() ? Set.of() : Set.of(shown.split(","))));
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
        List<Object[]> issues = new ArrayList<>();
        jdbc.query("SELECT unit, unit_type FROM hz_completeness WHERE run_id = ?", rs -> {
            String unit = rs.getString(1);
            Optional<PlanRule> plan = UnitType.fromCode(rs.getString(2)).flatMap(this::planOf);
            List<PlanFile> sent = plans.getOrDefault(unit, List.of());
            String planStatus = plan.map(p -> planStatus(p, sent.stream().filter(f -> isOf(p, f)).toList()))
                    .orElse("not_required");
            plan.ifPresent(p -> sent.stream().filter(f -> f.counts() && !isOf(p, f))
                    .forEach(f -> issues.add(wrongKind(runId, unit, f, p))));
            updates.add(new Object[] {received.getOrDefault(unit, 0), linked.getOrDefault(unit, Set.of()).size(),
                    expected.getOrDefault(unit, 0), planStatus, runId, unit});
        }, runId);
        jdbc.batchUpdate("UPDATE hz_completeness SET writeups_received = ?, writeups_linked = ?, writeups_expected = ?, "
                + "plan_status = ? WHERE run_id = ? AND unit = ?", updates);
        jdbc.batchUpdate("INSERT INTO hz_issue (run_id, file_no, issue_no, unit, sheet, excel_row, col, severity, code, "
                + "message, row_no) VALUES (?,?,?,?,?,?,?,?,?,?,?)", issues);
    }

    /**
     * Whether a plan document is the unit's plan {@code p}: of its kind, or following its sections. A document
     * staged before its sections were recorded (shown null) counts as it did then, whatever its kind.
     */
    private static boolean isOf(PlanRule p, PlanFile f) {
        return OWN_PLAN.equals(f.kind()) || DocumentKind.ofPlan(p.kind()).code().equals(f.kind())
                || f.shown() == null || f.shown().contains(p.kind());
    }

    private Object[] wrongKind(String runId, String unit, PlanFile f, PlanRule owed) {
        String looksLike = campaign.documents().plans().stream()
                .filter(p -> DocumentKind.ofPlan(p.kind()).code().equals(f.kind())).map(PlanRule::label).findFirst()
                .orElse(f.kind());
        IssueCode code = IssueCode.DOC_PLAN_WRONG_KIND;
        return new Object[] {runId, f.receipt().fileNo(), PLAN_ISSUES + 1, unit, null, null, null,
                code.severity().code(), code.name(),
                ContentStore.text(code.message(looksLike, owed.label(), owed.label())), null};
    }

    /**
     * The kind of a document whose content is unknown, by its file name: a plan by the plans' title words, the
     * sending unit's own plan by 实施方案 (planWords), a write-up by its words, else other.
     */
    static String kindByName(String path, DocumentRules rules) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        name = name.substring(name.lastIndexOf('!') + 1);
        DocumentKind kind = DocumentChecker.kindByName(name, rules);
        if (kind == DocumentKind.OTHER && rules.planWords().stream().anyMatch(name::contains)) {
            return OWN_PLAN;
        }
        return kind.code();
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
