package cn.huizong.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;

import cn.huizong.job.ConsolidationJobConfiguration;

/**
 * Turning exceptions into the one Chinese line a user reads: which step, which file, what kind of failure,
 * and where the stack trace is (the log file; the console gets none).
 */
public final class HuizongMessages {

    private static final Map<String, String> STEP_NAMES = Map.of(
            "intakeInboxStep", "收取文件",
            "readAndCheckFilesStep", "读取检查",
            "resolveSubmissionsStep", "汇总判定",
            "publishOutputsStep", "发布结果",
            "pruneOldRunsStep", "清理旧运行");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    private HuizongMessages() {
    }

    public static String rootMessage(Throwable e) {
        Throwable t = root(e);
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The line for a run whose job did not complete (the job is resumable). */
    static String failedRun(String runId, JobExecution execution) {
        StepExecution step = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() != BatchStatus.COMPLETED).findFirst().orElse(null);
        List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
        String file = step == null ? null : step.getExecutionContext().getString(ConsolidationJobConfiguration.CURRENT_FILE, null);
        if (file == null) {
            file = failures.stream().map(HuizongMessages::fileOf).filter(f -> f != null).findFirst().orElse(null);
        }
        String where = step == null ? "运行中" : "在“" + stepName(step.getStepName()) + "”步骤"
                + (file == null ? "" : "处理文件“" + oneLine(file) + "”时");
        String why = failures.isEmpty() ? oneLine(execution.getExitStatus().getExitDescription()) : reason(failures);
        return "汇总运行 " + runId + " 未完成：" + where + "出错（" + (why.isBlank() ? "原因不明" : why) + "）。"
                + logHint() + "再次运行 consolidate 会从中断处继续。";
    }

    /** The line for a failure outside the job (before it started, or in the runner itself). */
    static String failure(Throwable e) {
        return "汇总运行失败：" + reason(List.of(e)) + "。" + logHint();
    }

    static String stepName(String step) {
        return STEP_NAMES.getOrDefault(step, step);
    }

    /**
     * What went wrong, in Chinese: a message of our own as it is, else the kind of failure, judged from every
     * exception recorded and their causes (a lost connection often surfaces as the rollback that failed after it).
     */
    static String reason(List<Throwable> failures) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable f : failures) {
            collect(f, all);
        }
        for (Throwable root : all) {
            String own = root.getMessage();
            // our own code throws these with a Chinese message (a library's message may only contain a Chinese path)
            boolean ours = root.getClass().getName().startsWith("cn.huizong.")
                    || root.getClass() == IllegalArgumentException.class
                    || root.getClass() == IllegalStateException.class;
            if (ours && own != null && HAN.matcher(own).find()) {
                String line = oneLine(own);
                return line.length() > 200 ? line.substring(0, 200) + "…" : line;
            }
        }
        for (Throwable t : all) {
            if (t instanceof OutOfMemoryError) {
                return "内存不足，可用 java -Xmx 加大内存后重试";
            }
        }
        for (Throwable t : all) {
            String state = sqlState(t);
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                    || state.startsWith("08") || state.startsWith("57P") || state.equals("90067")
                    || state.equals("90098")) {
                // 08: connection, 57P: the server shut down or ended the session, 90067/90098: H2 broken or closed;
                // a commit or rollback that fails (TransactionSystemException) has lost its connection too
                return "数据库连接失败或中断";
            }
            if (state.startsWith("53")) {
                return "数据库服务器资源不足（磁盘、内存或连接数）";
            }
        }
        for (Throwable t : all) {
            if (t instanceof DataIntegrityViolationException) {
                return "数据库拒绝写入数据";
            }
            if (t instanceof IOException && t.getMessage() != null
                    && (t.getMessage().contains("No space left") || t.getMessage().contains("Disk quota"))) {
                return "磁盘空间不足";
            }
        }
        for (Throwable t : all) {
            if (t instanceof DataAccessException || t instanceof SQLException) {
                return "数据库操作失败";
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return "文件读写失败";
            }
        }
        return "程序内部错误";
    }

    /** The exception, its causes and what they suppressed, roots first. */
    private static void collect(Throwable e, List<Throwable> into) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t) && !into.contains(t); t = next(t)) {
            chain.add(t);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            into.add(chain.get(i));
            for (Throwable s : chain.get(i).getSuppressed()) {
                collect(s, into);
            }
        }
    }

    /** Where the stack trace is: the log file Spring Boot writes ({@code logging.file.name}), if any. */
    static String logHint() {
        String file = logFile();
        return file == null ? "完整错误信息见日志；" : "完整错误信息见日志文件 " + file + "；";
    }

    static String logFile() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Iterator<Appender<ILoggingEvent>> it = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .iteratorForAppenders();
            while (it.hasNext()) {
                if (it.next() instanceof FileAppender<ILoggingEvent> f && f.getFile() != null) {
                    return Path.of(f.getFile()).toAbsolutePath().normalize().toString();
                }
            }
        }
        return null;
    }

    /** A file named by the failure itself (permission denied, a path that is a folder …), if any. */
    static String fileOf(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof FileSystemException f && f.getFile() != null) {
                return f.getFile();
            }
        }
        return null;
    }

    private static String sqlState(Throwable t) {
        return t instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
    }

    private static String oneLine(String s) {
        return s == null ? "" : CONTROL.matcher(s).replaceAll(" ").strip();
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (next(t) != null) {
            t = next(t);
        }
        return t;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
