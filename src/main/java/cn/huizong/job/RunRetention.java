package cn.huizong.job;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.reporting.RunPublisher;

/**
 * Keeps the database and the output folder from growing night after night: the row-level details (master
 * table, issues, manifest) and the run folder are kept for the newest completed runs of the same campaign and
 * output folder only (never the one latest points to); older runs stay in the history as PRUNED. Staged file
 * contents no run refers to any more go too. The evidence store is never pruned: it is what the province
 * received. Runs that did not complete keep everything (they may be resumed).
 */
final class RunRetention {

    private static final Logger log = LoggerFactory.getLogger(RunRetention.class);
    private static final List<String> RUN_TABLES = List.of("hz_record", "hz_issue", "hz_quota", "hz_completeness",
            "hz_completeness_status", "hz_document_link", "hz_unit", "hz_file");
    private static final List<String> CONTENT_TABLES = List.of("hz_row", "hz_content_issue", "hz_document_picture",
            "hz_document", "hz_content");

    private final JdbcTemplate jdbc;
    private final int keepRuns;

    /** @param keepRuns completed runs whose details are kept, the current one included; 0 keeps everything */
    RunRetention(JdbcTemplate jdbc, int keepRuns) {
        this.jdbc = jdbc;
        this.keepRuns = keepRuns;
    }

    /** Returns the number of runs pruned now. */
    int prune(String currentRunId, Path outputDir) throws IOException {
        if (keepRuns <= 0) {
            return 0;
        }
        // Scoped to this campaign and output folder: another folder's or campaign's result is not this one's
        // history. Newest by when they finished (a resumed run finishes after runs that started later).
        // Sorted here: run ids are text, which a database would sort by its collation.
        List<Object[]> finished = new ArrayList<>(jdbc.query("SELECT o.run_id, o.finished_at FROM hz_run o "
                + "JOIN hz_run c ON c.run_id = ? AND o.campaign_id = c.campaign_id AND o.output_dir = c.output_dir "
                + "WHERE o.status = 'COMPLETED' AND o.run_id <> c.run_id",
                (rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2)}, currentRunId));
        Comparator<Timestamp> newestFirst = Comparator.nullsLast(Comparator.reverseOrder());
        finished.sort(Comparator.comparing((Object[] r) -> (Timestamp) r[1], newestFirst)
                .thenComparing(r -> (String) r[0], Comparator.reverseOrder()));
        List<String> completed = finished.stream().map(r -> (String) r[0]).toList();
        List<String> old = completed.stream().skip(keepRuns - 1L)
                .filter(id -> !RunPublisher.isLatest(outputDir, id)).toList();
        for (String id : old) {
            // the folder first: a crash in between leaves a run without its folder, which is never shown again
            RunPublisher.deleteTree(outputDir.resolve("runs").resolve(id));
            for (String table : RUN_TABLES) {
                jdbc.update("DELETE FROM " + table + " WHERE run_id = ?", id);
            }
            jdbc.update("UPDATE hz_run SET status = 'PRUNED', published = FALSE WHERE run_id = ?", id);
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
