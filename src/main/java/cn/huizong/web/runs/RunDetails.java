package cn.huizong.web.runs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.app.RunStatus;

/** What the run page shows beyond the run's status: each step from the job repository, issues by code, its log. */
@Component
public class RunDetails {

    /** One step of one execution (a resumed run has one execution per start). */
    public record StepLine(int attempt, String step, String label, String status, long read, long written, long filtered,
            long skipped, long commits, Instant started, Instant ended, Long seconds) {
    }

    /** Issues of one code and severity. */
    public record IssueCount(String code, String severity, long count) {
    }

    /** Log lines shown on a run's page at most. */
    static final int LOG_LINES = 40;

    /** How much of the log file's end is read: Logback rolls the file at 10 MB. */
    private static final int LOG_TAIL_BYTES = 4 << 20;

    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;
    private final Environment env;

    RunDetails(JdbcTemplate jdbc, JobRepository jobRepository, Environment env) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.env = env;
    }

    /**
     * The last lines of the log file (logging.file.name) that name the run or were written while it ran, a stack
     * trace going with the line above it; empty without a log file.
     */
    List<String> logTail(RunStatus run) throws IOException {
        String name = env.getProperty("logging.file.name");
        if (name == null || name.isBlank()) {
            return List.of();
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Instant from = run.startedAt();
        Instant to = run.finishedAt() != null ? run.finishedAt() : Instant.now();
        ArrayDeque<String> kept = new ArrayDeque<>(LOG_LINES);
        Instant stamp = null;
        for (String line : tail(file).split("\r?\n")) {
            Instant t = stampOf(line);
            if (t != null) {
                stamp = t;
            }
            boolean during = stamp != null && from != null && !stamp.isBefore(from.truncatedTo(ChronoUnit.SECONDS))
                    && !stamp.isAfter(to.plusSeconds(1));
            if (!line.isEmpty() && (line.contains(run.runId()) || during)) {
                if (kept.size() == LOG_LINES) {
                    kept.removeFirst();
                }
                kept.addLast(line);
            }
        }
        return List.copyOf(kept);
    }

    private static String tail(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            // cut in the middle of a line: drop that part line
            return start == 0 ? text : text.substring(text.indexOf('\n') + 1);
        }
    }

    /** The time a log line starts with (Boot's file pattern: 2025-12-10T09:30:00.123+08:00), or null. */
    static Instant stampOf(String line) {
        int space = line.indexOf(' ');
        if (space < 19 || !Character.isDigit(line.charAt(0))) {
            return null;
        }
        String head = line.substring(0, space);
        try {
            return OffsetDateTime.parse(head).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(head.replace(' ', 'T')).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException notATime) {
                return null;
            }
        }
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
