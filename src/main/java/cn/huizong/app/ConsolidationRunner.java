package cn.huizong.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.intake.InboxFile;
import cn.huizong.intake.InboxScanner;
import cn.huizong.job.ConsolidationJobConfiguration;
import cn.huizong.job.GracefulStop;
import cn.huizong.job.RunContext;
import cn.huizong.job.ScannedInbox;
import cn.huizong.mail.MailLog;
import cn.huizong.support.ReadLimits;
import cn.huizong.reporting.RunPublisher;

/**
 * Runs the consolidation job for every entry point, under the run lock. The job instance is identified by
 * what the run means — campaign, input fingerprint (every file's path, hash and received time, and the rules),
 * output folder, and a generation counted up only when that input's completed run was pruned — so an
 * unchanged inbox is recognised as already done, and a run killed half-way is recovered and restarted where it
 * stopped instead of starting again from zero.
 */
@Component
public class ConsolidationRunner {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BUSY = 3;

    private static final Logger log = LoggerFactory.getLogger(ConsolidationRunner.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * What a run came to: the exit code and the Chinese lines for the user; {@code unchanged} when nothing was
     * read because an earlier run (runId) had the same input.
     */
    public record Outcome(int code, String message, String runId, boolean unchanged) {

        public Outcome(int code, String message, String runId) {
            this(code, message, runId, false);
        }
    }

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job consolidationJob;
    private final JdbcTemplate jdbc;
    private final RunLock lock;
    private final ReadLimits limits;
    private final Path dataDir;
    private final GracefulStop gracefulStop;
    private final ScannedInbox scannedInbox;
    private final ZoneId zone;
    private volatile boolean running;
    private volatile String runningId;
    private final ApplicationEventPublisher events;

    ConsolidationRunner(JobOperator jobOperator, JobRepository jobRepository, Job consolidationJob,
            JdbcTemplate jdbc, RunLock lock, ReadLimits limits, @Value("${huizong.data-dir:./data}") String dataDir,
            GracefulStop gracefulStop, ScannedInbox scannedInbox, @Value("${huizong.zone:Asia/Shanghai}") ZoneId zone,
            ApplicationEventPublisher events) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.consolidationJob = consolidationJob;
        this.jdbc = jdbc;
        this.lock = lock;
        this.limits = limits;
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
        this.gracefulStop = gracefulStop;
        this.scannedInbox = scannedInbox;
        this.zone = zone;
        this.events = events;
    }

    public Outcome run(RunRequest request) {
        return run(request, runId -> {
        });
    }

    /**
     * Runs the consolidation; {@code named} is told the run's id as soon as it is known (after the inbox walk
     * that names the run, before any file is read), so a caller in another thread can follow it.
     */
    public Outcome run(RunRequest request, java.util.function.Consumer<String> named) {
        Instant started = Instant.now();
        Outcome outcome = runOnce(request, named);
        try {
            // health and metrics listen; they never change what the run came to
            events.publishEvent(new RunFinished(request.trigger(), outcome, started, Instant.now()));
        } catch (RuntimeException e) {
            log.warn("a listener of the finished run failed", e);
        }
        return outcome;
    }

    private Outcome runOnce(RunRequest request, java.util.function.Consumer<String> named) {
        try (RunLock.Lease lease = lock.acquire(request.trigger(), request.startedBy(), gracefulStop::request)) {
            running = true;
            try {
                Outcome outcome = runLocked(request, lease, named);
                // the lease was lost mid-run (RunLock logged why) and the job stopped itself: say so, not "as asked"
                return lease.lost() && outcome.code() == EXIT_FAILURE ? lostLock(outcome.runId()) : outcome;
            } finally {
                running = false;
                runningId = null;
                lease.close(); // before clear: a lease found lost after the run must not stop the next one
                gracefulStop.clear();
            }
        } catch (RunLock.Busy busy) {
            RunLock.Holder h = busy.holder();
            return new Outcome(EXIT_BUSY, "另一个汇总运行正在进行：运行编号 " + (h.runId() == null ? "（准备中）" : h.runId())
                    + "，由" + triggerName(h.trigger()) + (h.startedBy() == null ? "" : "（用户 " + h.startedBy() + "）")
                    + "于 " + SHOWN.format(h.startedAt().atZone(zone))
                    + " 启动（主机 " + h.host() + "，进程 " + h.pid() + "）。请等它结束后再运行。", h.runId());
        } catch (Exception e) {
            log.error("consolidation failed", e);
            return new Outcome(EXIT_FAILURE, HuizongMessages.failure(e), null);
        }
    }

