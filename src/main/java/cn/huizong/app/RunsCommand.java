package cn.huizong.app;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

/** {@code runs}: the run history province IT checks in the morning, from the same service as the console. */
@Component
public class RunsCommand {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
    private final ZoneId zone;
    private final RunService runs;

    public RunsCommand(RunService runs,
            @org.springframework.beans.factory.annotation.Value("${huizong.zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
        this.runs = runs;
    }

    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        int limit;
        try {
            limit = Integer.parseInt(cli.option("limit", "20"));
        } catch (NumberFormatException e) {
            err.println("用法错误：--limit 应为正整数");
            return ConsolidationRunner.EXIT_USAGE;
        }
        List<RunStatus> rows = runs.runs(limit);
        if (rows.isEmpty()) {
            out.println("还没有任何汇总运行。");
            return ConsolidationRunner.EXIT_OK;
        }
        out.printf("%-22s %-6s %-15s %-15s %-12s %8s %8s %8s %8s%n", "运行编号", "触发", "开始", "结束", "状态",
                "文件数", "新读取", "采用行", "退回行");
        for (RunStatus r : rows) {
            out.printf("%-22s %-6s %-15s %-15s %-12s %8s %8s %8s %8s%n", r.runId(),
                    ConsolidationRunner.triggerName(r.trigger()), time(r.startedAt()), time(r.finishedAt()), status(r),
                    blank(r.filesTotal()), blank(r.filesRead()), blank(r.rowsAccepted()), blank(r.rowsRejected()));
        }
        return ConsolidationRunner.EXIT_OK;
    }

    private static String status(RunStatus r) {
        return switch (r.status()) {
            case COMPLETED -> r.pruned() ? "完成(明细已清理)" : "完成";
            case UNCHANGED -> "无变化(" + r.dataRunId().substring(Math.max(0, r.dataRunId().length() - 10)) + ")";
            case RUNNING -> "进行中";
            case STOPPED, FAILED -> "中断(可续跑)";
        };
    }

    private static String blank(Integer n) {
        return n == null ? "" : n.toString();
    }

    private String time(Instant t) {
        return t == null ? "" : SHOWN.format(t.atZone(zone));
    }
}
