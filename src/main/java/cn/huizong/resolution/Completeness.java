package cn.huizong.resolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;

/**
 * Who has sent what: one row per registry unit (files sent and rejected) and one per unit and template
 * (submitted, late, or what missing means for it), from the lateness {@link FileOutcomes} decided.
 */
final class Completeness implements RunRule {

    private final JdbcTemplate jdbc;
    private final Campaign campaign;
    private final Registry registry;
    private final Map<String, Boolean> lateByUnitTemplate;

    Completeness(JdbcTemplate jdbc, Campaign campaign, Registry registry, Map<String, Boolean> lateByUnitTemplate) {
        this.jdbc = jdbc;
        this.campaign = campaign;
        this.registry = registry;
        this.lateByUnitTemplate = lateByUnitTemplate;
    }

    @Override
    public void apply(String runId, IssueLog issues) {
        Map<String, int[]> fileCounts = new HashMap<>(); // unit -> {files sent, files rejected}
        jdbc.query("SELECT unit, status FROM hz_file WHERE run_id = ? AND unit IS NOT NULL AND template <> 'archive'",
                rs -> {
                    int[] c = fileCounts.computeIfAbsent(rs.getString(1), k -> new int[2]);
                    c[0]++;
                    if ("rejected".equals(rs.getString(2))) {
                        c[1]++;
                    }
                }, runId);
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> statuses = new ArrayList<>();
        int pos = 0;
        for (RegistryUnit u : registry.units()) {
            for (TemplateSpec t : campaign.templates()) {
                // late or not, of the table that counts (a workbook with both tables counts for both)
                Boolean late = lateByUnitTemplate.get(u.name() + "\u0000" + t.id());
                String status = late != null ? (late ? "late" : "submitted")
                        : t.requiredFrom().contains(u.type()) ? t.missingStatus() : "not_required";
                statuses.add(new Object[] {runId, u.name(), t.id(), status});
            }
            int[] counts = fileCounts.getOrDefault(u.name(), new int[2]);
            rows.add(new Object[] {runId, ++pos, u.name(), u.type().code(), u.city(), counts[0], counts[1]});
        }
        jdbc.batchUpdate("INSERT INTO hz_completeness (run_id, position, unit, unit_type, city, files_sent, "
                + "files_rejected) VALUES (?,?,?,?,?,?,?)", rows);
        jdbc.batchUpdate("INSERT INTO hz_completeness_status (run_id, unit, template, status) VALUES (?,?,?,?)",
                statuses);
    }
}
