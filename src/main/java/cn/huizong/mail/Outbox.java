package cn.huizong.mail;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Writes letters as .eml files and, when asked, sends them over SMTP, each at most once: a letter's key is
 * recorded as pending before it is sent and as sent after, so a failure leaves the others sent and that one
 * pending for the next call. (A crash between the server's acceptance and the record sends it again on the next
 * call; its Message-ID is the same, so the recipient's client shows one message.)
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** What became of one letter. */
    enum Outcome {
        WRITTEN, SENT, ALREADY_SENT, NO_ADDRESS, FAILED
    }

    record Report(Letter letter, Outcome outcome, Path eml, String error) {
    }

    private final JdbcTemplate jdbc;
    private final MailSettings.Smtp smtp;
    private final Session session;

    Outbox(JdbcTemplate jdbc, MailSettings settings) {
        this.jdbc = jdbc;
        this.smtp = settings.smtp();
        this.session = settings.smtpSession();
    }

    boolean alreadySent(String key) {
        return !jdbc.queryForList("SELECT 1 FROM hz_mail_out WHERE letter_key = ? AND state = 'sent'", Integer.class, key)
                .isEmpty();
    }

    /**
     * @param emlDir where each letter is written as &lt;unit&gt;.eml (always, so the clerk sees what went out)
     * @param send   send the letters (else only write them)
     */
    List<Report> deliver(List<Letter> letters, Path emlDir, boolean send) {
        List<Report> out = new ArrayList<>();
        Transport transport = null;
        try {
            for (Letter l : letters) {
                if (alreadySent(l.key())) {
                    out.add(new Report(l, Outcome.ALREADY_SENT, null, null));
                    continue;
                }
                if (l.to().isEmpty()) {
                    out.add(new Report(l, Outcome.NO_ADDRESS, null, null));
                    continue;
                }
                Path eml = emlDir.resolve(cn.huizong.reporting.FileNames.safe(l.unit()
                        + (l.template() == null ? "" : "-" + l.template())) + ".eml");
                MimeMessage message;
                try {
                    message = l.toMessage(session, smtp.from().isBlank() ? "huizong@localhost" : smtp.from(), Instant.now());
                    Letter.writeEml(message, eml);
                } catch (Exception e) {
                    log.error("could not write the letter to {}", l.unit(), e);
                    out.add(new Report(l, Outcome.FAILED, null, e.getMessage()));
                    continue;
                }
                if (!send) {
                    out.add(new Report(l, Outcome.WRITTEN, eml, null));
                    continue;
                }
                record(l, message, eml);
                try {
                    if (transport == null) {
                        transport = session.getTransport(smtp.ssl() ? "smtps" : "smtp");
                        transport.connect(smtp.host(), smtp.port(), blankToNull(smtp.username()), blankToNull(smtp.password()));
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                    jdbc.update("UPDATE hz_mail_out SET state = 'sent', sent_at = ?, error = NULL WHERE letter_key = ?",
                            Timestamp.from(Instant.now()), l.key());
                    out.add(new Report(l, Outcome.SENT, eml, null));
                } catch (MessagingException | RuntimeException e) {
                    log.error("sending the letter to {} ({}) failed", l.unit(), String.join(", ", l.to()), e);
                    jdbc.update("UPDATE hz_mail_out SET error = ? WHERE letter_key = ?", String.valueOf(e.getMessage()),
                            l.key());
                    out.add(new Report(l, Outcome.FAILED, eml, String.valueOf(e.getMessage())));
                    close(transport); // a broken connection is not used again
                    transport = null;
                }
            }
        } finally {
            close(transport);
        }
        return out;
    }

    private void record(Letter l, MimeMessage message, Path eml) {
        String id;
        try {
            id = message.getMessageID();
        } catch (MessagingException e) {
            id = null;
        }
        int updated = jdbc.update("UPDATE hz_mail_out SET attempts = attempts + 1, recipients = ?, subject = ?, "
                + "message_id = ?, eml_path = ?, run_id = ? WHERE letter_key = ?", String.join(";", l.to()), l.subject(), id,
                eml.toString(), l.runId(), l.key());
        if (updated == 0) {
            jdbc.update("INSERT INTO hz_mail_out (letter_key, kind, run_id, unit, template, content_sha, recipients, subject, "
                    + "message_id, eml_path, state, attempts, created_at) VALUES (?,?,?,?,?,?,?,?,?,?, 'pending', 1, ?)",
                    l.key(), l.kind(), l.runId(), l.unit(), l.template(), l.contentSha(), String.join(";", l.to()),
                    l.subject(), id, eml.toString(), Timestamp.from(Instant.now()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void close(Transport t) {
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException e) {
                // closing a connection that already failed
            }
        }
    }
}
