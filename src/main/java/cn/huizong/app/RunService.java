package cn.huizong.app;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import cn.huizong.job.Progress;
import cn.huizong.reporting.BiViews;
import jakarta.annotation.PreDestroy;

/**
 * Consolidation runs as a service for the console and the API, beside the command line: start one without
 * waiting for it (the run id comes back as soon as the inbox walk has named it), follow it, stop it, resume it.
 * Every run still goes through {@link ConsolidationRunner} and its lock, so a press while the nightly run (or a
 * command in another process) is going is told which run that is.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    private static final int OUTCOMES_KEPT = 50;

    /** What a start came to at once: the run's id, or why there is none (busy, a usage error, a failure). */
    public record Started(String runId, ConsolidationRunner.Outcome refused) {
        public boolean started() {
            return refused == null;
        }
    }

    private final ConsolidationRunner runner;
    private final RunLock lock;
    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;
    private final ExecutorService runs = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "run-service");
        t.setDaemon(false);
        return t;
    });
    /** The Chinese summary of runs this process finished, newest last. */
    private final Map<String, ConsolidationRunner.Outcome> outcomes = Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ConsolidationRunner.Outcome> eldest) {
                    return size() > OUTCOMES_KEPT;
                }
            });

    RunService(ConsolidationRunner runner, RunLock lock, JdbcTemplate jdbc, JobRepository jobRepository) {
        this.runner = runner;
        this.lock = lock;
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
    }

    /**
     * Starts a run in the background. Returns once the run has its id (typically within seconds: the inbox is
     * walked and hashed first), or at once when the lock is held by another run.
     */
    public Started start(RunRequest request) {
        CompletableFuture<Started> first = new CompletableFuture<>();
        runs.execute(() -> {
            ConsolidationRunner.Outcome outcome;
            java.util.concurrent.atomic.AtomicReference<String> named = new java.util.concurrent.atomic.AtomicReference<>();
            try {
                outcome = runner.run(request, runId -> {
                    named.set(runId);
                    first.complete(new Started(runId, null));
                });
            } catch (RuntimeException | Error e) {
                log.error("background run failed", e);
                outcome = new ConsolidationRunner.Outcome(ConsolidationRunner.EXIT_FAILURE, HuizongMessages.failure(e), null);
            }
            if (outcome.runId() != null) {
                outcomes.put(outcome.runId(), outcome);
            }
            if (named.get() != null) {
                // an unchanged inbox is answered by the earlier run's outcome; the caller follows the new run's id
                outcomes.put(named.get(), outcome);
            }
            // ended before it was named: turned away by the lock, or failed while walking the inbox
            first.complete(new Started(null, outcome));
        });
        try {
            return first.get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a run", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the run did not start within 10 minutes", e);
        }
    }

    /** Starts a stopped or failed run again with the same inbox, registry and outputs; it goes on where it stopped. */
    public Started resume(String runId, String trigger, String user) throws CliArguments.UsageException {
        RunRequest original = requestOf(runId)
                .orElseThrow(() -> new CliArguments.UsageException("找不到运行 " + runId + " 的参数，无法续跑。"));
        return start(original.by(trigger, user));
    }

    /**
     * Asks a running run to stop after the file it is reading (the same graceful stop as SIGTERM), in this process
     * or, through the lock table, in another one.
     *
     * @return false when that run is not running
     */
    public boolean stop(String runId) {
        Optional<String> running = lock.runningRunId();
        if (running.isEmpty() || !running.get().equals(runId)) {
            return false;
        }
        if (runner.runningHere(runId)) {
            return runner.stopRunning();
        }
        return lock.requestStop(runId);
    }

    /** The run that holds the lock now, if any. */
    public Optional<RunStatus> running() {
        return lock.runningRunId().flatMap(this::status);
    }

    /** The Chinese summary a finished run printed, when this process ran it. */
    public Optional<String> outcomeMessage(String runId) {
        return Optional.ofNullable(outcomes.get(runId)).map(ConsolidationRunner.Outcome::message);
    }

    /** A run's status; {@code latest} means the run whose result is the current one. */
    public Optional<RunStatus> status(String runId) {
        String id = "latest".equals(runId) ? latestRunId().orElse(null) : runId;
        if (id == null) {
            return Optional.empty();
        }
        Optional<String> locked = lock.runningRunId();
        List<RunStatus> found = jdbc.query(SELECT + " WHERE run_id = ?", (rs, i) -> row(rs, locked), id);
        if (found.isEmpty()) {
            // named and locked, but its intake has not written hz_run yet
            return lock.runningHolder().filter(h -> id.equals(h.runId())).map(h -> new RunStatus(id, h.trigger(),
                    h.startedBy(), RunStatus.State.RUNNING, h.startedAt(), null, null, 0, null, null, null,
                    "intakeInboxStep", 0, null, null, id, null, false));
        }
        RunStatus s = found.get(0);
        return Optional.of(s.status() == RunStatus.State.RUNNING || s.status() == RunStatus.State.STOPPED
                || s.status() == RunStatus.State.FAILED ? withProgress(s) : s);
    }

    /** Runs newest first, at most {@code limit}. */
    public List<RunStatus> runs(int limit) {
        Optional<String> locked = lock.runningRunId();
        // only the newest rows (and any tied with the last of them) are mapped: mapping an unfinished run asks
        // the job repository how it ended, which a long history must not pay for on every page
        List<RunStatus> all = new java.util.ArrayList<>(jdbc.query(SELECT + " WHERE started_at IS NULL OR started_at >= "
                + "(SELECT MIN(n.started_at) FROM (SELECT started_at FROM hz_run WHERE started_at IS NOT NULL ORDER BY started_at DESC LIMIT ?) n)",
                (rs, i) -> row(rs, locked), Math.max(limit, 1)));
        // sorted here, since run ids are text and a database would sort them by its collation
        all.sort(Comparator.comparing(RunStatus::startedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(RunStatus::runId, Comparator.reverseOrder()));
        List<RunStatus> page = all.subList(0, Math.min(Math.max(limit, 0), all.size()));
        return page.stream().map(s -> s.status() == RunStatus.State.RUNNING ? withProgress(s) : s).toList();
    }

    /**
     * The run whose result is current, as the BI views see it ({@code hz_current_run}: the newest finished run
     * that published or found its inbox unchanged, also one stopped after publishing); before the views exist,
     * the newest completed or unchanged run.
     */
    public Optional<String> latestRunId() {
        try {
            return jdbc.queryForList("SELECT latest_run_id FROM " + BiViews.CURRENT_RUN, String.class).stream()
                    .findFirst();
        } catch (org.springframework.dao.DataAccessException noViews) {
            List<String> ids = jdbc.queryForList("SELECT run_id FROM hz_run WHERE status IN ('COMPLETED', 'UNCHANGED', "
                    + "'PRUNED') AND finished_at IS NOT NULL ORDER BY finished_at DESC, run_id DESC", String.class);
            return ids.stream().findFirst();
        }
    }

    private static final String SELECT = "SELECT run_id, trigger_source, started_by, started_at, finished_at, status, "
            + "files_total, files_read, rows_accepted, rows_rejected, data_run_id, output_dir, job_execution_id FROM hz_run";

    private RunStatus row(ResultSet rs, Optional<String> locked) throws SQLException {
        String runId = rs.getString("run_id");
        String status = rs.getString("status");
        Long execution = rs.getObject("job_execution_id") == null ? null : rs.getLong("job_execution_id");
        RunStatus.State state = switch (status == null ? "" : status) {
            case "COMPLETED", "PRUNED" -> RunStatus.State.COMPLETED;
            case "UNCHANGED" -> RunStatus.State.UNCHANGED;
            default -> locked.filter(runId::equals).isPresent() ? RunStatus.State.RUNNING : endedAs(execution);
        };
        Integer total = (Integer) rs.getObject("files_total");
        boolean finished = state == RunStatus.State.COMPLETED || state == RunStatus.State.UNCHANGED;
        String dataRun = rs.getString("data_run_id");
        return new RunStatus(runId, rs.getString("trigger_source"), rs.getString("started_by"), state,
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")), total,
                finished ? total : null, (Integer) rs.getObject("files_read"), (Integer) rs.getObject("rows_accepted"), (Integer) rs.getObject("rows_rejected"),
                null, 0, null, null, dataRun == null ? runId : dataRun, rs.getString("output_dir"), "PRUNED".equals(status));
    }

    /** A run that no longer holds the lock and never completed: stopped as asked, failed, or its process died. */
    private RunStatus.State endedAs(Long executionId) {
        JobExecution last = lastExecution(executionId);
        return last != null && last.getStatus() == BatchStatus.FAILED ? RunStatus.State.FAILED : RunStatus.State.STOPPED;
    }

    private JobExecution lastExecution(Long executionId) {
        if (executionId == null) {
            return null;
        }
        JobExecution first = jobRepository.getJobExecution(executionId);
        if (first == null) {
            return null;
        }
        JobExecution last = jobRepository.getLastJobExecution(first.getJobInstance());
        return last == null ? first : last;
    }

    /** Adds what the job repository says of the run's steps: the current step, files done, rows, time left. */
    private RunStatus withProgress(RunStatus s) {
        Long executionId = jdbc.queryForObject("SELECT job_execution_id FROM hz_run WHERE run_id = ?", Long.class,
                s.runId());
        JobExecution last = lastExecution(executionId);
        if (last == null) {
            return s;
        }
        StepExecution current = null;
        StepExecution reading = null;
        for (StepExecution step : last.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                current = step;
            }
            if (step.getStepName().equals("readAndCheckFilesStep")) {
                reading = step;
            }
        }
        Integer done = s.filesDone();
        long rows = 0;
        String file = null;
        Long eta = null;
        Integer total = s.filesTotal();
        if (reading != null) {
            ExecutionContext c = reading.getExecutionContext();
            int toRead = c.getInt(Progress.TOTAL, 0);
            int read = c.getInt(Progress.DONE, 0);
            rows = c.getLong(Progress.ROWS, 0L);
            file = c.containsKey(Progress.LAST_FILE) ? c.getString(Progress.LAST_FILE) : null;
            // files already read by earlier runs (same bytes) count as done from the start
            done = total == null ? read : Math.max(0, total - (toRead - read));
            if (reading.getStatus().isRunning() && read > 0 && reading.getStartTime() != null) {
                long elapsed = Duration.between(reading.getStartTime(), java.time.LocalDateTime.now()).toSeconds();
                eta = Math.max(0, Math.round((double) elapsed / read * (toRead - read)));
            } else if (!reading.getStatus().isRunning() && reading.getStatus() == BatchStatus.COMPLETED) {
                done = total;
            }
        } else if (s.status() == RunStatus.State.RUNNING) {
            done = 0;
        }
        return new RunStatus(s.runId(), s.trigger(), s.startedBy(), s.status(), s.startedAt(), s.finishedAt(),
                total, done, s.filesRead(), s.rowsAccepted(), s.rowsRejected(),
                s.status() == RunStatus.State.RUNNING && current != null ? current.getStepName() : null, rows,
                s.status() == RunStatus.State.RUNNING ? file : null, s.status() == RunStatus.State.RUNNING ? eta : null,
                s.dataRunId(), s.outputDir(), s.pruned());
    }

    /** The request a run was started with, from its job parameters. */
    private Optional<RunRequest> requestOf(String runId) {
        List<Long> ids = jdbc.queryForList("SELECT job_execution_id FROM hz_run WHERE run_id = ?", Long.class, runId);
        if (ids.isEmpty() || ids.get(0) == null) {
            return Optional.empty();
        }
        JobExecution e = jobRepository.getJobExecution(ids.get(0));
        if (e == null) {
            return Optional.empty();
        }
        var p = e.getJobParameters();
        String received = p.getString("received.file", "");
        try {
            String campaign = p.getString("campaign.file", "");
            return Optional.of(RunRequest.of(p.getString("input.dir"), p.getString("registry.file"),
                    p.getString("output.dir"), campaign.isEmpty() ? null : campaign, received.isEmpty() ? null : received,
                    p.getString("trigger", "cli")));
        } catch (CliArguments.UsageException ex) {
            log.warn("cannot resume run {}: {}", runId, ex.getMessage());
            return Optional.empty();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @PreDestroy
    void close() {
        runs.shutdown();
    }
}
