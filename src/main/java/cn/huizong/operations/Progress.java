package cn.huizong.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * How the reading step is going, as data and as a log line. The counts go into the step's execution context,
 * which Spring Batch saves with every file's commit, so any process reading the job repository (the console of
 * another server, {@code runs}) sees them; the log line comes at most every 10 seconds.
 */
final class Progress {

    static final String TOTAL = "huizong.progress.total";
    static final String DONE = "huizong.progress.done";
    static final String ROWS = "huizong.progress.rows";
    static final String LAST_FILE = "huizong.progress.file";

    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final long EVERY_NANOS = 10_000_000_000L;

    private final int total;
    private final ExecutionContext context;
    private final long started = System.nanoTime();
    private long lastLog = started;
    private int done;
    private long rows;

    /** @param pending the files still to read: on a restart, those its last commit had not done */
    Progress(int pending, StepExecution step) {
        this.context = step == null ? new ExecutionContext() : step.getExecutionContext();
        // a restarted step carries on from what its last commit saved
        this.done = context.getInt(DONE, 0);
        this.rows = context.getLong(ROWS, 0L);
        this.total = pending + done;
        context.putInt(TOTAL, total);
    }

    synchronized void fileDone(String path, int rowsRead) {
        done++;
        rows += rowsRead;
        context.putInt(DONE, done);
        context.putLong(ROWS, rows);
        context.putString(LAST_FILE, path);
        long now = System.nanoTime();
        if (now - lastLog >= EVERY_NANOS || done == total) {
            lastLog = now;
            double seconds = Math.max((now - started) / 1e9, 0.001);
            double rate = done / seconds;
            long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : -1;
            log.info("read {}/{} files, {} rows, {} rows/s, ETA {}s (last: {})", done, total, rows,
                    Math.round(rows / seconds), etaSeconds, path);
        }
    }
}
