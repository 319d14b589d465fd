package cn.huizong.app;

import java.time.Duration;
import java.time.Instant;

/** Published by {@link ConsolidationRunner} when a run request has come to its outcome (health, metrics and the dashboard listen). */
public record RunFinished(String trigger, ConsolidationRunner.Outcome outcome, Instant startedAt, Instant finishedAt) {

    Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** Started by the schedule or as the missed nightly run at start-up (not by a person). */
    boolean scheduled() {
        return "schedule".equals(trigger) || "startup".equals(trigger);
    }
}
