package cn.huizong.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import cn.huizong.fixtures.GeneratedCampaign;

/** A consolidation run in-process whose run lock a test takes away while the job runs. */
final class LockRun {

    /** What a lock-losing test does to the lock once the run has named its run id. */
    interface TakeAway {
        void apply(Connection c) throws SQLException;
    }

    private LockRun() {
    }

    /** An inbox big enough that the job is still reading when its lease is found lost (heartbeat 0.2 s). */
    static Path inbox(Path work) throws Exception {
        Path inbox = work.resolve("inbox");
        GeneratedCampaign.write(inbox, 80, 30);
        return inbox;
    }

    static String[] consolidate(Path work, Path inbox, String db) {
        return new String[] {"consolidate", "--input", inbox.toString(), "--output", work.resolve("out").toString(),
                "--data", work.resolve("data").toString(), "--db", db};
    }

    /**
     * Runs consolidate with a 0.2 s heartbeat; once the lock row names the run (the job is starting), takes the
     * lock away through a connection of the test's own, and returns what the run printed.
     */
    static Cli losingTheLock(Map<String, Object> properties, String[] args, String url, String user, TakeAway takeAway)
            throws Exception {
        Map<String, Object> props = new java.util.HashMap<>(properties);
        props.put("huizong.lock.heartbeat", "PT0.2S");
        props.put("huizong.lock.stale-after", "PT2S");
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run(props, args));
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            await(() -> run.isDone() || named(c), 120_000);
            if (run.isDone()) {
                throw new AssertionError("the run ended before its lock could be taken away: " + run.get());
            }
            takeAway.apply(c);
        }
        return run.get(180, TimeUnit.SECONDS);
    }

    private static boolean named(Connection c) {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM hz_lock WHERE run_id IS NOT NULL")) {
            return rs.next() && rs.getInt(1) > 0;
        } catch (SQLException notYet) {
            return false; // the application has not created its tables yet
        }
    }

    /** The job executions' statuses, oldest first. */
    static List<String> executions(String url, String user) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT status FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Waits until the condition holds; false on timeout. */
    static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
