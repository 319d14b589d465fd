package cn.huizong.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import cn.huizong.support.TextDecoding;

/**
 * Raw messages as Chinese mail clients write them, byte for byte (encoded words split inside a character, raw
 * GBK in a header), put into a GreenMail mailbox with the INTERNALDATE a test chooses.
 */
final class RawMail {

    static final Charset GBK = Charset.forName("GBK");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RawMail line(String ascii) {
        out.writeBytes((ascii + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** A header line whose value holds raw bytes in a charset (8-bit, not encoded). */
    RawMail rawLine(String prefix, String text, Charset cs, String suffix) {
        out.writeBytes(prefix.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(text.getBytes(cs));
        out.writeBytes((suffix + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    RawMail base64(byte[] data) {
        String b = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data);
        return line(b);
    }

    RawMail text(String body) {
        return base64(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The usual headers of a message from {@code from}; more headers and the body follow. */
    static RawMail headers(String from, String subjectHeader, String id) {
        return new RawMail().line("From: " + from).line("To: campaign@example.edu.cn").line("Subject: " + subjectHeader)
                .line("Date: Mon, 1 Dec 2025 09:00:00 +0800").line("Message-ID: <" + id + "@test>")
                .line("MIME-Version: 1.0");
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static String b(String text, Charset cs) {
        return "=?" + cs.name() + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(cs)) + "?=";
    }

    /** Two B-encoded words whose bytes split inside a character, as some clients cut long names. */
    static String bSplit(String text, Charset cs, String label) {
        byte[] all = text.getBytes(cs);
        int cut = 3; // GBK: inside the second character
        byte[] a = java.util.Arrays.copyOfRange(all, 0, cut);
        byte[] c = java.util.Arrays.copyOfRange(all, cut, all.length);
        return "=?" + label + "?B?" + Base64.getEncoder().encodeToString(a) + "?= =?" + label + "?B?"
                + Base64.getEncoder().encodeToString(c) + "?=";
    }

    static String q(String text) {
        StringBuilder sb = new StringBuilder("=?UTF-8?Q?");
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int v = x & 0xFF;
            if (v > 0x20 && v < 0x7F && v != '=' && v != '?' && v != '_') {
                sb.append((char) v);
            } else {
                sb.append('=').append(String.format("%02X", v));
            }
        }
        return sb.append("?=").toString();
    }

    static String rfc2231(String text, Charset cs, String label) {
        return label + "''" + URLEncoder.encode(text, cs).replace("+", "%20");
    }

    /** Puts the message into the user's INBOX with this arrival time (INTERNALDATE). */
    static void deliver(GreenMail mail, String user, byte[] raw, String internalDate)
            throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(MailSettings.session(), new ByteArrayInputStream(raw));
        try {
            mail.getManagers().getImapHostManager().getInbox(mail.getManagers().getUserManager().getUser(user))
                    .appendMessage(m, new Flags(), Date.from(OffsetDateTime.parse(internalDate).toInstant()));
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IOException(e);
        }
    }

    static String utf8(byte[] b) {
        return TextDecoding.decode(b);
    }
}
