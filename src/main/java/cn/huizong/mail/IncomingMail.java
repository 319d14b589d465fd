package cn.huizong.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import cn.huizong.support.TextDecoding;

/**
 * What one received message holds for the campaign: who sent it, its subject, its attachments (those of a
 * forwarded message or an attached .eml included; images the HTML body shows are not submissions) and what
 * kind of message it is — an auto-reply or a bounce (ignored), a link to a 超大附件/云附件 that the server cannot
 * fetch, a message without any attachment, or one with attachments.
 */
record IncomingMail(Kind kind, String sender, String subject, String messageId, List<Attachment> attachments,
        boolean cloudLink) {

    enum Kind {
        ATTACHMENTS, NO_ATTACHMENT, CLOUD_LINK, AUTO_REPLY, BOUNCE;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An attachment: its name as the sender's client wrote it (decoded) and the part that holds its bytes. */
    record Attachment(String name, Part part) {

        InputStream open() throws IOException {
            try {
                return part.getInputStream();
            } catch (MessagingException e) {
                throw new IOException(e);
            }
        }
    }

    /** The notes shown beside a message (fetch-mail, mail), and the issue a link-only message is recorded with. */
    static final String CLOUD_LINK_ISSUE = "来信只含超大附件（云附件）链接，系统无法下载，请以附件形式直接发送";

    String note() {
        return switch (kind) {
            case ATTACHMENTS -> cloudLink ? "附件 " + attachments.size() + " 个；另含超大附件链接（未下载），请以附件形式直接发送"
                    : "附件 " + attachments.size() + " 个";
            case NO_ATTACHMENT -> "来信没有附件";
            case CLOUD_LINK -> CLOUD_LINK_ISSUE;
            case AUTO_REPLY -> "自动回复，已忽略";
            case BOUNCE -> "退信，已忽略";
        };
    }

    /** Links and words of the big-attachment services of QQ, 163/126 (NetEase) and 139 mail. */
    private static final List<String> CLOUD_MARKS = List.of("超大附件", "云附件", "文件中转站",
            "ftn.qq.com", "mail.qq.com/cgi-bin/ftnexs_download", "wx.mail.qq.com/ftn", "exmail.qq.com/cgi-bin/ftnexs_download",
            "dashi.163.com", "mail.163.com/large-attachment", "mail.126.com/large-attachment",
            "caiyun.139.com", "yun.139.com", "139.com/m/download", "share.weiyun.com");
    private static final List<String> AUTO_REPLY_SUBJECTS = List.of("自动回复", "自动答复", "auto reply", "auto-reply",
            "autoreply", "automatic reply", "out of office", "假期自动回复");
    private static final List<String> BOUNCE_SUBJECTS = List.of("undelivered mail", "delivery status notification",
            "mail delivery failed", "undeliverable", "returned mail", "系统退信", "退信");
    private static final Pattern CID = Pattern.compile("cid:([^\"'\\s>)]+)", Pattern.CASE_INSENSITIVE);

    static IncomingMail of(MimeMessage message, Session session) throws MessagingException, IOException {
        String sender = sender(message);
        String subject = decoded(message.getHeader("Subject", null));
        String messageId = message.getHeader("Message-ID", null);
        if (isBounce(message, sender, subject)) {
            return new IncomingMail(Kind.BOUNCE, sender, subject, messageId, List.of(), false);
        }
        if (isAutoReply(message, subject)) {
            return new IncomingMail(Kind.AUTO_REPLY, sender, subject, messageId, List.of(), false);
        }
        Walk walk = new Walk(session);
        walk.collectCids(message, 0);
        walk.walk(message, 0);
        boolean cloud = isCloudLink(walk.body.toString());
        Kind kind = !walk.attachments.isEmpty() ? Kind.ATTACHMENTS : cloud ? Kind.CLOUD_LINK : Kind.NO_ATTACHMENT;
        return new IncomingMail(kind, sender, subject, messageId, List.copyOf(walk.attachments), cloud);
    }

    static String sender(MimeMessage message) throws MessagingException {
        String from = message.getHeader("From", null);
        if (from == null) {
            return null;
        }
        try {
            Address[] a = InternetAddress.parseHeader(from, false);
            if (a.length > 0 && a[0] instanceof InternetAddress ia && ia.getAddress() != null) {
                return ia.getAddress().toLowerCase(Locale.ROOT);
            }
        } catch (MessagingException e) {
            // fall through: an address the parser refuses, taken from between angle brackets
        }
        Matcher m = Pattern.compile("<([^<>@\\s]+@[^<>\\s]+)>").matcher(from);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static String decoded(String header) {
        return header == null ? "" : HeaderText.decode(header.replaceAll("\\r?\\n[ \\t]*", " ")).strip();
    }

    private static boolean isAutoReply(MimeMessage m, String subject) throws MessagingException {
        String auto = m.getHeader("Auto-Submitted", null);
        if (auto != null && !auto.strip().equalsIgnoreCase("no")) {
            return true;
        }
        if (m.getHeader("X-Autoreply") != null || m.getHeader("X-Autorespond") != null
                || m.getHeader("X-Auto-Reply") != null) {
            return true;
        }
        String precedence = m.getHeader("Precedence", null);
        if (precedence != null && precedence.strip().equalsIgnoreCase("auto_reply")) {
            return true;
        }
        String s = subject.toLowerCase(Locale.ROOT);
        return AUTO_REPLY_SUBJECTS.stream().anyMatch(s::startsWith);
    }

    private static boolean isBounce(MimeMessage m, String sender, String subject) throws MessagingException {
        String type = m.getHeader("Content-Type", null);
        if (type != null && type.toLowerCase(Locale.ROOT).replaceAll("\\s", "").startsWith("multipart/report")) {
            return true;
        }
        String local = sender == null ? "" : sender.substring(0, sender.indexOf('@') < 0 ? sender.length() : sender.indexOf('@'));
        if (local.equals("mailer-daemon") || local.equals("postmaster")) {
            return true;
        }
        String s = subject.toLowerCase(Locale.ROOT);
        return BOUNCE_SUBJECTS.stream().anyMatch(s::startsWith);
    }

    private static boolean isCloudLink(String body) {
        String b = body.toLowerCase(Locale.ROOT);
        return CLOUD_MARKS.stream().anyMatch(b::contains);
    }

    /** One pass over the MIME tree, forwarded messages included. */
    private static final class Walk {
        static final int MAX_DEPTH = 10;
        final Session session;
        final List<Attachment> attachments = new ArrayList<>();
        final StringBuilder body = new StringBuilder();
        final Set<String> shownCids = new HashSet<>();

        Walk(Session session) {
            this.session = session;
        }

        /** Content-IDs the HTML bodies show (cid:…): those parts are pictures in the text, not submissions. */
        void collectCids(Part p, int depth) throws MessagingException, IOException {
            if (depth > MAX_DEPTH) {
                return;
            }
            if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    collectCids(mp.getBodyPart(i), depth + 1);
                }
            } else if (p.isMimeType("text/html") && name(p) == null) {
                Matcher m = CID.matcher(text(p));
                while (m.find()) {
                    shownCids.add(cid(java.net.URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8)));
                }
            }
        }

        void walk(Part p, int depth) throws MessagingException, IOException {
            if (depth > MAX_DEPTH) {
                return;
            }
            if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    walk(mp.getBodyPart(i), depth + 1);
                }
                return;
            }
            String name = name(p);
            if (p.isMimeType("message/rfc822") || (name != null && name.toLowerCase(Locale.ROOT).endsWith(".eml"))) {
                forwarded(p, depth);
                return;
            }
            String[] ids = p.getHeader("Content-ID");
            if (ids != null && ids.length > 0 && shownCids.contains(cid(ids[0]))) {
                return; // a signature logo or a picture in the text
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(p));
            if (name == null && !attachment) {
                if (p.isMimeType("text/plain") || p.isMimeType("text/html")) {
                    body.append(text(p)).append('\n');
                }
                return; // an unnamed inline part that is not text: nothing a unit sent on purpose
            }
            if (name == null || name.isBlank()) {
                name = "未命名附件" + (attachments.size() + 1);
            }
            attachments.add(new Attachment(name, p));
        }

        private void forwarded(Part p, int depth) throws MessagingException, IOException {
            byte[] bytes;
            try (InputStream in = p.getInputStream()) {
                bytes = in.readAllBytes();
            }
            MimeMessage inner = new MimeMessage(session, new ByteArrayInputStream(bytes));
            collectCids(inner, depth + 1);
            walk(inner, depth + 1);
        }

        private static String cid(String id) {
            String s = id.strip();
            if (s.startsWith("<") && s.endsWith(">")) {
                s = s.substring(1, s.length() - 1);
            }
            return s.toLowerCase(Locale.ROOT);
        }

        private static String disposition(Part p) throws MessagingException {
            String[] d = p.getHeader("Content-Disposition");
            if (d == null || d.length == 0) {
                return null;
            }
            String v = d[0].strip();
            int semi = v.indexOf(';');
            return (semi < 0 ? v : v.substring(0, semi)).strip();
        }

        /** A part's text in its charset (GBK labelled gb2312 read as GB18030); undeclared charsets guessed. */
        private static String text(Part p) throws MessagingException, IOException {
            byte[] bytes;
            try (InputStream in = p.getInputStream()) {
                bytes = in.readAllBytes();
            }
            String[] ct = p.getHeader("Content-Type");
            String cs = ct == null ? null : HeaderText.parameters(ct[0]).get("charset");
            return cs == null ? TextDecoding.decode(bytes) : new String(bytes, HeaderText.charset(cs));
        }
    }

    /** The attachment name of a part, decoded, without any folders a client left in it; null if it has none. */
    static String name(Part p) throws MessagingException {
        String[] cd = p.getHeader("Content-Disposition");
        String[] ct = p.getHeader("Content-Type");
        String name = null;
        if (cd != null && cd.length > 0) {
            name = HeaderText.parameter(HeaderText.parameters(cd[0]), "filename");
        }
        if ((name == null || name.isBlank()) && ct != null && ct.length > 0) {
            name = HeaderText.parameter(HeaderText.parameters(ct[0]), "name");
        }
        if (name == null) {
            return null;
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip();
        return n.isEmpty() ? null : n;
    }

    /** For tests and the log: the names of the attachments. */
    List<String> names() {
        return attachments.stream().map(Attachment::name).toList();
    }
}
