package cn.huizong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The run lock on PostgreSQL (embedded PostgreSQL 14): a session advisory lock decides who holds it, so a live
 * holder keeps it whatever its heartbeat, and the server frees it the moment the holder's session ends.
 */
class PostgresRunLockTest {

    static final Duration BEAT = Duration.ofMillis(100);

    @TempDir
    static Path work;

    static EmbeddedPostgres postgres;
    static DataSource ds;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        ds = postgres.getPostgresDatabase();
        ResourceDatabasePopulator schema = new ResourceDatabasePopulator(new ClassPathResource("schema-huizong.sql"));
        schema.execute(ds);
        schema.execute(ds); // idempotent, the added column included
        jdbc = new JdbcTemplate(ds);
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void clean() {
        jdbc.update("DELETE FROM hz_lock");
        assertThat(advisoryHolders()).as("every lease of the previous test released its advisory lock").isZero();
    }

    static RunLock lock() {
        return new RunLock(jdbc, BEAT, Duration.ofSeconds(60));
    }

    static int advisoryHolders() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1", Integer.class,
                RunLock.PG_KEY >>> 32, RunLock.PG_KEY & 0xFFFFFFFFL);
    }

    /** Ends the session holding the advisory lock, as the server does when its process dies. */
    static void terminateHolderSession(JdbcTemplate in) {
        assertThat(in.queryForObject("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1", Integer.class,
                RunLock.PG_KEY >>> 32, RunLock.PG_KEY & 0xFFFFFFFFL)).isOne();
    }

    static boolean tryAdvisoryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, RunLock.PG_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** A lock row as another process wrote it, fresh on the database clock. */
    static void holderRow(Connection c, String host, long pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hz_lock (name, owner, run_id, trigger_source, host, "
                + "pid, process_started_at, started_at, heartbeat_at) VALUES ('consolidation', 'other-owner', "
                + "'20251210-020000-000', 'schedule', ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            ps.setString(1, host);
            ps.setLong(2, pid);
            ps.setObject(3, ProcessHandle.current().info().startInstant().orElseThrow().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    static String owner() {
        return jdbc.queryForObject("SELECT owner FROM hz_lock", String.class);
    }

    @Test
    void aSecondProcessIsRefusedWhileTheFirstHoldsTheAdvisoryLockAndIsToldWho() throws Exception {
        try (RunLock.Lease first = lock().acquire("cli", () -> { })) {
            first.runId("20251210-020000-000");

            assertThatThrownBy(() -> lock().acquire("schedule", () -> { })).isInstanceOfSatisfying(RunLock.Busy.class,
                    busy -> {
                        assertThat(busy.holder().runId()).isEqualTo("20251210-020000-000");
                        assertThat(busy.holder().trigger()).isEqualTo("cli");
                        assertThat(busy.holder().host()).isEqualTo(RunLock.host());
                        assertThat(busy.holder().pid()).isEqualTo(RunLock.pid());
                    });
            try (Connection other = ds.getConnection()) {
                assertThat(tryAdvisoryLock(other)).isFalse();
            }
            assertThat(lock().runningRunId()).contains("20251210-020000-000");
        }
        assertThat(advisoryHolders()).isZero();
        assertThat(lock().runningRunId()).isEmpty();
    }

    @Test
    void aLiveHolderKeepsTheLockHoweverOldItsHeartbeatAndWhateverHostItNames() throws Exception {
        try (RunLock.Lease first = new RunLock(jdbc, Duration.ofSeconds(20), Duration.ofMinutes(2)).acquire("cli", () -> { })) {
            jdbc.update("UPDATE hz_lock SET host = 'elsewhere.example', heartbeat_at = CURRENT_TIMESTAMP - INTERVAL '86400' SECOND");

            assertThatThrownBy(() -> lock().acquire("schedule", () -> { })).isInstanceOf(RunLock.Busy.class);
            assertThat(first.lost()).isFalse();
        }
    }

    @Test
    void theLockIsFreedWhenTheHoldingSessionEndsAndItsRowIsThenReplaced() throws Exception {
        Connection dying = ds.getConnection();
        try {
            assertThat(tryAdvisoryLock(dying)).isTrue();
            holderRow(dying, "elsewhere.example", 4242);
            assertThatThrownBy(() -> lock().acquire("schedule", () -> { })).isInstanceOfSatisfying(RunLock.Busy.class,
                    busy -> assertThat(busy.holder().host()).isEqualTo("elsewhere.example"));
        } finally {
            dying.close(); // the process dies: the server ends its session and its advisory locks
        }

        // however fresh its heartbeat, a row without its advisory lock belongs to a dead process
        try (RunLock.Lease lease = lock().acquire("schedule", () -> { })) {
            assertThat(owner()).isNotEqualTo("other-owner");
            assertThat(jdbc.queryForObject("SELECT host FROM hz_lock", String.class)).isEqualTo(RunLock.host());
        }
    }

    @Test
    void aRowWithoutAnAdvisoryLockIsTakenOverEvenIfItNamesALiveProcessHere() throws Exception {
        try (Connection c = ds.getConnection()) {
            holderRow(c, RunLock.host(), RunLock.pid());
        }
        assertThat(lock().runningRunId()).isEmpty();
        try (RunLock.Lease lease = lock().acquire("cli", () -> { })) {
            assertThat(owner()).isNotEqualTo("other-owner");
        }
    }

    @Test
    void aHolderWhoseSessionWasEndedNoticesAtItsNextHeartbeatAndAnotherMayTakeOver() throws Exception {
        CountDownLatch stopAsked = new CountDownLatch(1);
        RunLock.Lease first = lock().acquire("cli", stopAsked::countDown);
        try {
            terminateHolderSession(jdbc);

            assertThat(stopAsked.await(10, TimeUnit.SECONDS)).as("the run is asked to stop").isTrue();
            assertThat(first.lost()).isTrue();
            try (RunLock.Lease second = lock().acquire("schedule", () -> { })) {
                String taker = owner();
                first.close(); // the loser's release leaves the new holder alone
                assertThat(owner()).isEqualTo(taker);
                assertThatThrownBy(() -> lock().acquire("web", () -> { })).isInstanceOf(RunLock.Busy.class);
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aHolderWhoseRowWasDeletedNoticesAtItsNextHeartbeat() throws Exception {
        CountDownLatch stopAsked = new CountDownLatch(1);
        try (RunLock.Lease lease = lock().acquire("cli", stopAsked::countDown)) {
            jdbc.update("DELETE FROM hz_lock");
            assertThat(stopAsked.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(lease.lost()).isTrue();
        }
        assertThat(advisoryHolders()).isZero();
    }

    @Test
    void aRunWhoseLockSessionDiedEndsStoppedSaysSoAndTheNextRunResumesIt() throws Exception {
        jdbc.execute("CREATE DATABASE lostlock");
        String url = postgres.getJdbcUrl("postgres", "lostlock");
        Map<String, Object> credentials = Map.of("spring.datasource.username", "postgres", "spring.datasource.password", "");
        String[] args = LockRun.consolidate(work, LockRun.inbox(work), url);

        Cli lost = LockRun.losingTheLock(credentials, args, url, "postgres", c -> terminateHolderSession(
                new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true))));

        assertThat(lost.code()).as(lost.err()).isEqualTo(ConsolidationRunner.EXIT_FAILURE);
        assertThat(lost.err().strip()).doesNotContain("\n").contains("失去了运行锁", "已自行停止", "再次运行 consolidate 会从中断处继续");
        assertThat(LockRun.executions(url, "postgres")).containsExactly("STOPPED");

        Cli again = Cli.run(credentials, args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("汇总完成");
        assertThat(LockRun.executions(url, "postgres")).containsExactly("STOPPED", "COMPLETED");
    }

    @Test
    void aConsolidateRefusedOnPostgresNamesTheRunHoldingTheLock() throws Exception {
        jdbc.execute("CREATE DATABASE busylock");
        String url = postgres.getJdbcUrl("postgres", "busylock");
        Map<String, Object> credentials = Map.of("spring.datasource.username", "postgres", "spring.datasource.password", "");
        DataSource busy = postgres.getDatabase("postgres", "busylock");
        new ResourceDatabasePopulator(new ClassPathResource("schema-huizong.sql")).execute(busy);
        try (RunLock.Lease held = new RunLock(new JdbcTemplate(busy), BEAT, Duration.ofSeconds(60)).acquire("web", () -> { })) {
            held.runId("20251210-020000-000");
            Path inbox = java.nio.file.Files.createDirectories(work.resolve("busy-inbox"));
            Cli refused = Cli.run(credentials, LockRun.consolidate(work.resolve("busy"), inbox, url));
            assertThat(refused.code()).isEqualTo(ConsolidationRunner.EXIT_BUSY);
            assertThat(refused.err()).contains("另一个汇总运行正在进行", "20251210-020000-000", "网页", RunLock.host());
        }
    }
}
