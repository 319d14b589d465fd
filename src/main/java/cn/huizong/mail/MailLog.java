package cn.huizong.mail;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.intake.MailReceipt;

/** What the database keeps of the mail: the attachments fetched into an inbox, and every message in and out. */
public final class MailLog {

    private final JdbcTemplate jdbc;

    public MailLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The attachments fetch-mail reserved in this inbox, with the message's arrival time, sender and subject.
     * Rows not yet marked stored are included: their file appears only once its row exists, so a run that sees the
     * file always knows when it arrived.
     */
    public List<MailReceipt> receipts(Path inbox) {
        return jdbc.query("SELECT path, received_at, sender, subject FROM hz_mail_file WHERE inbox_dir = ? ORDER BY path",
                (rs, i) -> new MailReceipt(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4)),
                inbox.toAbsolutePath().normalize().toString());
    }

    /** A message fetched. */
    public record In(Instant receivedAt, String sender, String subject, String kind, String unit, String note,
            String messageId, List<String> paths) {
    }

    /** A letter sent or waiting to be. */
    public record Out(Instant createdAt, Instant sentAt, String kind, String unit, String recipients, String subject,
            String state, String error, String messageId) {
    }

    public List<In> received(int limit) {
        List<In> rows = jdbc.query("SELECT received_at, sender, subject, kind, unit, note, message_id, mailbox, folder, "
                + "uid_validity, uid FROM hz_mail_in ORDER BY received_at DESC, uid DESC", rs -> {
                    List<In> out = new java.util.ArrayList<>();
                    while (rs.next() && out.size() < limit) {
                        List<String> paths = jdbc.queryForList("SELECT path FROM hz_mail_file WHERE mailbox = ? AND "
                                + "folder = ? AND uid_validity = ? AND uid = ? ORDER BY part_no", String.class,
                                rs.getString(8), rs.getString(9), rs.getLong(10), rs.getLong(11));
                        out.add(new In(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), paths));
                    }
                    return out;
                });
        return rows;
    }

    public List<Out> sent(int limit) {
        return jdbc.query("SELECT created_at, sent_at, kind, unit, recipients, subject, state, error, message_id "
                + "FROM hz_mail_out ORDER BY created_at DESC, letter_key", rs -> {
                    List<Out> out = new java.util.ArrayList<>();
                    while (rs.next() && out.size() < limit) {
                        java.sql.Timestamp sentAt = rs.getTimestamp(2);
                        out.add(new Out(rs.getTimestamp(1).toInstant(), sentAt == null ? null : sentAt.toInstant(),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getString(9)));
                    }
                    return out;
                });
    }
}
