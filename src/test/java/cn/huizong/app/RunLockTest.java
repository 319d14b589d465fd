package cn.huizong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The run lock on H2 (row and heartbeat), against a real database: it is never taken from a live holder, it is
 * taken from a dead one, times are the database's, and a holder that lost it stops its run.
 */
class RunLockTest {

    static final String URL = "jdbc:h2:mem:runlock;DB_CLOSE_DELAY=-1";
    static final Duration BEAT = Duration.ofMillis(100);
    static final Duration STALE = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    static JdbcTemplate jdbc;

    final List<Process> children = new java.util.ArrayList<>();
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    static void schema() {
        DataSource ds = new DriverManagerDataSource(URL, "sa", "");
        ResourceDatabasePopulator schema = new ResourceDatabasePopulator(new ClassPathResource("schema-huizong.sql"));
        schema.execute(ds);
        schema.execute(ds); // idempotent, the added column included
        jdbc = new JdbcTemplate(ds);
    }

    @BeforeEach
    void clean() {
        jdbc.update("DELETE FROM hz_lock");
        logged.start();
        ((Logger) LoggerFactory.getLogger(RunLock.class)).addAppender(logged);
    }

    @AfterEach
    void stopChildren() {
        ((Logger) LoggerFactory.getLogger(RunLock.class)).detachAppender(logged);
        children.forEach(Process::destroyForcibly);
    }

    static RunLock lock() {
        return new RunLock(jdbc, BEAT, STALE);
    }

    /** A row as another process left it; heartbeat and start in seconds before the database's now. */
    static void holder(String host, long pid, Instant processStartedAt, long heartbeatSecondsAgo) {
        jdbc.update("INSERT INTO hz_lock (name, owner, run_id, trigger_source, host, pid, process_started_at, started_at, "
                + "heartbeat_at) VALUES ('consolidation', 'other-owner', '20251210-020000-000', 'schedule', ?, ?, ?, "
                + "CURRENT_TIMESTAMP - INTERVAL '" + (heartbeatSecondsAgo + 60) + "' SECOND, "
                + "CURRENT_TIMESTAMP - INTERVAL '" + heartbeatSecondsAgo + "' SECOND)", host, pid,
                processStartedAt == null ? null : processStartedAt.atOffset(ZoneOffset.UTC));
    }

    static String owner() {
        return jdbc.queryForObject("SELECT owner FROM hz_lock", String.class);
    }

    Process sleeping() throws Exception {
        Process p = new ProcessBuilder("sleep", "600").start();
        children.add(p);
        return p;
    }

    static Instant started(Process p) {
        return p.info().startInstant().orElseThrow();
    }

    @Test
    void aDeadProcessOnThisHostIsTakenOverAtOnceHoweverFreshItsHeartbeat() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        holder(RunLock.host(), gone.pid(), null, 0);

