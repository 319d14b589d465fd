package cn.huizong.app;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code runs}: the run history province IT checks in the morning. */
@Component
public class RunsCommand {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
    private final ZoneId zone;

    private final JdbcTemplate jdbc;
    private final RunLock lock;

    public RunsCommand(JdbcTemplate jdbc, RunLock lock,
            @org.springframework.beans.factory.annotation.Value("${huizong.zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.lock = lock;
    }

    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        int limit;
        try {
            limit = Integer.parseInt(cli.option("limit", "20"));
        } catch (NumberFormatException e) {
            err.println("用法错误：--limit 应为正整数");
            return ConsolidationRunner.EXIT_USAGE;
        }
        List<String> locked = lock.runningRunId().stream().toList();
        List<Object[]> rows = new ArrayList<>(jdbc.query("SELECT run_id, trigger_source, started_at, finished_at, "
                + "status, files_total, files_read, rows_accepted, rows_rejected, data_run_id FROM hz_run",
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getTimestamp(4),
                        rs.getString(5), rs.getObject(6), rs.getObject(7), rs.getObject(8), rs.getObject(9),
                        rs.getString(10)}));
        // newest first; sorted here, since run ids are text and a database would sort them by its collation
        Comparator<Timestamp> newestFirst = Comparator.nullsLast(Comparator.reverseOrder());
        rows.sort(Comparator.comparing((Object[] r) -> (Timestamp) r[2], newestFirst)
                .thenComparing(r -> (String) r[0], Comparator.reverseOrder()));
        if (rows.isEmpty()) {
            out.println("还没有任何汇总运行。");
            return ConsolidationRunner.EXIT_OK;
        }
        out.printf("%-22s %-6s %-15s %-15s %-12s %8s %8s %8s %8s%n", "运行编号", "触发", "开始", "结束", "状态",
                "文件数", "新读取", "采用行", "退回行");
        for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
            String status = status((String) r[4], locked.contains((String) r[0]), (String) r[9]);
            Integer total = (Integer) r[5];
            Integer read = (Integer) r[6];
            out.printf("%-22s %-6s %-15s %-15s %-12s %8s %8s %8s %8s%n", r[0],
                    ConsolidationRunner.triggerName((String) r[1]), time((Timestamp) r[2]), time((Timestamp) r[3]), status,
                    total == null ? "" : total, read == null ? "" : read, r[7] == null ? "" : r[7], r[8] == null ? "" : r[8]);
        }
        return ConsolidationRunner.EXIT_OK;
    }

    private static String status(String status, boolean locked, String sameAs) {
        return switch (status == null ? "" : status) {
            case "COMPLETED" -> "完成";
            case "PRUNED" -> "完成(明细已清理)";
            case "UNCHANGED" -> "无变化(" + sameAs.substring(Math.max(0, sameAs.length() - 10)) + ")";
            case "STARTED" -> locked ? "进行中" : "中断(可续跑)";
            default -> status;
        };
    }

    private String time(Timestamp t) {
        return t == null ? "" : SHOWN.format(t.toInstant().atZone(zone));
    }
}
