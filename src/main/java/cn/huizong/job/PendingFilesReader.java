package cn.huizong.job;

import java.util.Iterator;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The files of a run still to read: one per distinct content, in path order. Re-querying on every step start
 * is what makes a restart resume where the interrupted run stopped: what was committed is not pending.
 */
class PendingFilesReader implements ItemReader<PendingFile> {

    private final JdbcTemplate jdbc;
    private final String runId;
    private Iterator<PendingFile> pending;

    PendingFilesReader(JdbcTemplate jdbc, String runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    @Override
    public PendingFile read() {
        if (pending == null) {
            List<PendingFile> list = jdbc.query("SELECT f.content_key, f.path, f.kind, f.sha256, "
                    + "a.sha256, f.member_name FROM hz_file f "
                    + "LEFT JOIN hz_file a ON a.run_id = f.run_id AND a.file_no = f.archive_no "
                    + "WHERE f.run_id = ? AND f.file_no IN (SELECT MIN(g.file_no) FROM hz_file g WHERE g.run_id = f.run_id "
                    + "AND g.content_key IS NOT NULL GROUP BY g.content_key) "
                    + "AND NOT EXISTS (SELECT 1 FROM hz_content c WHERE c.content_key = f.content_key) "
                    // rejected in this run because the database refused its data (FileContentWriter)
                    + "AND f.reject_code IS NULL "
                    + "ORDER BY f.file_no",
                    (rs, i) -> new PendingFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)),
                    runId);
            pending = list.iterator();
        }
        return pending.hasNext() ? pending.next() : null;
    }
}
