package cn.huizong.resolution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** Each file's rows by final status (rows_read, rows_accepted …), from one GROUP BY over the master table. */
final class FileCounts implements RunRule {

    private static final List<String> STATUSES = List.of("accepted", "rejected", "duplicate", "over_quota", "superseded");

    private final JdbcTemplate jdbc;

    FileCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(String runId, IssueLog issues) {
        Map<Integer, int[]> counts = new LinkedHashMap<>(); // file_no -> {read, then one per status}
        jdbc.query("SELECT file_no FROM hz_file WHERE run_id = ? ORDER BY file_no",
                rs -> {
                    counts.put(rs.getInt(1), new int[1 + STATUSES.size()]);
                }, runId);
        jdbc.query("SELECT file_no, status, COUNT(*) FROM hz_record WHERE run_id = ? GROUP BY file_no, status", rs -> {
            int[] c = counts.get(rs.getInt(1));
            int n = rs.getInt(3);
            c[0] += n;
            int i = STATUSES.indexOf(rs.getString(2));
            if (i >= 0) {
                c[1 + i] += n;
            }
        }, runId);
        List<Object[]> updates = new ArrayList<>();
        counts.forEach((no, c) -> updates.add(new Object[] {c[0], c[1], c[2], c[3], c[4], c[5], runId, no}));
        jdbc.batchUpdate("UPDATE hz_file SET rows_read = ?, rows_accepted = ?, rows_rejected = ?, rows_duplicate = ?, "
                + "rows_over_quota = ?, rows_superseded = ? WHERE run_id = ? AND file_no = ?", updates);
    }
}
