package cn.huizong.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs how a long run is going at most every 10 seconds: files done of total, rows, rate, time left. */
final class Progress {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final long EVERY_NANOS = 10_000_000_000L;

    private final int total;
    private final long started = System.nanoTime();
    private long lastLog = started;
    private int done;
    private long rows;

    Progress(int total) {
        this.total = total;
    }

    synchronized void fileDone(String path, int rowsRead) {
        done++;
        rows += rowsRead;
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
