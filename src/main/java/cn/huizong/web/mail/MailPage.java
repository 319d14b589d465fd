package cn.huizong.web.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import cn.huizong.app.RunService;
import cn.huizong.mail.MailLog;
import cn.huizong.web.ServeSettings;

/** What the 邮件 page shows, read from the mail tables and the outbox folders the mailers write. */
@Component
class MailPage {

    static final String NO_IMAP = "未配置收件服务器：请设置 huizong.mail.imap.host、.username 等（密码放在环境变量 "
            + "HUIZONG_MAIL_IMAP_PASSWORD 中），配置后才能收取邮件。";
    static final String NO_SMTP = "未配置发信服务器：请设置 huizong.mail.smtp.host 和 huizong.mail.smtp.from（密码放在环境变量 "
            + "HUIZONG_MAIL_SMTP_PASSWORD 中），配置后才能发送反馈和催报。";
    private static final Logger log = LoggerFactory.getLogger(MailPage.class);
    private static final int LIMIT = 200;

    /** A message fetched, with a flag for what is no submission (link only, no attachment, ignored). */
    record Message(MailLog.In in, String flag, String flagCss) {
    }

    /** All fetches so far, from the log: the newest message's fetch time and the totals. */
    record Totals(Instant lastFetchedAt, int messages, int files) {
    }

    /** A letter written and not sent yet: its file, recipients, subject and, when a send failed, why. */
    record Pending(String kind, String file, String to, String subject, String error) {
    }

    private final JdbcTemplate jdbc;
    private final MailLog mailLog;
    private final RunService runs;
    private final ServeSettings settings;

    MailPage(JdbcTemplate jdbc, RunService runs, ServeSettings settings) {
        this.jdbc = jdbc;
        this.mailLog = new MailLog(jdbc);
        this.runs = runs;
        this.settings = settings;
    }

    List<Message> messages() {
        return mailLog.received(LIMIT).stream().map(m -> switch (m.kind() == null ? "" : m.kind()) {
            case "cloud_link" -> new Message(m, "仅有链接", "sd-returned");
            case "no_attachment" -> new Message(m, "无附件", "sd-late");
            case "auto_reply" -> new Message(m, "自动回复，已忽略", "sd-na");
            case "bounce" -> new Message(m, "退信，已忽略", "sd-na");
            default -> new Message(m, null, null);
        }).toList();
    }

    Totals totals() {
        return jdbc.queryForObject("SELECT MAX(fetched_at), COUNT(*), COALESCE(SUM(attachments), 0) FROM hz_mail_in",
                (rs, i) -> {
                    Timestamp t = rs.getTimestamp(1);
                    return new Totals(t == null ? null : t.toInstant(), rs.getInt(2), rs.getInt(3));
                });
    }

    List<MailLog.Out> history() {
        return mailLog.sent(LIMIT);
    }

    /**
     * The outbox to review: the .eml files send-feedback wrote for the current run and send-reminders wrote for
     * the day, less those already sent.
     */
    List<Pending> outbox(java.time.LocalDate today) {
        Map<String, String[]> out = new HashMap<>();
        jdbc.query("SELECT eml_path, state, error FROM hz_mail_out WHERE eml_path IS NOT NULL",
                rs -> {
                    out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        List<Pending> pending = new ArrayList<>();
        runs.latestRunId().ifPresent(id -> add(pending, "反馈", settings.output().resolve("runs").resolve(id)
                .resolve("outbox"), out));
        add(pending, "催报", settings.output().resolve("outbox").resolve("催报").resolve(today.toString()), out);
        return pending;
    }

    private static void add(List<Pending> pending, String kind, Path dir, Map<String, String[]> recorded) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Session session = Session.getInstance(new Properties());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path eml : files.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList()) {
                String[] state = recorded.get(eml.toString());
                if (state != null && "sent".equals(state[0])) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(eml)) {
                    MimeMessage m = new MimeMessage(session, in);
                    pending.add(new Pending(kind, eml.getFileName().toString(), m.getHeader("To", "; "), m.getSubject(),
                            state == null ? null : state[1]));
                } catch (MessagingException | IOException e) {
                    log.warn("cannot read the letter {}: {}", eml, e.toString());
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the outbox {}: {}", dir, e.toString());
        }
    }
}
