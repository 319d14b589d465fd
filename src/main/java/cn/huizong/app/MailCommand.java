package cn.huizong.app;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.mail.MailLog;

/** {@code mail}: the messages fetched and the letters sent, newest first. */
@Component
public class MailCommand {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private final MailLog log;
    private final ZoneId zone;

    public MailCommand(JdbcTemplate jdbc, @Value("${huizong.zone:Asia/Shanghai}") ZoneId zone) {
        this.log = new MailLog(jdbc);
        this.zone = zone;
    }

    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        int limit;
        try {
            limit = Integer.parseInt(cli.option("limit", "20"));
            if (limit <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("用法错误：--limit 应为正整数");
            return ConsolidationRunner.EXIT_USAGE;
        }
        List<MailLog.In> in = log.received(limit);
        List<MailLog.Out> sent = log.sent(limit);
        out.println("收到的邮件（最近 " + in.size() + " 封）：");
        if (in.isEmpty()) {
            out.println("  （无）");
        }
        for (MailLog.In m : in) {
            out.println("  " + time(m.receivedAt()) + "  " + (m.sender() == null ? "（无发件人）" : m.sender()) + "  "
                    + (m.unit() == null ? "（单位未能确定）" : m.unit()) + "  《" + m.subject() + "》  " + m.note()
                    + (m.paths().isEmpty() ? "" : "：" + String.join("、", m.paths())));
        }
        out.println("发出的邮件（最近 " + sent.size() + " 封）：");
        if (sent.isEmpty()) {
            out.println("  （无）");
        }
        for (MailLog.Out m : sent) {
            out.println("  " + time(m.sentAt() != null ? m.sentAt() : m.createdAt()) + "  "
                    + ("reminder".equals(m.kind()) ? "催报" : "反馈") + "  " + m.unit() + " → " + m.recipients() + "  《"
                    + m.subject() + "》  " + ("sent".equals(m.state()) ? "已发送" : "待发送（上次失败：" + m.error() + "）")
                    + "  " + (m.messageId() == null ? "" : m.messageId()));
        }
        return ConsolidationRunner.EXIT_OK;
    }

    private String time(Instant t) {
        return t == null ? "" : SHOWN.format(t.atZone(zone));
    }
}
