package cn.huizong.job;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Marks a run COMPLETED in {@code hz_run} only once the whole job has completed. A run stopped or killed
 * after publishing is still STARTED there, so retention never prunes a run a later restart would resume, and
 * {@code finished_at} is when the run really ended (the current result is the latest finished run).
 */
final class RunCompletion implements JobExecutionListener {

    private final JdbcTemplate jdbc;

    RunCompletion(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterJob(JobExecution job) {
        if (job.getStatus() == BatchStatus.COMPLETED) {
            jdbc.update("UPDATE hz_run SET status = 'COMPLETED', finished_at = ? WHERE run_id = ?",
                    Timestamp.from(Instant.now()), job.getJobParameters().getString("run.id"));
        }
    }
}
