package cn.huizong.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: a command, then {@code --option value} or {@code --option=value} pairs and positional
 * arguments. Unknown options are usage errors (exit 2), never silently ignored.
 */
public record CliArguments(String command, Map<String, String> options, List<String> positional) {

    static final Map<String, Set<String>> OPTIONS = Map.of(
            "consolidate", Set.of("input", "registry", "output", "data", "db", "campaign", "received"),
            "validate", Set.of("registry", "campaign"),
            "runs", Set.of("data", "db", "limit"),
            "serve", Set.of("input", "registry", "output", "data", "db", "campaign", "received", "port"),
            "fetch-mail", Set.of("input", "registry", "data", "db"),
            "send-feedback", Set.of("output", "run", "send", "registry", "campaign", "data", "db"),
            "send-reminders", Set.of("output", "send", "registry", "campaign", "data", "db"),
            "mail", Set.of("data", "db", "limit"),
            "help", Set.of());

    /** Options that take no value: present means yes. */
    static final Set<String> FLAGS = Set.of("send");

    public static CliArguments parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("缺少命令");
        }
        String command = args[0];
        if (command.equals("-h") || command.equals("--help")) {
            command = "help";
        }
        Set<String> allowed = OPTIONS.get(command);
        if (allowed == null) {
            throw new UsageException("未知命令“" + command + "”");
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (FLAGS.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = args[++i];
                } else {
                    throw new UsageException("选项 --" + name + " 缺少取值");
                }
                if (!allowed.contains(name)) {
                    throw new UsageException("命令 " + command + " 没有选项 --" + name);
                }
                if (value.isBlank()) {
                    throw new UsageException("选项 --" + name + " 的取值为空");
                }
                options.put(name, value);
            } else {
                positional.add(a);
            }
        }
        if (!command.equals("validate") && !positional.isEmpty()) {
            throw new UsageException(command + " 不接受多余的参数：" + String.join(" ", positional));
        }
        return new CliArguments(command, Map.copyOf(options), List.copyOf(positional));
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public static String usage() {
        return """
                用法：java -jar huizong.jar <命令> [选项]

                命令：
                  consolidate  汇总收件箱中的全部报送文件，生成省级汇总表、配额核查、报送情况和问题清单
                      --input DIR        收件箱目录（默认 input/inbox）
                      --registry FILE    报送单位名录（默认 input/registry.csv）
                      --output DIR       输出目录（默认 output）
                      --data DIR         数据目录：收到文件的存档（按 SHA-256）和默认数据库（默认 data）
                      --db JDBC_URL      数据库（默认 jdbc:h2:file:<数据目录>/huizong）
                      --campaign FILE    活动定义（默认 jobs/jiaoyu-zhuqi-2025.yml，jar 内亦有一份）
                      --received FILE    收件记录 file,received_at（默认收件箱同级的 received.csv，可无）

                  validate FILE  检查单个文件（不写数据库、不产生输出），列出每个问题所在单元格和修改方法
                      --registry FILE  --campaign FILE  同上
                  runs           列出最近的汇总运行（编号、触发方式、起止时间、状态、文件数、行数）
                      --db JDBC_URL  --limit N（默认 20）
                  serve          常驻运行：网页控制台（默认端口 8080），并按 huizong.schedule.cron（默认每天 02:00，
                                 北京时间）定时汇总；启动时补跑错过的定时任务；收到 SIGTERM 时安全停止，下次可续跑；
                                 配置了收件服务器（huizong.mail.imap.host）时，每次定时汇总前先收取邮件
                      选项同 consolidate，另有 --port N（网页端口，默认 8080）

                  fetch-mail     收取报送邮箱中的新邮件，把附件存入收件箱的 邮件/<日期>/<发件人>/ 下
                                 （收到时间以邮件服务器为准；重复运行不会重复保存）
                      --input DIR  --registry FILE  --data DIR  --db JDBC_URL  同上
                  send-feedback  给汇总结果中有问题的单位发送反馈邮件（反馈表和标注副本作附件）
                      --run ID       汇总运行编号（默认 latest，即当前结果）
                      --send         真正发送；不加时只把邮件写成 .eml 放在 runs/<编号>/outbox/ 供核对
                      --output DIR  --registry FILE  --campaign FILE  --data DIR  --db JDBC_URL  同上
                  send-reminders 在活动定义 reminderDays 指定的日子给尚未报送的单位发送催报邮件
                      --send  --output DIR  --registry FILE  --campaign FILE  --data DIR  --db JDBC_URL  同上
                  mail           列出收取和发出的邮件（时间、发件人/收件人、主题、附件、处理结果）
                      --db JDBC_URL  --limit N（默认 20）

                退出码：0 完成；1 系统故障（含邮件服务器连接或发送失败）；2 用法错误；3 已有汇总正在运行；
                        4 validate 发现错误
                """;
    }

    /** A command line that cannot be run as written. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
