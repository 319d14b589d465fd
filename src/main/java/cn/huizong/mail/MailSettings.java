package cn.huizong.mail;

import java.util.Properties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import jakarta.mail.Session;

/**
 * The campaign mailbox: IMAP for fetching ({@code huizong.mail.imap.*}) and SMTP for sending
 * ({@code huizong.mail.smtp.*}). Passwords come from the environment in production
 * (HUIZONG_MAIL_IMAP_PASSWORD, HUIZONG_MAIL_SMTP_PASSWORD), never from a file in the repository.
 *
 * @param maxAttachmentBytes the attachments' base64-encoded size a letter may carry
 *                           ({@code huizong.mail.max-attachment-bytes}, e.g. 20MB); marked copies beyond it are named
 *                           in the body instead
 */
public record MailSettings(Imap imap, Smtp smtp, long maxAttachmentBytes) {

    /** @param markSeen mark fetched messages as read (the folder is then opened read-write); off by default */
    public record Imap(String host, int port, String username, String password, String folder, boolean ssl,
            boolean markSeen) {

        public boolean configured() {
            return host != null && !host.isBlank();
        }

        /** The mailbox's name in the database: user@host. */
        String mailbox() {
            return (username == null ? "" : username) + "@" + host;
        }
    }

    public record Smtp(String host, int port, String username, String password, boolean ssl, String from) {

        public boolean configured() {
            return host != null && !host.isBlank() && from != null && !from.isBlank();
        }
    }

    static final int TIMEOUT_MS = 60_000;

    /** Under the smallest limit units' mail commonly has (20 MB a message). */
    static final long DEFAULT_MAX_ATTACHMENT_BYTES = 20L * 1024 * 1024;

    public static MailSettings from(Environment env) {
        boolean imapSsl = env.getProperty("huizong.mail.imap.ssl", Boolean.class, true);
        boolean smtpSsl = env.getProperty("huizong.mail.smtp.ssl", Boolean.class, true);
        return new MailSettings(
                new Imap(env.getProperty("huizong.mail.imap.host", ""),
                        env.getProperty("huizong.mail.imap.port", Integer.class, imapSsl ? 993 : 143),
                        env.getProperty("huizong.mail.imap.username", ""),
                        env.getProperty("huizong.mail.imap.password", ""),
                        env.getProperty("huizong.mail.imap.folder", "INBOX"), imapSsl,
                        env.getProperty("huizong.mail.imap.mark-seen", Boolean.class, false)),
                new Smtp(env.getProperty("huizong.mail.smtp.host", ""),
                        env.getProperty("huizong.mail.smtp.port", Integer.class, smtpSsl ? 465 : 25),
                        env.getProperty("huizong.mail.smtp.username", ""),
                        env.getProperty("huizong.mail.smtp.password", ""), smtpSsl,
                        env.getProperty("huizong.mail.smtp.from", "")),
                Binder.get(env).bind("huizong.mail.max-attachment-bytes", DataSize.class).map(DataSize::toBytes)
                        .orElse(DEFAULT_MAX_ATTACHMENT_BYTES));
    }

    /** A session for parsing and building messages; raw 8-bit headers stay bytes (as ISO-8859-1 chars) for us to decode. */
    static Session session() {
        Properties p = new Properties();
        p.put("mail.mime.allowutf8", "false");
        return Session.getInstance(p);
    }

    Session imapSession() {
        Properties p = new Properties();
        String proto = imap.ssl() ? "imaps" : "imap";
        p.put("mail.store.protocol", proto);
        p.put("mail." + proto + ".host", imap.host());
        p.put("mail." + proto + ".port", String.valueOf(imap.port()));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + proto + ".timeout", String.valueOf(TIMEOUT_MS));
        // reading a message never sets \\Seen by itself (only mark-seen does, explicitly)
        p.put("mail." + proto + ".peek", "true");
        return Session.getInstance(p);
    }

    Session smtpSession() {
        Properties p = new Properties();
        String proto = smtp.ssl() ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", smtp.host());
        p.put("mail." + proto + ".port", String.valueOf(smtp.port()));
        p.put("mail." + proto + ".auth", String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + proto + ".timeout", String.valueOf(TIMEOUT_MS));
        if (!smtp.ssl()) {
            p.put("mail.smtp.starttls.enable", "true"); // used when the server offers it
        }
        return Session.getInstance(p);
    }
}
