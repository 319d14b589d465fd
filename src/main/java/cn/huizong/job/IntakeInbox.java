package cn.huizong.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.intake.InboxFile;
import cn.huizong.intake.InboxScanner;
import cn.huizong.intake.ManifestStore;
import cn.huizong.reporting.RunPublisher;

/** Walks the inbox once (copying every file into the evidence store), records the run, its manifest and units. */
final class IntakeInbox implements Tasklet {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<RunContext> runContext;
    private final ScannedInbox scanned;

    IntakeInbox(JdbcTemplate jdbc, ObjectProvider<RunContext> runContext, ScannedInbox scanned) {
        this.jdbc = jdbc;
        this.runContext = runContext;
        this.scanned = scanned;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        RunContext ctx = runContext.getObject();
        RunPublisher.deleteTree(ctx.tempDir()); // parser scratch of an earlier run
        List<InboxFile> files = scanned.take(ctx.runId());
        if (files == null) {
            files = new InboxScanner(ctx.limits(), ctx.store()).scan(ctx.inputDir(), ctx.receivedLog());
        }
        Instant started = Instant.now();
        jdbc.update("DELETE FROM hz_run WHERE run_id = ?", ctx.runId());
        String by = contribution.getStepExecution().getJobParameters().getString("started.by", "");
        jdbc.update("INSERT INTO hz_run (run_id, job_execution_id, trigger_source, started_by, campaign_id, rules_fp, "
                + "input_dir, output_dir, started_at, status, files_total) VALUES (?,?,?,?,?,?,?,?,?,?,?)", ctx.runId(),
                contribution.getStepExecution().getJobExecutionId(),
                contribution.getStepExecution().getJobParameters().getString("trigger", "cli"), by.isEmpty() ? null : by,
                ctx.campaign().id(), ctx.rulesFingerprint(), ctx.inputDir().toString(), ctx.outputDir().toString(),
                Timestamp.from(started), "STARTED", files.size());
        ManifestStore manifest = new ManifestStore(jdbc);
        manifest.saveUnits(ctx.runId(), ctx.registry());
        manifest.saveManifest(ctx.runId(), files, ctx.registry(), ctx::contentKey, ctx.receivedLog());
        manifest.recordFirstSeen(ctx.runId(), files, started);
        contribution.incrementWriteCount(files.size());
        return RepeatStatus.FINISHED;
    }
}
