package cn.huizong.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.reporting.DerivedValues;
import cn.huizong.reporting.Reports;
import cn.huizong.reporting.RunPublisher;

/**
 * Writes the run folder (CSV feeds, 省级汇总表.xlsx, 反馈/) and makes it {@code latest}. A run folder only ever
 * appears complete (written aside, then renamed), so a publish restarted after a crash finds it either absent
 * or whole, and latest never points at half a run.
 */
final class PublishOutputs implements Tasklet {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<RunContext> runContext;

    PublishOutputs(JdbcTemplate jdbc, ObjectProvider<RunContext> runContext) {
        this.jdbc = jdbc;
        this.runContext = runContext;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        RunContext ctx = runContext.getObject();
        Path folder = ctx.runFolder();
        if (!Files.isDirectory(folder)) {
            Path draft = folder.resolveSibling(".draft-" + ctx.runId());
            RunPublisher.deleteTree(draft);
            Files.createDirectories(draft);
            // SXSSF and the usermodel spill to temporary files: under the data folder, never the system's
            TempFile.setThreadLocalTempFileCreationStrategy(new DefaultTempFileCreationStrategy(ctx.tempDir().toFile()));
            try {
                new Reports(jdbc, ctx.campaign(), ctx.store(), ctx.limits(), ctx.tempDir()).write(ctx.runId(), draft);
            } finally {
                TempFile.setThreadLocalTempFileCreationStrategy(null);
            }
            Files.move(draft, folder, StandardCopyOption.ATOMIC_MOVE);
        }
        // what the BI views cannot compute in SQL, committed with this step: the views switch to this run whole
        new DerivedValues(jdbc).fill(ctx.campaign(), ctx.runId());
        RunPublisher.publish(ctx.outputDir(), ctx.runId());
        jdbc.update("UPDATE hz_run SET finished_at = ?, published = TRUE, data_run_id = run_id, "
                + "files_read = (SELECT COUNT(*) FROM hz_content WHERE read_by_run = ?), "
                + "rows_accepted = (SELECT COUNT(*) FROM hz_record WHERE run_id = ? AND status = 'accepted'), "
                + "rows_rejected = (SELECT COUNT(*) FROM hz_record WHERE run_id = ? AND status = 'rejected') "
                + "WHERE run_id = ?", Timestamp.from(Instant.now()), ctx.runId(), ctx.runId(), ctx.runId(), ctx.runId());
        return RepeatStatus.FINISHED;
    }
}
