package cn.huizong.resolution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.staging.ContentStore;
import cn.huizong.validation.IssueCode;
import cn.huizong.validation.SubmittedText;

/**
 * The same case name from two units: both kept, each unit told who else sent it. Only the templates with a
 * column checked across units (附件5's 案例名称) are read.
 */
final class DuplicateCases implements RunRule {

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    DuplicateCases(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    @Override
    public void apply(String runId, IssueLog issues) {
        List<String> templates = campaign.templates().stream()
                .filter(t -> t.flagged(c -> c.crossUnitDuplicate()).isPresent()).map(TemplateSpec::id).toList();
        if (templates.isEmpty()) {
            return;
        }
        // Two passes: the shared names first (few), then the case rows carrying them. H2 runs a subquery or a
        // derived table again for every outer row, which took minutes at 200,000 rows.
        String caseRows = "FROM hz_record rec JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                + "WHERE rec.run_id = ? AND rec.template IN (" + String.join(",", Collections.nCopies(templates.size(), "?"))
                + ") AND rec.status IN ('accepted', 'over_quota') AND r.group_key IS NOT NULL";
        List<Object> args = new ArrayList<>();
        args.add(runId);
        args.addAll(templates);
        Set<String> shared = new HashSet<>(jdbc.queryForList("SELECT r.group_key " + caseRows
                + " GROUP BY r.group_key HAVING COUNT(DISTINCT rec.unit) > 1", String.class, args.toArray()));
        if (shared.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        jdbc.query("SELECT r.group_key, rec.unit, rec.file_no, rec.row_no, r.sheet, r.excel_row, r.vals, rec.template, "
                + "r.group_col " + caseRows + " ORDER BY rec.file_no, rec.row_no", rs -> {
                    if (shared.contains(rs.getString(1))) {
                        rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9)});
                    }
                }, args.toArray());
        Map<String, Set<String>> unitsByKey = new HashMap<>();
        for (Object[] r : rows) {
            unitsByKey.computeIfAbsent((String) r[0], k -> new TreeSet<>()).add((String) r[1]);
        }
        for (Object[] r : rows) {
            TemplateSpec t = campaign.template((String) r[7]).orElseThrow();
            int col = t.columns().indexOf(t.flagged(c -> c.crossUnitDuplicate()).orElseThrow());
            String name = ContentStore.decode((String) r[6], t.columns().size()).get(col);
            Set<String> others = new TreeSet<>(unitsByKey.get((String) r[0]));
            others.remove((String) r[1]);
            issues.add((Integer) r[2], (String) r[1], (String) r[4], (Integer) r[5], (String) r[8], IssueCode.DUPLICATE_CASE,
                    IssueCode.DUPLICATE_CASE.message(SubmittedText.quote(name), String.join("、", others)),
                    (Integer) r[3]);
        }
    }
}
