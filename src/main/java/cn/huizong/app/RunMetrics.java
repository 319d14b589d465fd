package cn.huizong.app;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Huizong's own metrics, recorded when a run ends (Spring Batch adds its job and step timers,
 * {@code spring.batch.job} and {@code spring.batch.step}):
 * <ul>
 * <li>{@code huizong.run.duration} (timer; tags trigger, outcome: completed, unchanged, failed, busy, usage);
 * <li>{@code huizong.files.read} — files read by a completed run (not those an earlier run already read);
 * <li>{@code huizong.rows} (tag status: accepted, rejected) — rows of a completed run's master table;
 * <li>{@code huizong.issues} (tags code, severity) — issues of a completed run.
 * </ul>
 * Counters add up over the life of the process (a Prometheus scrape takes their rate); an unchanged run adds
 * nothing but its duration.
 */
@Component
class RunMetrics {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<MeterRegistry> registry;

    RunMetrics(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    @EventListener
    void record(RunFinished run) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return;
        }
        ConsolidationRunner.Outcome o = run.outcome();
        String outcome = outcome(o);
        Timer.builder("huizong.run.duration").description("Wall time of a consolidation run request")
                .tags("trigger", run.trigger() == null ? "cli" : run.trigger(), "outcome", outcome)
                .register(meters).record(run.duration());
        if (!outcome.equals("completed") || o.runId() == null) {
            return;
        }
        List<Map<String, Object>> counts = jdbc.queryForList("SELECT files_read, rows_accepted, rows_rejected "
                + "FROM hz_run WHERE run_id = ?", o.runId());
        if (!counts.isEmpty()) {
            meters.counter("huizong.files.read").increment(number(counts.get(0).get("files_read")));
            meters.counter("huizong.rows", "status", "accepted").increment(number(counts.get(0).get("rows_accepted")));
            meters.counter("huizong.rows", "status", "rejected").increment(number(counts.get(0).get("rows_rejected")));
        }
        jdbc.query("SELECT code, severity, COUNT(*) FROM hz_issue WHERE run_id = ? GROUP BY code, severity",
                rs -> {
                    meters.counter("huizong.issues", "code", rs.getString(1), "severity", String.valueOf(rs.getString(2)))
                            .increment(rs.getLong(3));
                }, o.runId());
    }

    static String outcome(ConsolidationRunner.Outcome o) {
        return switch (o.code()) {
            case ConsolidationRunner.EXIT_OK -> o.unchanged() ? "unchanged" : "completed";
            case ConsolidationRunner.EXIT_BUSY -> "busy";
            case ConsolidationRunner.EXIT_USAGE -> "usage";
            default -> "failed";
        };
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
