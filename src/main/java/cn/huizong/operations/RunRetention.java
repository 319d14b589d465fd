package cn.huizong.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.reporting.RunPublisher;

/**
 * Keeps the database and the output folder from growing night after night: the row-level details (master
 * table, issues, manifest) and the run folder are kept for the newest completed runs only; older runs stay in
 * the history as PRUNED. Staged file contents no run refers to any more go too. The evidence store is never
 * pruned: it is what the province received. Runs that did not complete keep everything (they may be resumed).
 */
final class RunRetention {

    private static final Logger log = LoggerFactory.getLogger(RunRetention.class);
    private static final List<String> RUN_TABLES = List.of("hz_record", "hz_issue", "hz_quota", "hz_completeness",
            "hz_unit", "hz_file");
    private static final List<String> CONTENT_TABLES = List.of("hz_row", "hz_content_issue", "hz_content");

    private final JdbcTemplate jdbc;
    private final int keepRuns;

    /** @param keepRuns completed runs whose details are kept, the current one included; 0 keeps everything */
    RunRetention(JdbcTemplate jdbc, int keepRuns) {
        this.jdbc = jdbc;
        this.keepRuns = keepRuns;
    }

    /** Returns the number of runs pruned now. */
    int prune(String currentRunId) throws IOException {
        if (keepRuns <= 0) {
            return 0;
        }
        record Run(String id, String outputDir) {
        }
        List<Run> completed = jdbc.query("SELECT run_id, output_dir FROM hz_run WHERE status = 'COMPLETED' "
                + "ORDER BY started_at DESC, run_id DESC", (rs, i) -> new Run(rs.getString(1), rs.getString(2)));
        List<Run> old = completed.stream().filter(r -> !r.id().equals(currentRunId)).skip(keepRuns - 1L).toList();
        for (Run run : old) {
            // the folder first: a crash in between leaves a run without its folder, which is never shown again
            if (run.outputDir() != null) {
                RunPublisher.deleteTree(Path.of(run.outputDir()).resolve("runs").resolve(run.id()));
            }
            for (String table : RUN_TABLES) {
                jdbc.update("DELETE FROM " + table + " WHERE run_id = ?", run.id());
            }
            jdbc.update("UPDATE hz_run SET status = 'PRUNED', published = FALSE WHERE run_id = ?", run.id());
        }
        List<String> orphans = jdbc.queryForList("SELECT content_key FROM hz_content c WHERE NOT EXISTS "
                + "(SELECT 1 FROM hz_file f WHERE f.content_key = c.content_key)", String.class);
        for (String key : orphans) {
            for (String table : CONTENT_TABLES) {
                jdbc.update("DELETE FROM " + table + " WHERE content_key = ?", key);
            }
        }
        if (!old.isEmpty() || !orphans.isEmpty()) {
            log.info("retention: details of {} older run(s) and {} unused file content(s) removed (keeping {} runs)",
                    old.size(), orphans.size(), keepRuns);
        }
        return old.size();
    }
}