        try (RunLock.Lease lease = lock().acquire("cli", () -> { })) {
            assertThat(owner()).isNotEqualTo("other-owner");
            assertThat(jdbc.queryForObject("SELECT pid FROM hz_lock", Long.class)).isEqualTo(RunLock.pid());
        }
        assertThat(logged.list).anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("its process is gone"));
    }

    @Test
    void aLiveProcessOnThisHostKeepsTheLockHoweverOldItsHeartbeat() throws Exception {
        Process live = sleeping();
        holder(RunLock.host(), live.pid(), started(live), Duration.ofDays(1).toSeconds());

        assertThatThrownBy(() -> lock().acquire("cli", () -> { })).isInstanceOfSatisfying(RunLock.Busy.class, busy -> {
            assertThat(busy.holder().runId()).isEqualTo("20251210-020000-000");
            assertThat(busy.holder().trigger()).isEqualTo("schedule");
            assertThat(busy.holder().host()).isEqualTo(RunLock.host());
            assertThat(busy.holder().pid()).isEqualTo(live.pid());
        });
        assertThat(lock().runningRunId()).contains("20251210-020000-000");
        assertThat(owner()).isEqualTo("other-owner");
    }

    @Test
    void aPidReusedByAnotherProcessDoesNotKeepTheLock() throws Exception {
        Process live = sleeping();
        // the holder that wrote this row started an hour before the process now bearing its pid
        holder(RunLock.host(), live.pid(), started(live).minus(Duration.ofHours(1)), 0);

        assertThat(lock().runningRunId()).isEmpty();
        try (RunLock.Lease lease = lock().acquire("cli", () -> { })) {
            assertThat(owner()).isNotEqualTo("other-owner");
        }
    }

    @Test
    void aRowLeftBehindByThisVeryProcessDoesNotLockItOut() throws Exception {
        // a release that failed (database down at the end of a serve run) must not block the next night
        holder(RunLock.host(), RunLock.pid(), ProcessHandle.current().info().startInstant().orElse(null), 0);

        try (RunLock.Lease lease = lock().acquire("schedule", () -> { })) {
            assertThat(owner()).isNotEqualTo("other-owner");
        }
    }

    @Test
    void aHolderOnAnotherHostIsStaleOnlyOnceItsHeartbeatIsOlderThanTheThresholdOnTheDatabaseClock() throws Exception {
        holder("elsewhere.example", 4242, null, STALE.toSeconds() - 10);
        assertThatThrownBy(() -> lock().acquire("cli", () -> { })).isInstanceOf(RunLock.Busy.class);
        assertThat(lock().runningRunId()).contains("20251210-020000-000");

        jdbc.update("UPDATE hz_lock SET heartbeat_at = CURRENT_TIMESTAMP - INTERVAL '" + (STALE.toSeconds() + 10)
                + "' SECOND");
        assertThat(lock().runningRunId()).isEmpty();
        try (RunLock.Lease lease = lock().acquire("cli", () -> { })) {
            assertThat(owner()).isNotEqualTo("other-owner");
        }
        assertThat(logged.list).anyMatch(e -> e.getFormattedMessage().contains("(database clock)"));
    }

    @Test
    void aHolderWhoseClockIsSkewedKeepsTheLockBecauseItsHeartbeatIsStampedByTheDatabase() throws Exception {
        try (RunLock.Lease held = lock().acquire("cli", () -> { })) {
            // as if the holder ran on another host whose clock is ten minutes slow and had stamped its own time
            jdbc.update("UPDATE hz_lock SET host = 'elsewhere.example', heartbeat_at = ?",
                    Timestamp.from(Instant.now().minus(Duration.ofMinutes(10))));
            assertThat(LockRun.await(() -> age().compareTo(Duration.ofSeconds(5)) < 0, 5_000))
                    .as("the next heartbeat restamps the row on the database's clock").isTrue();

            assertThatThrownBy(() -> lock().acquire("schedule", () -> { })).isInstanceOf(RunLock.Busy.class);
            assertThat(held.lost()).isFalse();
        }
    }

    Duration age() {
        OffsetDateTime[] t = jdbc.queryForObject("SELECT heartbeat_at, CURRENT_TIMESTAMP FROM hz_lock",
                (rs, i) -> new OffsetDateTime[] {rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)});
        return Duration.between(t[0], t[1]).abs();
    }

    @Test
    void aHolderWhoseRowWasDeletedNoticesAtItsNextHeartbeatAndSaysSoLoudly() throws Exception {
        CountDownLatch stopAsked = new CountDownLatch(1);
        try (RunLock.Lease lease = lock().acquire("cli", stopAsked::countDown)) {
            lease.runId("20251210-020000-000");
            jdbc.update("DELETE FROM hz_lock");

            assertThat(stopAsked.await(5, TimeUnit.SECONDS)).as("the run is asked to stop").isTrue();
            assertThat(lease.lost()).isTrue();
        }
        assertThat(logged.list).anyMatch(e -> e.getLevel() == Level.ERROR
                && e.getFormattedMessage().startsWith("Lost the run lock for run 20251210-020000-000"));
    }

    @Test
    void aHolderWhoseRowWasTakenOverStopsAndLeavesTheNewHoldersRowAlone() throws Exception {
        CountDownLatch stopAsked = new CountDownLatch(1);
        try (RunLock.Lease lease = lock().acquire("cli", stopAsked::countDown)) {
            jdbc.update("UPDATE hz_lock SET owner = 'taker', host = 'elsewhere.example', pid = 77");

            assertThat(stopAsked.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(lease.lost()).isTrue();
        }
        assertThat(owner()).isEqualTo("taker");
    }

    @Test
    void aHolderWhoseHeartbeatKeepsFailingStopsItselfOnceItCouldLookStale() throws Exception {
        CountDownLatch stopAsked = new CountDownLatch(1);
        Duration stale = Duration.ofSeconds(1);
        try (RunLock.Lease lease = new RunLock(jdbc, BEAT, stale).acquire("cli", stopAsked::countDown)) {
            long failingSince = System.nanoTime();
            jdbc.execute("ALTER TABLE hz_lock RENAME TO hz_lock_away");
            try {
                Thread.sleep(400);
                assertThat(lease.lost()).as("a passing failure is retried").isFalse();
                assertThat(stopAsked.await(5, TimeUnit.SECONDS)).isTrue();
                // the lease counts from its last good heartbeat, which may be up to one beat before the failure
                // began (measured here from the rename: 0.999999 s once under load)
                assertThat(Duration.ofNanos(System.nanoTime() - failingSince)).isGreaterThanOrEqualTo(stale.minus(BEAT));
                assertThat(lease.lost()).isTrue();
            } finally {
                jdbc.execute("ALTER TABLE hz_lock_away RENAME TO hz_lock");
            }
        }
        assertThat(logged.list).anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().startsWith("run lock heartbeat failed"));
        assertThat(logged.list).anyMatch(e -> e.getLevel() == Level.ERROR
                && e.getFormattedMessage().contains("longer than the stale threshold"));
    }

    @Test
    void aReleasedLockIsFreeForTheNextRunAndAHeldOneIsNot() throws Exception {
        RunLock.Lease first = lock().acquire("cli", () -> { });
        assertThatThrownBy(() -> lock().acquire("web", () -> { })).isInstanceOf(RunLock.Busy.class);
        first.close();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_lock", Integer.class)).isZero();
        try (RunLock.Lease second = lock().acquire("web", () -> { })) {
            assertThat(jdbc.queryForObject("SELECT trigger_source FROM hz_lock", String.class)).isEqualTo("web");
        }
        assertThat(first.lost()).isFalse();
    }

    @Test
    void aStaleThresholdShorterThanTwoHeartbeatsIsRefused() {
        assertThatThrownBy(() -> new RunLock(jdbc, Duration.ofSeconds(20), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("huizong.lock.stale-after");
    }

    @Test
    void aRunThatLostItsLockEndsStoppedSaysSoAndTheNextRunResumesIt() throws Exception {
        Path inbox = LockRun.inbox(work);
        String db = "jdbc:h2:mem:lostlock;DB_CLOSE_DELAY=-1";
        String[] args = LockRun.consolidate(work, inbox, db);
        // a process on another host takes the lock over while the job starts
        Cli lost = LockRun.losingTheLock(Map.of(), args, db, "sa",
                c -> c.createStatement().executeUpdate(
                        "UPDATE hz_lock SET owner = 'taker', host = 'elsewhere.example', pid = 77"));

        assertThat(lost.code()).as(lost.err()).isEqualTo(ConsolidationRunner.EXIT_FAILURE);
        assertThat(lost.err().strip()).doesNotContain("\n").contains("失去了运行锁", "已自行停止", "再次运行 consolidate 会从中断处继续");
        assertThat(LockRun.executions(db, "sa")).containsExactly("STOPPED");

        // the other process finished and released the lock
        new JdbcTemplate(new DriverManagerDataSource(db, "sa", "")).update("DELETE FROM hz_lock");
        Cli again = Cli.run(args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("汇总完成");
        assertThat(LockRun.executions(db, "sa")).containsExactly("STOPPED", "COMPLETED");
    }
}
