package cn.huizong.app;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * One consolidation at a time, across processes, hosts and entry points (command line, schedule, web).
 *
 * <p>A row in hz_lock says who holds the lock (for the message to whoever is turned away). Every time in it is
 * stamped and compared on the database's clock, never on a host's: hosts disagree, the database is one.
 * Whether a row left behind may be taken over:
 * <ul>
 * <li>PostgreSQL: the holder also holds a session advisory lock on a connection of its own for the life of the
 * lease; the server releases it when the process dies. The advisory lock alone decides: free means the row's
 * process is gone.</li>
 * <li>Elsewhere (H2): a holder on this host is stale only when its process is gone (pid dead, or reused by
 * another process); a live one keeps the lock however old its heartbeat. A holder on another host is stale
 * when its heartbeat is older than {@code huizong.lock.stale-after} on the database's clock.</li>
 * </ul>
 * The holder checks every heartbeat: when its row is gone or taken over, or the heartbeat has failed for longer
 * than the stale threshold, it has lost the lease and stops its run (see {@link Lease#lost()}).
 */
@Component
public class RunLock {

    private static final String NAME = "consolidation";
    /** "HZLOCK" in ASCII. Advisory locks are per database, as hz_lock is. */
    static final long PG_KEY = 0x485A4C4F434BL;
    private static final String HEARTBEAT = "UPDATE hz_lock SET heartbeat_at = CURRENT_TIMESTAMP WHERE name = ? AND owner = ?";
    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    /** Owners of the leases this process holds: any other row with this process's pid was left by it. */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

    /** Who holds the lock, for the message to whoever is turned away. */
    public record Holder(String runId, String trigger, Instant startedAt, String host, long pid, String startedBy) {
    }

    /** Thrown when another run holds the lock. */
    public static final class Busy extends Exception {
        private final transient Holder holder;

        Busy(Holder holder) {
            super("consolidation already running: " + holder);
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    /** The lock row with its heartbeat's age, both read in one statement on the database's clock. */
    private record Row(String owner, Holder holder, Instant processStartedAt, OffsetDateTime heartbeatAt,
            Duration age) {
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Duration heartbeat;
    private final Duration staleAfter;
    private volatile Boolean postgres;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-lock-heartbeat");
        t.setDaemon(true);
        return t;
    });

    RunLock(JdbcTemplate jdbc, @Value("${huizong.lock.heartbeat:PT20S}") Duration heartbeat,
            @Value("${huizong.lock.stale-after:PT2M}") Duration staleAfter) {
        // a live holder on another host must get at least one heartbeat in before it looks stale
        if (heartbeat.isNegative() || heartbeat.isZero() || staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("huizong.lock.stale-after (" + staleAfter
                    + ") must be at least twice huizong.lock.heartbeat (" + heartbeat + ")");
        }
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.heartbeat = heartbeat;
        this.staleAfter = staleAfter;
    }

    /** A held lock; closing it releases it. */
    public final class Lease implements AutoCloseable {
        private final String owner;
        /** PostgreSQL: the session holding the advisory lock; null elsewhere. */
        private final Connection session;
        private final Runnable onLost;
        private final ScheduledFuture<?> beat;
        private long lastBeat = System.nanoTime(); // monotonic: only this process's elapsed time is measured
        private volatile String runId;
        private volatile boolean lost;
        private boolean stopAsked;
        private boolean closed;

        private Lease(String owner, Connection session, Runnable onLost) {
            this.owner = owner;
            this.session = session;
            this.onLost = onLost;
            HELD_HERE.add(owner);
            synchronized (this) { // the first beat waits until beat is set
                this.beat = beats.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }

        /** Names the run the lock stands for, once its id is known. */
        public void runId(String runId) {
            this.runId = runId;
            jdbc.update("UPDATE hz_lock SET run_id = ? WHERE name = ? AND owner = ?", runId, NAME, owner);
        }

        /**
         * True once another process may hold the lock: this lease's row was deleted or taken over, its advisory
         * lock's session ended, or its heartbeat failed for longer than the stale threshold. The run under it
         * has then been asked to stop.
         */
        public boolean lost() {
            return lost;
        }

        /** Synchronized with close: a beat seeing the row just released must not stop a run that is over. */
        private synchronized void beat() {
            if (closed || lost) {
                return;
            }
            try {
                int updated;
                if (session == null) {
                    updated = jdbc.update(HEARTBEAT, NAME, owner);
                } else {
                    try (PreparedStatement ps = session.prepareStatement(HEARTBEAT)) {
                        ps.setQueryTimeout((int) Math.max(1, heartbeat.toSeconds()));
                        ps.setString(1, NAME);
                        ps.setString(2, owner);
                        updated = ps.executeUpdate();
                    }
                }
                if (updated == 1) {
                    lastBeat = System.nanoTime();
                    stopIfAsked();
                } else {
                    lose("its hz_lock row was deleted or taken over by another process");
                }
            } catch (SQLException | RuntimeException e) {
                if (session != null && !valid(session)) {
                    // the server ends a dead session's advisory locks: another process may take it right away
                    lose("its database session holding the advisory lock ended (" + e + ")");
                    return;
                }
                Duration failing = Duration.ofNanos(System.nanoTime() - lastBeat);
                if (failing.compareTo(staleAfter) > 0) {
                    lose("its heartbeat has failed for " + failing.toSeconds() + " s, longer than the stale threshold ("
                            + e + ")");
                } else {
                    log.warn("run lock heartbeat failed, retrying: {}", e.toString());
                }
            }
        }

        /** A stop asked for by another process (the console of another server, {@link #requestStop}). */
        private void stopIfAsked() {
            if (stopAsked) {
                return;
            }
            List<Object> asked = jdbc.queryForList("SELECT stop_requested_at FROM hz_lock WHERE name = ? AND owner = ?",
                    Object.class, NAME, owner);
            if (!asked.isEmpty() && asked.get(0) != null) {
                stopAsked = true;
                log.info("a stop of run {} was requested through the database: stopping at the next file", named(runId));
                onLost.run();
            }
        }

        private void lose(String why) {
            lost = true;
            beat.cancel(false);
            HELD_HERE.remove(owner);
            log.error("Lost the run lock for run {}: {}. Another process may now hold it; stopping this run at the "
                    + "next file.", named(runId), why);
            onLost.run();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            beat.cancel(false);
            HELD_HERE.remove(owner);
            try {
                // only our own row: after a loss the row may be another holder's
                jdbc.update("DELETE FROM hz_lock WHERE name = ? AND owner = ?", NAME, owner);
            } catch (RuntimeException e) {
                log.warn("could not delete the run lock row: {}", e.toString());
            }
            if (session != null) {
                releaseSession(session);
            }
        }
    }

    /**
     * Takes the lock for a run started by the trigger, or says who holds it. {@code onLost} is called (from the
     * heartbeat thread) when the lease is lost; it should stop the run.
     */
    public Lease acquire(String trigger, Runnable onLost) throws Busy {
        return acquire(trigger, null, onLost);
    }

    /**
     * As {@link #acquire(String, Runnable)}, naming the person who asked (a console user), shown to whoever is
     * turned away. {@code onStop} is also called when another process asks the run to stop.
     */
    public Lease acquire(String trigger, String startedBy, Runnable onStop) throws Busy {
        return isPostgres() ? acquireAdvisory(trigger, startedBy, onStop) : acquireRow(trigger, startedBy, onStop);
    }

    /**
     * Asks the run holding the lock to stop at its next file, from any process: its heartbeat reads the request.
     *
     * @return false when that run does not hold the lock (finished, or never started)
     */
    public boolean requestStop(String runId) {
        return jdbc.update("UPDATE hz_lock SET stop_requested_at = CURRENT_TIMESTAMP WHERE name = ? AND run_id = ?",
                NAME, runId) == 1 && runningRunId().filter(runId::equals).isPresent();
    }

    private Lease acquireRow(String trigger, String startedBy, Runnable onLost) throws Busy {
        String owner = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                jdbc.update(INSERT, NAME, owner, trigger, host(), pid(), processStartedAt(), startedBy);
                return new Lease(owner, null, onLost);
            } catch (DataIntegrityViolationException taken) {
                Optional<Row> row = current();
                if (row.isEmpty()) {
                    continue; // released between our insert and our look
                }
                Row r = row.get();
                Optional<String> stale = staleness(r);
                if (stale.isEmpty()) {
                    throw new Busy(r.holder());
                }
                log.warn("taking over the run lock of run {} (pid {} on {}): {}", named(r.holder().runId()), r.holder().pid(),
                        r.holder().host(), stale.get());
                // only if its heartbeat did not move since we judged it: a holder that came back keeps its lock
                jdbc.update("DELETE FROM hz_lock WHERE name = ? AND owner = ? AND heartbeat_at <= ?", NAME, r.owner(),
                        new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, r.heartbeatAt()));
            }
        }
        throw new Busy(current().map(Row::holder).orElseThrow(() -> new IllegalStateException("run lock contended")));
    }

    private static final String INSERT = "INSERT INTO hz_lock (name, owner, run_id, trigger_source, host, pid, "
            + "process_started_at, started_by, started_at, heartbeat_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, "
            + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";

    /** PostgreSQL: the advisory lock decides; the row only tells who holds it. */
    private Lease acquireAdvisory(String trigger, String startedBy, Runnable onLost) throws Busy {
        Connection session;
        try {
            session = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot open the run lock session", e);
        }
        boolean held = false;
        try {
            // the holder takes the advisory lock a moment before its row is written: wait for the row
            for (int attempt = 0; !tryAdvisoryLock(session); attempt++) {
                Optional<Row> row = current();
                if (row.isPresent() || attempt >= 50) {
                    throw new Busy(row.map(Row::holder).orElseGet(() -> new Holder(null, null,
                            jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class).toInstant(), "?", 0, null)));
                }
                Thread.sleep(100);
            }
            held = true;
            String owner = UUID.randomUUID().toString();
            session.setAutoCommit(false);
            try {
                // the lock was free, so a row left here belongs to a process whose session has ended
                Optional<Row> left = current(session);
                if (left.isPresent()) {
                    Holder h = left.get().holder();
                    log.warn("taking over the run lock of run {} (pid {} on {}): its database session has ended",
                            named(h.runId()), h.pid(), h.host());
                }
                try (PreparedStatement delete = session.prepareStatement("DELETE FROM hz_lock WHERE name = ?");
                        PreparedStatement insert = session.prepareStatement(INSERT)) {
                    delete.setString(1, NAME);
                    delete.executeUpdate();
                    insert.setString(1, NAME);
                    insert.setString(2, owner);
                    insert.setString(3, trigger);
                    insert.setString(4, host());
                    insert.setLong(5, pid());
                    insert.setObject(6, processStartedAt().getValue(), Types.TIMESTAMP_WITH_TIMEZONE);
                    insert.setString(7, startedBy);
                    insert.executeUpdate();
                }
                session.commit();
            } finally {
                session.setAutoCommit(true);
            }
            return new Lease(owner, session, onLost);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot take the run lock", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the run lock", e);
        } finally {
            if (!held) {
                closeQuietly(session);
            }
        }
    }

    private static boolean tryAdvisoryLock(Connection session) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, PG_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Unlocks before the connection goes back to a pool: a pooled session would otherwise keep the advisory
     * lock. When unlocking fails, the connection is aborted so that the server ends the session and its locks.
     */
    private static void releaseSession(Connection session) {
        boolean unlocked = false;
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, PG_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                unlocked = rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            log.warn("could not release the run lock's advisory lock: {}", e.toString());
        }
        if (!unlocked) {
            try {
                session.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                log.warn("could not abort the run lock session: {}", e.toString());
            }
        }
        closeQuietly(session);
    }

    private static void closeQuietly(Connection session) {
        try {
            session.close();
        } catch (SQLException e) {
            log.warn("could not close the run lock session: {}", e.toString());
        }
    }

    private static boolean valid(Connection session) {
        try {
            return session.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The live holder, if any (who started the run, when, by which trigger). */
    public Optional<Holder> runningHolder() {
        Optional<Row> row = current();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        boolean live = isPostgres() ? advisoryLockHeld() : staleness(row.get()).isEmpty();
        return live ? Optional.of(row.get().holder()) : Optional.empty();
    }

    /** The run id of a live holder, if any: a row left by a dead process does not count. */
    public Optional<String> runningRunId() {
        return runningHolder().map(Holder::runId);
    }

    private boolean advisoryLockHeld() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1", Integer.class, PG_KEY >>> 32,
                PG_KEY & 0xFFFFFFFFL);
        return n != null && n > 0;
    }

    /** Why the row's holder is gone, or empty while it may be alive (H2: no advisory lock to ask). */
    private Optional<String> staleness(Row r) {
        Holder h = r.holder();
        if (host().equals(h.host())) {
            if (h.pid() == pid() && !HELD_HERE.contains(r.owner())) {
                return Optional.of("left by this process, which no longer holds it");
            }
            return alive(h.pid(), r.processStartedAt()) ? Optional.empty() : Optional.of("its process is gone");
        }
        if (r.age() == null || r.age().compareTo(staleAfter) > 0) {
            return Optional.of("no heartbeat for " + (r.age() == null ? "ever" : r.age().toSeconds() + " s")
                    + " (database clock)");
        }
        return Optional.empty();
    }

    /** A pid is alive as the holder only if its process started when the holder's did: pids are reused. */
    static boolean alive(long pid, Instant processStartedAt) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        if (processStartedAt == null) {
            return true; // row written without it: the pid is all there is to go by
        }
        return process.get().info().startInstant()
                .map(start -> Duration.between(start, processStartedAt).abs().compareTo(Duration.ofSeconds(1)) < 0)
                .orElse(true);
    }

    private Optional<Row> current() {
        return Optional.ofNullable(jdbc.execute((ConnectionCallback<Row>) c -> current(c).orElse(null)));
    }

    private static Optional<Row> current(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner, run_id, trigger_source, started_at, host, pid, "
                + "process_started_at, heartbeat_at, CURRENT_TIMESTAMP, started_by FROM hz_lock WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime started = rs.getObject(4, OffsetDateTime.class);
                OffsetDateTime processStarted = rs.getObject(7, OffsetDateTime.class);
                OffsetDateTime heartbeatAt = rs.getObject(8, OffsetDateTime.class);
                OffsetDateTime dbNow = rs.getObject(9, OffsetDateTime.class);
                Holder holder = new Holder(rs.getString(2), rs.getString(3), started == null ? null : started.toInstant(),
                        rs.getString(5), rs.getLong(6), rs.getString(10));
                return Optional.of(new Row(rs.getString(1), holder,
                        processStarted == null ? null : processStarted.toInstant(), heartbeatAt,
                        heartbeatAt == null ? null : Duration.between(heartbeatAt, dbNow)));
            }
        }
    }

    private boolean isPostgres() {
        if (postgres == null) {
            postgres = "PostgreSQL".equals(
                    jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
        }
        return postgres;
    }

    /** When this process started, as the OS says (not a clock reading): tells the holder from a reused pid. */
    private static SqlParameterValue processStartedAt() {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, ProcessHandle.current().info().startInstant()
                .map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
    }

    private static String named(String runId) {
        return runId == null ? "(not yet named)" : runId;
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            String name = ManagementFactory.getRuntimeMXBean().getName();
            return name.substring(name.indexOf('@') + 1);
        }
    }
}
