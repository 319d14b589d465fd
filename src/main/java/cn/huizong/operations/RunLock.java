package cn.huizong.operations;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One consolidation at a time, across processes and entry points (command line, schedule, web): a row in
 * hz_lock, kept fresh by a heartbeat. A holder killed with -9 leaves its row behind; the row is taken over
 * when its process is gone (same host) or its heartbeat is older than {@link #STALE_AFTER}.
 */
@Component
public class RunLock {

    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);
    private static final String NAME = "consolidation";
    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    /** Who holds the lock, for the message to whoever is turned away. */
    public record Holder(String runId, String trigger, Instant startedAt, String host, long pid) {
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

    private final JdbcTemplate jdbc;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-lock-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public RunLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A held lock; closing it releases it. */
    public final class Lease implements AutoCloseable {
        private final String owner;
        private final ScheduledFuture<?> beat;

        Lease(String owner) {
            this.owner = owner;
            this.beat = heartbeat.scheduleAtFixedRate(() -> {
                try {
                    jdbc.update("UPDATE hz_lock SET heartbeat_at = ? WHERE name = ? AND owner = ?", now(), NAME, owner);
                } catch (RuntimeException e) {
                    log.warn("lock heartbeat failed: {}", e.toString());
                }
            }, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
        }

        /** Names the run the lock stands for, once its id is known. */
        public void runId(String runId) {
            jdbc.update("UPDATE hz_lock SET run_id = ? WHERE name = ? AND owner = ?", runId, NAME, owner);
        }

        @Override
        public void close() {
            beat.cancel(false);
            jdbc.update("DELETE FROM hz_lock WHERE name = ? AND owner = ?", NAME, owner);
        }
    }

    public Lease acquire(String trigger) throws Busy {
        String owner = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                jdbc.update("INSERT INTO hz_lock (name, owner, run_id, trigger_source, host, pid, started_at, heartbeat_at) "
                        + "VALUES (?,?,?,?,?,?,?,?)", NAME, owner, null, trigger, host(), pid(), now(), now());
                return new Lease(owner);
            } catch (DataIntegrityViolationException taken) {
                Optional<Object[]> row = current();
                if (row.isEmpty()) {
                    continue; // released between our insert and our look
                }
                Object[] r = row.get();
                Holder holder = new Holder((String) r[1], (String) r[2], ((Timestamp) r[3]).toInstant(), (String) r[4],
                        ((Number) r[5]).longValue());
                if (!isStale(holder, ((Timestamp) r[6]).toInstant())) {
                    throw new Busy(holder);
                }
                log.warn("taking over a stale run lock of {} (pid {} on {})", holder.runId(), holder.pid(), holder.host());
                jdbc.update("DELETE FROM hz_lock WHERE name = ? AND owner = ?", NAME, r[0]);
            }
        }
        Object[] r = current().orElseThrow();
        throw new Busy(new Holder((String) r[1], (String) r[2], ((Timestamp) r[3]).toInstant(), (String) r[4],
                ((Number) r[5]).longValue()));
    }

    /** The run id of a live holder, if any: a row left by a dead process does not count. */
    public Optional<String> runningRunId() {
        return current().filter(r -> !isStale(new Holder((String) r[1], (String) r[2], ((Timestamp) r[3]).toInstant(),
                (String) r[4], ((Number) r[5]).longValue()), ((Timestamp) r[6]).toInstant())).map(r -> (String) r[1]);
    }

    private Optional<Object[]> current() {
        List<Object[]> rows = jdbc.query("SELECT owner, run_id, trigger_source, started_at, host, pid, heartbeat_at "
                + "FROM hz_lock WHERE name = ?", (rs, i) -> new Object[] {rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4), rs.getString(5), rs.getLong(6), rs.getTimestamp(7)},
                NAME);
        return rows.stream().findFirst();
    }

    private static boolean isStale(Holder holder, Instant heartbeatAt) {
        if (holder.host().equals(host()) && ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true)) {
            return true;
        }
        return heartbeatAt.isBefore(Instant.now().minus(STALE_AFTER));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
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