    private Outcome runLocked(RunRequest request, RunLock.Lease lease, java.util.function.Consumer<String> named)
            throws Exception {
        if (RunRequest.inside(dataDir, request.input())) {
            // the inbox is evidence: the store and the database never go inside it
            return new Outcome(EXIT_USAGE, "用法错误：数据目录不能位于收件箱之内：" + dataDir, null);
        }
        String newRunId = RUN_ID.format(ZonedDateTime.now(zone));
        // attachments fetch-mail wrote into this inbox: received when the mail server says, unit by sender and subject
        RunContext ctx = RunContext.load(newRunId, request.input(), request.output(), dataDir, request.campaign(),
                request.registry(), request.received(), new MailLog(jdbc).receipts(request.input()), limits);
        // fingerprinting the inbox already copies it into the store (content-addressed: intake finds it there)
        List<InboxFile> files = new InboxScanner(limits, ctx.store()).scan(request.input(), ctx.receivedLog());
        String fingerprint = InputFingerprint.of(files, ctx.rulesFingerprint());
        String mailLogNote = mailLogNote(ctx, files);
        // A completed run whose details were pruned (or whose folder was removed) cannot be shown again: the
        // same inbox then starts the next generation of the same input.
        JobParameters identifying;
        JobInstance instance;
        JobExecution last = null;
        for (long generation = 1;; generation++) {
            identifying = new JobParametersBuilder()
                    .addString("campaign", ctx.campaign().id())
                    .addString("input.fingerprint", fingerprint)
                    .addString("output.dir", request.output().toString())
                    .addLong("generation", generation)
                    .toJobParameters();
            instance = jobRepository.getJobInstance(ConsolidationJobConfiguration.JOB_NAME, identifying);
            if (instance == null) {
                break;
            }
            last = jobRepository.getLastJobExecution(instance);
            if (last == null) {
                // an instance without an execution: the process died between the two inserts (or H2 lost the last
                // commit to kill -9). Spring Batch can neither start nor restart it: the next generation runs.
                log.warn("job instance {} of this input has no execution; starting generation {}", instance.getInstanceId(),
                        generation + 1);
                continue;
            }
            if (usable(last, request.output())) {
                break;
            }
        }
        Files.createDirectories(request.output());
        Files.createDirectories(dataDir);

        JobExecution execution;
        if (instance == null) {
            JobParameters params = new JobParametersBuilder(identifying)
                    .addString("run.id", newRunId, false)
                    .addString("input.dir", request.input().toString(), false)
                    .addString("data.dir", dataDir.toString(), false)
                    .addString("registry.file", request.registry().toString(), false)
                    .addString("campaign.file", request.campaign(), false)
                    .addString("received.file", request.received() == null ? "" : request.received().toString(), false)
                    .addString("trigger", request.trigger(), false)
                    .addString("started.by", request.startedBy() == null ? "" : request.startedBy(), false)
                    .toJobParameters();
            lease.runId(newRunId);
            runningId = newRunId;
            named.accept(newRunId);
            scannedInbox.put(newRunId, files);
            // what names the run: a later run with the same three values resumes or reuses this one
            log.info("starting run {} (input fingerprint {}, {} files, generation {})", newRunId,
                    fingerprint.substring(0, Math.min(12, fingerprint.length())), files.size(),
                    identifying.getLong("generation"));
            execution = jobOperator.start(consolidationJob, params);
        } else {
            String runId = last.getJobParameters().getString("run.id");
            lease.runId(runId);
            if (last.getStatus() != BatchStatus.COMPLETED) {
                runningId = runId;
                named.accept(runId);
            }
            if (last.getStatus() == BatchStatus.COMPLETED) {
                // the inbox went back to what that run saw (a file taken out again): its result is the current one
                if (!RunPublisher.isLatest(request.output(), runId)) {
                    RunPublisher.publish(request.output(), runId);
                    log.info("published run {} again as latest: the input is the same as then", runId);
                }
                recordUnchanged(newRunId, runId, request, files.size());
                Views.afterRun(jdbc, ctx.campaign(), request.campaign(), runId);
                named.accept(newRunId);
                return new Outcome(EXIT_OK, "收件箱、名录和活动定义与运行 " + runId + " 相同，未重新读取任何文件，结果不变。\n"
                        + new RunSummary(jdbc, ctx.campaign()).text(runId, request.output()) + mailLogNote, runId, true);
            }
            if (last.getStatus().isRunning()) {
                // we hold the lock, so nobody runs it: its process died (kill -9, power cut)
                log.warn("recovering run {} (execution {}) left {} by a dead process", runId, last.getId(),
                        last.getStatus());
                last = jobOperator.recover(last);
            }
            log.info("restarting run {} from where it stopped", runId);
            scannedInbox.put(runId, files); // the same input: its fingerprint names this run
            execution = jobOperator.restart(last);
        }
        String runId = execution.getJobParameters().getString("run.id");
        scannedInbox.take(runId); // unused when a restart skipped the finished intake: not kept by a long-lived serve
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return new Outcome(EXIT_FAILURE, "汇总运行 " + runId + " 已按要求停止；再次运行 consolidate 会从中断处继续。", runId);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return new Outcome(EXIT_FAILURE, HuizongMessages.failedRun(runId, execution), runId);
        }
        Views.afterRun(jdbc, ctx.campaign(), request.campaign(), null);
        return new Outcome(EXIT_OK, new RunSummary(jdbc, ctx.campaign()).text(runId, request.output()) + mailLogNote, runId);
    }

    /**
     * Lines of the mail log that match no file: the file they meant (a typo, a full-width digit, a renamed
     * attachment) falls back to its file time and may look late, so the clerk is told which lines.
     */
    private static String mailLogNote(RunContext ctx, List<InboxFile> files) {
        List<String> unmatched = ctx.receivedLog().unmatched(
                files.stream().filter(f -> f.archiveNo() == null).map(InboxFile::path).toList());
        unmatched.forEach(line -> log.warn("mail log line matches no file in the inbox: {}", line));
        if (unmatched.isEmpty()) {
            return "";
        }
        return "\n注意：收件记录中有 " + unmatched.size() + " 行找不到对应文件，这些收到时间未被采用（相应文件按文件修改时间计）："
                + String.join("、", unmatched.subList(0, Math.min(unmatched.size(), 10)))
                + (unmatched.size() > 10 ? "等" : "") + "。请核对收件记录中的文件名。";
    }

    /**
     * Whether this instance's run is the one to use: a completed run while its details and folder are still
     * there (it stands for the current inbox); an unfinished one unless retention pruned it (killed just after
     * it was marked completed: nothing is left to resume).
     */
    private boolean usable(JobExecution last, Path output) {
        String runId = last.getJobParameters().getString("run.id");
        List<String> status = jdbc.queryForList("SELECT status FROM hz_run WHERE run_id = ?", String.class, runId);
        return last.getStatus() == BatchStatus.COMPLETED
                ? status.equals(List.of("COMPLETED")) && Files.isDirectory(output.resolve("runs").resolve(runId))
                : !status.equals(List.of("PRUNED"));
    }

    /** The run history shows the nightly run happened even when nothing had to be done. */
    private void recordUnchanged(String runId, String sameAs, RunRequest request, int files) {
        jdbc.update("INSERT INTO hz_run (run_id, trigger_source, started_by, started_at, finished_at, status, files_total, "
                + "files_read, rows_accepted, rows_rejected, data_run_id, published) SELECT ?, ?, ?, ?, ?, 'UNCHANGED', ?, 0, "
                + "rows_accepted, rows_rejected, ?, FALSE FROM hz_run WHERE run_id = ?", runId, request.trigger(),
                request.startedBy(),
                Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), files, sameAs, sameAs);
    }

    /**
     * Asks this process's run to stop at the next file boundary (graceful shutdown); the job ends STOPPED and
     * the next run restarts it. Returns false when no run is in progress here.
     */
    public boolean stopRunning() {
        if (!running) {
            return false;
        }
        gracefulStop.request();
        return true;
    }

    /** Whether this process is running that run now. */
    public boolean runningHere(String runId) {
        return running && runId != null && runId.equals(runningId);
    }

    private static Outcome lostLock(String runId) {
        return new Outcome(EXIT_FAILURE, "汇总运行" + (runId == null ? "" : " " + runId)
                + " 失去了运行锁（被其他进程接管或长时间无法续期），已自行停止；再次运行 consolidate 会从中断处继续。", runId);
    }

    public static String triggerName(String trigger) {
        return switch (trigger == null ? "" : trigger) {
            case "schedule" -> "定时任务";
            case "startup" -> "启动补跑";
            case "web" -> "网页";
            default -> "命令行";
        };
    }
}
