package cn.huizong.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.NeverSkipItemSkipPolicy;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import cn.huizong.intake.InboxFile;
import cn.huizong.intake.InboxScanner;
import cn.huizong.intake.ManifestStore;
import cn.huizong.merge.Resolver;
import cn.huizong.reading.ReadLimits;
import cn.huizong.reporting.CsvExporter;
import cn.huizong.reporting.Reports;
import cn.huizong.reporting.RunPublisher;

/**
 * The consolidation job: list the inbox and copy it into the evidence store, read and check each stored file
 * (one transaction per file, under its time budget), resolve the whole run in SQL, publish the outputs.
 */
@Configuration
public class ConsolidationJobConfiguration {

    public static final String JOB_NAME = "consolidationJob";
    private static final StepLogger STEP_LOGGER = new StepLogger();

    @Bean
    GracefulStop gracefulStop() {
        return new GracefulStop();
    }

    @Bean
    public Job consolidationJob(JobRepository jobRepository, JdbcTemplate jdbc, Step intakeInboxStep,
            Step readAndCheckFilesStep, Step resolveSubmissionsStep, Step publishOutputsStep, Step pruneOldRunsStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new RunCompletion(jdbc))
                .start(intakeInboxStep)
                .next(readAndCheckFilesStep)
                .next(resolveSubmissionsStep)
                .next(publishOutputsStep)
                .next(pruneOldRunsStep)
                .build();
    }

    /** Loaded once per job execution; steps look it up when they run (a record cannot be scope-proxied). */
    @Bean
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    public RunContext runContext(@Value("#{jobParameters['run.id']}") String runId,
            @Value("#{jobParameters['input.dir']}") String inputDir,
            @Value("#{jobParameters['output.dir']}") String outputDir,
            @Value("#{jobParameters['data.dir']}") String dataDirParameter,
            @Value("${huizong.data-dir:./data}") String dataDirProperty,
            @Value("#{jobParameters['campaign.file']}") String campaignFile,
            @Value("#{jobParameters['registry.file']}") String registryFile,
            @Value("#{jobParameters['received.file']}") String receivedFile, ReadLimits limits) throws IOException {
        String dataDir = dataDirParameter == null || dataDirParameter.isBlank() ? dataDirProperty : dataDirParameter;
        return RunContext.load(runId, Path.of(inputDir), Path.of(outputDir), Path.of(dataDir), campaignFile,
                Path.of(registryFile),
                receivedFile == null || receivedFile.isBlank() ? null : Path.of(receivedFile), limits);
    }

    @Bean
    public Step intakeInboxStep(JobRepository jobRepository, GracefulStop gracefulStop, PlatformTransactionManager tm, JdbcTemplate jdbc,
            ObjectProvider<RunContext> runContext) {
        return new StepBuilder("intakeInboxStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop).tasklet((contribution, chunk) -> {
            RunContext ctx = runContext.getObject();
            RunPublisher.deleteTree(ctx.tempDir()); // parser scratch of an earlier run
            List<InboxFile> files = new InboxScanner(ctx.limits(), ctx.store()).scan(ctx.inputDir(), ctx.receivedLog());
            jdbc.update("DELETE FROM hz_run WHERE run_id = ?", ctx.runId());
            jdbc.update("INSERT INTO hz_run (run_id, job_execution_id, trigger_source, campaign_id, rules_fp, input_dir, "
                    + "output_dir, started_at, status, files_total) VALUES (?,?,?,?,?,?,?,?,?,?)", ctx.runId(),
                    contribution.getStepExecution().getJobExecutionId(),
                    contribution.getStepExecution().getJobParameters().getString("trigger", "cli"),
                    ctx.campaign().id(), ctx.rulesFingerprint(), ctx.inputDir().toString(), ctx.outputDir().toString(),
                    Timestamp.from(Instant.now()), "STARTED", files.size());
            ManifestStore manifest = new ManifestStore(jdbc);
            manifest.saveUnits(ctx.runId(), ctx.registry());
            manifest.saveManifest(ctx.runId(), files, ctx.registry(), ctx::contentKey);
            contribution.incrementWriteCount(files.size());
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    @Bean
    public Step readAndCheckFilesStep(JobRepository jobRepository, GracefulStop gracefulStop, PlatformTransactionManager tm,
            PendingFilesReader pendingFilesReader, FileContentWriter fileContentWriter) {
        // One file per transaction: a crash loses at most the file being read. Bad files never throw (they
        // become issues), so nothing is skipped; a passing database hiccup is retried, anything else fails the
        // step and the next run restarts it here.
        return new StepBuilder("readAndCheckFilesStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop).<PendingFile, PendingFile>chunk(1)
                .reader(pendingFilesReader)
                .writer(fileContentWriter)
                .transactionManager(tm)
                .faultTolerant()
                .retry(TransientDataAccessException.class)
                .retryLimit(3)
                .skipPolicy(new NeverSkipItemSkipPolicy())
                .build();
    }

    @Bean
    @StepScope
    public PendingFilesReader pendingFilesReader(JdbcTemplate jdbc, RunContext runContext) {
        return new PendingFilesReader(jdbc, runContext.runId());
    }

    @Bean
    @StepScope
    public FileContentWriter fileContentWriter(JdbcTemplate jdbc, RunContext runContext) {
        Integer total = jdbc.queryForObject("SELECT COUNT(DISTINCT content_key) FROM hz_file WHERE run_id = ?",
                Integer.class, runContext.runId());
        return new FileContentWriter(jdbc, runContext, new Progress(total == null ? 0 : total));
    }

    @Bean
    public Step resolveSubmissionsStep(JobRepository jobRepository, GracefulStop gracefulStop, PlatformTransactionManager tm, JdbcTemplate jdbc,
            ObjectProvider<RunContext> runContext) {
        return new StepBuilder("resolveSubmissionsStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop).tasklet((contribution, chunk) -> {
            RunContext ctx = runContext.getObject();
            new Resolver(jdbc, ctx.campaign(), ctx.registry()).resolve(ctx.runId());
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    @Bean
    public Step publishOutputsStep(JobRepository jobRepository, GracefulStop gracefulStop, PlatformTransactionManager tm, JdbcTemplate jdbc,
            ObjectProvider<RunContext> runContext) {
        return new StepBuilder("publishOutputsStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop).tasklet((contribution, chunk) -> {
            RunContext ctx = runContext.getObject();
            Path folder = ctx.runFolder();
            // A run folder only ever appears complete (written aside, then renamed), so a publish restarted
            // after a crash finds it either absent or whole, and latest never points at half a run.
            if (!Files.isDirectory(folder)) {
                Path draft = folder.resolveSibling(".draft-" + ctx.runId());
                RunPublisher.deleteTree(draft);
                Files.createDirectories(draft);
                new CsvExporter(jdbc, ctx.campaign()).export(ctx.runId(), draft.resolve("csv"));
                // SXSSF and the usermodel spill to temporary files: under the data folder, never the system's
                TempFile.setThreadLocalTempFileCreationStrategy(
                        new DefaultTempFileCreationStrategy(ctx.tempDir().toFile()));
                try {
                    new Reports(jdbc, ctx.campaign(), ctx.store(), ctx.limits()).write(ctx.runId(), draft);
                } finally {
                    TempFile.setThreadLocalTempFileCreationStrategy(null);
                }
                Files.move(draft, folder, StandardCopyOption.ATOMIC_MOVE);
            }
            RunPublisher.publish(ctx.outputDir(), ctx.runId());
            jdbc.update("UPDATE hz_run SET finished_at = ?, published = TRUE, data_run_id = run_id, "
                    + "files_read = (SELECT COUNT(*) FROM hz_content WHERE read_by_run = ?), "
                    + "rows_accepted = (SELECT COUNT(*) FROM hz_record WHERE run_id = ? AND status = 'accepted'), "
                    + "rows_rejected = (SELECT COUNT(*) FROM hz_record WHERE run_id = ? AND status = 'rejected') "
                    + "WHERE run_id = ?", Timestamp.from(Instant.now()), ctx.runId(), ctx.runId(), ctx.runId(), ctx.runId());
            return RepeatStatus.FINISHED;
        }, tm).allowStartIfComplete(true).build(); // again on every restart: latest may have moved since
    }

    @Bean
    public Step pruneOldRunsStep(JobRepository jobRepository, GracefulStop gracefulStop, PlatformTransactionManager tm,
            JdbcTemplate jdbc, ObjectProvider<RunContext> runContext,
            @Value("${huizong.retention.keep-runs:10}") int keepRuns) {
        return new StepBuilder("pruneOldRunsStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop).tasklet((contribution, chunk) -> {
            RunContext ctx = runContext.getObject();
            contribution.incrementWriteCount(new RunRetention(jdbc, keepRuns).prune(ctx.runId(), ctx.outputDir()));
            return RepeatStatus.FINISHED;
        }, tm).build();
    }
}
