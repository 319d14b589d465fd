package cn.huizong.web.runs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.app.RunStatus;

/** What the run page shows beyond the run's status: each step from the job repository, issues by code. */
@Component
public class RunDetails {

    /** One step of one execution (a resumed run has one execution per start). */
    public record StepLine(int attempt, String step, String label, String status, long read, long written, long filtered,
            long skipped, long commits, Instant started, Instant ended, Long seconds) {
    }

    /** Issues of one code and severity. */
    public record IssueCount(String code, String severity, long count) {
    }

    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;

    RunDetails(JdbcTemplate jdbc, JobRepository jobRepository) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
    }

    List<StepLine> steps(RunStatus run) {
        List<Long> ids = jdbc.queryForList("SELECT job_execution_id FROM hz_run WHERE run_id = ?", Long.class,
                run.dataRunId() != null && run.status() == RunStatus.State.UNCHANGED ? run.dataRunId() : run.runId());
        if (ids.isEmpty() || ids.get(0) == null) {
            return List.of();
        }
        JobExecution first = jobRepository.getJobExecution(ids.get(0));
        if (first == null) {
            return List.of();
        }
        List<JobExecution> executions = new ArrayList<>(jobRepository.getJobExecutions(first.getJobInstance()));
        executions.sort(Comparator.comparing(JobExecution::getId));
        List<StepLine> lines = new ArrayList<>();
        int attempt = 0;
        for (JobExecution e : executions) {
            attempt++;
            List<StepExecution> steps = new ArrayList<>(e.getStepExecutions());
            steps.sort(Comparator.comparing(StepExecution::getId));
            for (StepExecution s : steps) {
                Instant start = instant(s.getStartTime());
                Instant end = instant(s.getEndTime());
                lines.add(new StepLine(attempt, s.getStepName(), label(s.getStepName()), s.getStatus().name(),
                        s.getReadCount(), s.getWriteCount(), s.getFilterCount(), s.getSkipCount(), s.getCommitCount(),
                        start, end, start != null && end != null ? Duration.between(start, end).toSeconds() : null));
            }
        }
        return lines;
    }

    List<IssueCount> issues(RunStatus run) {
        return jdbc.query("SELECT code, severity, COUNT(*) FROM hz_issue WHERE run_id = ? GROUP BY code, severity",
                (rs, i) -> new IssueCount(rs.getString(1), rs.getString(2), rs.getLong(3)), run.dataRunId()).stream()
                .sorted(Comparator.comparing((IssueCount c) -> rank(c.severity())).thenComparing(c -> -c.count())
                        .thenComparing(IssueCount::code))
                .toList();
    }

    public Optional<String> severityLabel(String s) {
        return Optional.ofNullable(switch (s == null ? "" : s) {
            case "error" -> "错误";
            case "warning" -> "提醒";
            case "info" -> "说明";
            default -> null;
        });
    }

    private static int rank(String severity) {
        return switch (severity == null ? "" : severity) {
            case "error" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }

    private static String label(String step) {
        return RunStatus.stepLabel(step);
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.atZone(ZoneId.systemDefault()).toInstant();
    }
}
