package cn.huizong.resolution;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.UnitType;
import cn.huizong.validation.IssueCode;

/**
 * Quotas, for the templates they apply to (附件5): a unit's valid cases in 序号 order (row order where blank),
 * the first N accepted, the rest over quota; then each unit's counts into hz_quota.
 */
final class Quotas implements RunRule {

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    Quotas(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    @Override
    public void apply(String runId, IssueLog issues) {
        for (TemplateSpec t : campaign.templates()) {
            if (t.quotaApplies()) {
                rank(runId, t, issues);
                count(runId, t);
            }
        }
        for (UnitType type : UnitType.values()) {
            campaign.quota(type).ifPresent(q -> jdbc.update(
                    "UPDATE hz_quota SET quota = ? WHERE run_id = ? AND unit_type = ?", q, runId, type.code()));
        }
    }

    private void rank(String runId, TemplateSpec t, IssueLog issues) {
        List<Object[]> ranked = jdbc.query("SELECT rec.file_no, rec.row_no, rec.unit, u.unit_type, r.sheet, "
                + "r.excel_row FROM hz_record rec JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                + "JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status = 'accepted' "
                + "ORDER BY u.position, CASE WHEN r.seq IS NULL THEN 1 ELSE 0 END, r.seq, rec.file_no, rec.row_no",
                (rs, i) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)},
                runId, t.id());
        List<Object[]> updates = new ArrayList<>();
        String unit = null;
        int rank = 0;
        for (Object[] r : ranked) {
            if (!r[2].equals(unit)) {
                unit = (String) r[2];
                rank = 0;
            }
            rank++;
            UnitType type = UnitType.fromCode((String) r[3]).orElseThrow();
            Integer quota = campaign.quota(type).orElse(null);
            boolean over = quota != null && rank > quota;
            updates.add(new Object[] {rank, over ? "over_quota" : "accepted", runId, r[0], r[1]});
            if (over) {
                issues.add((Integer) r[0], unit, (String) r[4], (Integer) r[5], null, IssueCode.OVER_QUOTA,
                        IssueCode.OVER_QUOTA.message(campaign.typeLabel(type), quota, rank), (Integer) r[1]);
            }
        }
        jdbc.batchUpdate("UPDATE hz_record SET quota_rank = ?, status = ? WHERE run_id = ? AND file_no = ? AND row_no = ?",
                updates);
    }

    private void count(String runId, TemplateSpec t) {
        jdbc.update("INSERT INTO hz_quota (run_id, unit, unit_type, quota, valid_cases, accepted, over_quota) "
                + "SELECT rec.run_id, rec.unit, u.unit_type, NULL, COUNT(*), "
                + "SUM(CASE WHEN rec.status = 'accepted' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN rec.status = 'over_quota' THEN 1 ELSE 0 END) FROM hz_record rec "
                + "JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status IN ('accepted', 'over_quota') "
                + "GROUP BY rec.run_id, rec.unit, u.unit_type", runId, t.id());
    }
}
