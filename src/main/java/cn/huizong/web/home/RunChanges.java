package cn.huizong.web.home;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.reporting.ResultQueries;

/**
 * What the current result changed against the result before it: files whose bytes the earlier run did not have,
 * units owing nothing now that owed something then, and error issues the earlier run did not report. Files are
 * compared by content (sha256 and archive member), so a renamed or moved copy is not new.
 */
public final class RunChanges {

    /** A file new in the current run. */
    public record NewFile(String path, String unit, String statusLabel) {
    }

    /** An error issue the earlier run did not report, with the file it is in. */
    public record NewError(String unit, String path, String place, String code, String message) {
    }

    /**
     * @param previous     the earlier run compared with
     * @param pruned       whether that run's details were cleared (nothing to compare then)
     */
    public record Changes(String previous, boolean pruned, List<NewFile> files, List<String> completed,
            List<NewError> errors) {

        public boolean none() {
            return files.isEmpty() && completed.isEmpty() && errors.isEmpty();
        }
    }

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    RunChanges(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    /** Empty when the current result is the first one. */
    Optional<Changes> since(String current) {
        Optional<String[]> previous = previous(current);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        String before = previous.get()[0];
        if ("PRUNED".equals(previous.get()[1])) {
            return Optional.of(new Changes(before, true, List.of(), List.of(), List.of()));
        }
        ResultQueries queries = new ResultQueries(jdbc, campaign);
        Set<String> had = new HashSet<>();
        for (ResultQueries.FileRow f : queries.files(before)) {
            had.add(key(f.sha256(), f.memberName(), f.path()));
        }
        List<NewFile> files = new ArrayList<>();
        for (ResultQueries.FileRow f : queries.files(current)) {
            if (!had.contains(key(f.sha256(), f.memberName(), f.path()))) {
                files.add(new NewFile(f.path() + (f.memberName() == null ? "" : " → " + f.memberName()), f.unit(),
                        f.statusLabel()));
            }
        }
        List<TemplateSpec> templates = campaign.templates();
        Map<String, Boolean> completeBefore = new HashMap<>();
        queries.roster(before, templates).forEach(u -> completeBefore.put(u.unit(), complete(u)));
        List<String> completed = queries.roster(current, templates).stream()
                .filter(u -> complete(u) && !completeBefore.getOrDefault(u.unit(), false))
                .map(ResultQueries.UnitRow::unit).toList();
        Set<String> errorsBefore = new HashSet<>(errorKeys(before).keySet());
        List<NewError> errors = new ArrayList<>();
        errorKeys(current).forEach((k, e) -> {
            if (!errorsBefore.contains(k)) {
                errors.add(e);
            }
        });
        return Optional.of(new Changes(before, false, files, completed, errors));
    }

    /** The newest run before the current one that published a result of its own: id and hz_run status. */
    private Optional<String[]> previous(String current) {
        return jdbc.query("SELECT p.run_id, p.status FROM hz_run p JOIN hz_run c ON c.run_id = ? "
                + "WHERE p.run_id <> c.run_id AND p.data_run_id = p.run_id AND p.finished_at IS NOT NULL "
                + "AND p.started_at < c.started_at ORDER BY p.started_at DESC",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, current).stream().findFirst();
    }

    /** Required of it and owing nothing: every required template sent (on time or late). */
    private static boolean complete(ResultQueries.UnitRow u) {
        boolean required = false;
        for (String s : u.statuses().values()) {
            if ("submitted".equals(s) || "late".equals(s)) {
                required = true;
            } else if (!"not_required".equals(s)) {
                return false;
            }
        }
        return required;
    }

    /** The run's error issues by file content and place, in issue order. */
    private Map<String, NewError> errorKeys(String run) {
        Map<String, NewError> out = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT f.sha256, f.member_name, f.path, COALESCE(i.unit, f.unit), i.sheet, i.excel_row, i.col, "
                + "i.code, i.message FROM hz_issue i JOIN hz_file f ON f.run_id = i.run_id AND f.file_no = i.file_no "
                + "WHERE i.run_id = ? AND i.severity = 'error' ORDER BY i.file_no, i.issue_no", rs -> {
                    String sheet = rs.getString(5);
                    Object row = rs.getObject(6);
                    String col = rs.getString(7);
                    String code = rs.getString(8);
                    String k = key(rs.getString(1), rs.getString(2), rs.getString(3)) + "\u0000" + sheet + "\u0000"
                            + row + "\u0000" + col + "\u0000" + code;
                    String place = (sheet == null ? "" : sheet + " ") + (col == null ? "" : col) + (row == null ? "" : row);
                    out.putIfAbsent(k, new NewError(rs.getString(4), rs.getString(3), place.strip(), code,
                            rs.getString(9)));
                }, run);
        return out;
    }

    private static String key(String sha256, String member, String path) {
        return sha256 != null ? sha256 + "\u0000" + member : "path\u0000" + path + "\u0000" + member;
    }
}
