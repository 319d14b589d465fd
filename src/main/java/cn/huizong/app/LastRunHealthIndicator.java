package cn.huizong.app;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code lastRun} health component: DOWN when the last scheduled run (the nightly one, or the missed one
 * run at start-up) failed, or when no run completed within {@code huizong.health.last-run-max-age} (26 hours:
 * a nightly run plus slack); UP otherwise. A run stopped on purpose (SIGTERM) or refused because another run
 * was going on is not a failure. This process's own scheduled runs are known from their outcome (also a
 * failure before anything reached the database); after a restart, the run history says.
 */
@Component
class LastRunHealthIndicator implements HealthIndicator {

    /** How the last scheduled run ended, as the health details show it. */
    record Scheduled(String runId, String trigger, String status, Instant finishedAt, String message) {
        boolean failed() {
            return status.equals("failed");
        }
    }

    private final JdbcTemplate jdbc;
    private final RunService runs;
    private final Duration maxAge;
    private volatile Scheduled lastScheduled;

    LastRunHealthIndicator(JdbcTemplate jdbc, RunService runs,
            @Value("${huizong.health.last-run-max-age:PT26H}") Duration maxAge) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.maxAge = maxAge;
    }

    @EventListener
    void finished(RunFinished run) {
        if (!run.scheduled()) {
            return;
        }
        ConsolidationRunner.Outcome o = run.outcome();
        String status = RunMetrics.outcome(o);
        if (status.equals("busy")) {
            return; // someone else's run is going on: says nothing about ours
        }
        if (!status.equals("completed") && !status.equals("unchanged") && o.runId() != null
                && runs.status(o.runId()).map(s -> s.status() == RunStatus.State.STOPPED).orElse(false)) {
            status = "stopped";
        }
        if (status.equals("usage")) {
            status = "failed"; // the schedule's inbox or registry went missing: the nightly run did not happen
        }
        lastScheduled = new Scheduled(o.runId(), run.trigger(), status, run.finishedAt(),
                o.message() == null ? null : o.message().lines().findFirst().orElse(null));
    }

    @Override
    public Health health() {
        Scheduled scheduled = lastScheduled != null ? lastScheduled : scheduledFromHistory();
        // getTimestamp: a TIMESTAMP WITH TIME ZONE comes back as an OffsetDateTime from H2 otherwise
        List<Object[]> completed = jdbc.query("SELECT run_id, finished_at FROM hz_run "
                + "WHERE status IN ('COMPLETED', 'UNCHANGED', 'PRUNED') AND finished_at IS NOT NULL "
                + "AND finished_at = (SELECT MAX(finished_at) FROM hz_run WHERE status IN ('COMPLETED', 'UNCHANGED', "
                + "'PRUNED'))", (rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()});
        Instant lastCompletedAt = completed.isEmpty() ? null : (Instant) completed.get(0)[1];
        Health.Builder health;
        if (scheduled != null && scheduled.failed()) {
            health = Health.down().withDetail("reason", "the last scheduled run failed");
        } else if (lastCompletedAt == null || lastCompletedAt.isBefore(Instant.now().minus(maxAge))) {
            health = Health.down().withDetail("reason", "no run completed in the last " + maxAge);
        } else {
            health = Health.up();
        }
        if (scheduled != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("runId", scheduled.runId());
            s.put("trigger", scheduled.trigger());
            s.put("status", scheduled.status());
            s.put("finishedAt", scheduled.finishedAt());
            if (scheduled.message() != null && scheduled.failed()) {
                s.put("message", scheduled.message());
            }
            health.withDetail("lastScheduledRun", s);
        }
        if (lastCompletedAt != null) {
            health.withDetail("lastCompletedRun", Map.of("runId", completed.get(0)[0],
                    "finishedAt", lastCompletedAt));
        }
        return health.withDetail("maxAge", maxAge.toString()).build();
    }

    /** After a restart: the newest scheduled run in the history and how it ended. */
    private Scheduled scheduledFromHistory() {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT run_id, trigger_source FROM hz_run "
                + "WHERE trigger_source IN ('schedule', 'startup') AND started_at = (SELECT MAX(started_at) FROM hz_run "
                + "WHERE trigger_source IN ('schedule', 'startup'))");
        if (rows.isEmpty()) {
            return null;
        }
        String runId = (String) rows.get(0).get("run_id");
        return runs.status(runId).map(s -> new Scheduled(runId, (String) rows.get(0).get("trigger_source"),
                switch (s.status()) {
                    case FAILED -> "failed";
                    case STOPPED -> "stopped";
                    case RUNNING -> "running";
                    case UNCHANGED -> "unchanged";
                    case COMPLETED -> "completed";
                }, s.finishedAt(), null)).orElse(null);
    }
}
