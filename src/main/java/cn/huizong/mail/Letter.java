package cn.huizong.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * A letter to a unit (feedback or reminder): recipients, Chinese subject, plain-text body and attachments. Its
 * Message-ID is fixed by what the letter is, so a letter sent again after a crash is the same message to the
 * recipient's client.
 *
 * @param key the letter's identity in hz_mail_out (feedback: unit and content; reminder: unit, template, day)
 */
record Letter(String key, String kind, String runId, String unit, String template, String contentSha,
        List<String> to, String subject, String body, List<Path> attachments) {

    /**
     * The message as sent. Attachment names go in both forms clients read: RFC 2047 in {@code name} and
     * {@code filename} (Outlook, Foxmail, QQ and 163 mail read these) and RFC 2231 in {@code filename*} (Thunderbird,
     * Apple Mail, Gmail prefer it), all UTF-8.
     */
    MimeMessage toMessage(Session session, String from, Instant date) throws MessagingException, IOException {
        String domain = from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip();
        String id = "<" + kind + "." + key.substring(key.indexOf(':') + 1, Math.min(key.length(), key.indexOf(':') + 33))
                + "@" + (domain.isEmpty() ? "huizong" : domain) + ">";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        m.setFrom(address(from));
        List<InternetAddress> rcpt = new ArrayList<>();
        for (String t : to) {
            rcpt.add(new InternetAddress(t));
        }
        m.setRecipients(Message.RecipientType.TO, rcpt.toArray(new InternetAddress[0]));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(Date.from(date));
        m.setHeader("Auto-Submitted", "auto-generated"); // other robots do not answer it
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8", "plain");
        text.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(text);
        for (Path file : attachments) {
            mixed.addBodyPart(attachment(file));
        }
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    static InternetAddress address(String written) throws AddressException, UnsupportedEncodingException {
        InternetAddress a = new InternetAddress(written, false);
        if (a.getPersonal() != null) {
            a.setPersonal(a.getPersonal(), "UTF-8");
        }
        return a;
    }

    static MimeBodyPart attachment(Path file) throws MessagingException, IOException {
        String name = file.getFileName().toString();
        String mime = mimeType(name);
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(Files.readAllBytes(file), mime)));
        String encoded = MimeUtility.encodeText(name, "UTF-8", "B").replaceAll("\\r?\\n[ \\t]*", " ");
        p.setHeader("Content-Type", mime + ";\r\n\tname=\"" + encoded + "\"");
        p.setHeader("Content-Disposition", "attachment;\r\n\tfilename=\"" + encoded + "\";\r\n\t" + rfc2231("filename", name));
        p.setHeader("Content-Transfer-Encoding", "base64");
        return p;
    }

    /** filename*0*=UTF-8''%E9…; filename*1*=… in pieces short enough for 78-character lines. */
    static String rfc2231(String param, String value) {
        String pct = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        List<String> pieces = new ArrayList<>();
        int at = 0;
        while (at < pct.length()) {
            int end = Math.min(pct.length(), at + 54);
            while (end < pct.length() && end > at && pct.charAt(end - 1) == '%') {
                end--;
            }
            if (end - 2 > at && pct.charAt(end - 2) == '%') {
                end -= 2;
            }
            pieces.add(pct.substring(at, end));
            at = end;
        }
        if (pieces.size() == 1) {
            return param + "*=UTF-8''" + pieces.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            sb.append(i == 0 ? "" : ";\r\n\t").append(param).append('*').append(i).append("*=")
                    .append(i == 0 ? "UTF-8''" : "").append(pieces.get(i));
        }
        return sb.toString();
    }

    static String mimeType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (n.endsWith(".xls")) {
            return "application/vnd.ms-excel";
        }
        if (n.endsWith(".csv")) {
            return "text/csv";
        }
        if (n.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        return "application/octet-stream";
    }

    /** Writes the message as an .eml file (the outbox a clerk reads before sending). */
    static void writeEml(MimeMessage m, Path file) throws IOException, MessagingException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            m.writeTo(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
