package cn.huizong.job;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import cn.huizong.mail.MailLog;
import cn.huizong.resolution.DocumentCompleteness;
import cn.huizong.resolution.DocumentVersions;
import cn.huizong.resolution.Resolution;
import cn.huizong.resolution.WriteupLinks;
import cn.huizong.support.ReadLimits;

/**
 * The consolidation job: list the inbox and copy it into the evidence store, read and check each stored file
 * (one transaction per file, under its time budget), resolve the whole run in SQL, publish the outputs, prune
 * older runs' details. The run counts as completed in {@code hz_run} only when the whole job has.
 */
@Configuration
public class ConsolidationJobConfiguration {

    public static final String JOB_NAME = "consolidationJob";
    /** Step execution context key: the file a step is working on, named if the step fails there. */
    public static final String CURRENT_FILE = "huizong.current.file";
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
            @Value("#{jobParameters['received.file']}") String receivedFile, ReadLimits limits, JdbcTemplate jdbc)
            throws IOException {
        String dataDir = dataDirParameter == null || dataDirParameter.isBlank() ? dataDirProperty : dataDirParameter;
        return RunContext.load(runId, Path.of(inputDir), Path.of(outputDir), Path.of(dataDir), campaignFile,
                Path.of(registryFile),
                receivedFile == null || receivedFile.isBlank() ? null : Path.of(receivedFile),
                new MailLog(jdbc).receipts(Path.of(inputDir)), limits);
    }

    @Bean
    public Step intakeInboxStep(JobRepository jobRepository, GracefulStop gracefulStop, PlatformTransactionManager tm,
            JdbcTemplate jdbc, ObjectProvider<RunContext> runContext, ScannedInbox scannedInbox) {
        return new StepBuilder("intakeInboxStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop)
                .tasklet(new IntakeInbox(jdbc, runContext, scannedInbox), tm)
                .build();
    }

    @Bean
    public Step readAndCheckFilesStep(JobRepository jobRepository, GracefulStop gracefulStop,
            PlatformTransactionManager tm, PendingFilesReader pendingFilesReader, FileContentWriter fileContentWriter) {
        // One file per transaction: a crash loses at most the file being read. Bad files never throw (they
        // become issues), and data the database refuses rejects that file alone (FileContentWriter), so nothing
        // is skipped. Nothing is retried in place: after a failed statement PostgreSQL refuses everything until the
        // transaction rolls back, so a retry inside it cannot work. Any other database failure fails the step;
        // the next run restarts it at this file.
        return new StepBuilder("readAndCheckFilesStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop)
                .<PendingFile, PendingFile>chunk(1)
                .reader(pendingFilesReader)
                .writer(fileContentWriter)
                .transactionManager(tm)
                .build();
    }

    @Bean
    @StepScope
    public PendingFilesReader pendingFilesReader(JdbcTemplate jdbc, RunContext runContext) {
        return new PendingFilesReader(jdbc, runContext.runId());
    }

    @Bean
    @StepScope
    public FileContentWriter fileContentWriter(JdbcTemplate jdbc, RunContext runContext, PlatformTransactionManager tm,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        // what this run still has to read, so that progress reaches its total on incremental runs too
        Integer total = jdbc.queryForObject("SELECT COUNT(DISTINCT f.content_key) FROM hz_file f WHERE f.run_id = ? "
                + "AND f.content_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hz_content c WHERE c.content_key = f.content_key)",
                Integer.class, runContext.runId());
        return new FileContentWriter(jdbc, runContext, new Progress(total == null ? 0 : total, stepExecution), tm, stepExecution);
    }

    @Bean
    public Step resolveSubmissionsStep(JobRepository jobRepository, GracefulStop gracefulStop,
            PlatformTransactionManager tm, JdbcTemplate jdbc, ObjectProvider<RunContext> runContext) {
        return new StepBuilder("resolveSubmissionsStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop)
                .tasklet((contribution, chunk) -> {
                    RunContext ctx = runContext.getObject();
                    new Resolution(jdbc, ctx.campaign(), ctx.registry()).resolve(ctx.runId());
                    // after Resolution has decided the accepted cases a write-up's title may link to
                    new DocumentVersions(jdbc, ctx.campaign()).apply(ctx.runId());
                    new WriteupLinks(jdbc, ctx.campaign()).link(ctx.runId());
                    new DocumentCompleteness(jdbc, ctx.campaign()).apply(ctx.runId()); // after the links it counts
                    return RepeatStatus.FINISHED;
                }, tm)
                .build();
    }

    @Bean
    public Step publishOutputsStep(JobRepository jobRepository, GracefulStop gracefulStop, PlatformTransactionManager tm,
            JdbcTemplate jdbc, ObjectProvider<RunContext> runContext) {
        return new StepBuilder("publishOutputsStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop)
                .tasklet(new PublishOutputs(jdbc, runContext), tm)
                .allowStartIfComplete(true) // again on every restart: latest may have moved since
                .build();
    }

    @Bean
    public Step pruneOldRunsStep(JobRepository jobRepository, GracefulStop gracefulStop, PlatformTransactionManager tm,
            JdbcTemplate jdbc, ObjectProvider<RunContext> runContext,
            @Value("${huizong.retention.keep-runs:10}") int keepRuns) {
        RunRetention retention = new RunRetention(jdbc, keepRuns);
        return new StepBuilder("pruneOldRunsStep", jobRepository).listener(STEP_LOGGER).listener(gracefulStop)
                .tasklet((contribution, chunk) -> {
                    RunContext ctx = runContext.getObject();
                    contribution.incrementWriteCount(retention.prune(ctx.runId(), ctx.outputDir()));
                    return RepeatStatus.FINISHED;
                }, tm)
                .build();
    }
}
