package cn.huizong.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;

import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.registry.UnitFromPath;
import cn.huizong.reporting.FileNames;

/**
 * fetch-mail: writes each attachment of each new message of the campaign mailbox into the inbox as
 * {@code 邮件/<yyyy-MM-dd>/<sender>/<name>} and records the message (its INTERNALDATE is the attachments' received
 * time). Messages are tracked by mailbox, folder, UIDVALIDITY and UID. Crash-safe: an attachment's path is
 * reserved in the database before its file is written (to a temporary file, then moved into place), and the
 * message is marked done after; a fetch killed at any moment and run again writes the same paths, so every
 * attachment is stored exactly once. The server's messages are never deleted or moved; the folder is opened
 * read-only unless {@code huizong.mail.imap.mark-seen} asks to mark them read.
 */
@Component
public class MailFetcher {

    public static final String FOLDER = "邮件";
    private static final Logger log = LoggerFactory.getLogger(MailFetcher.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Environment env;
    private final ZoneId zone;
    /** Called after a file is in place and before it is recorded (tests inject a crash here). */
    private Consumer<Path> afterFileWritten = p -> {
    };

    MailFetcher(JdbcTemplate jdbc, PlatformTransactionManager tm, Environment env,
            @Value("${huizong.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(tm);
        this.env = env;
        this.zone = zone;
    }

    void afterFileWritten(Consumer<Path> hook) {
        this.afterFileWritten = hook;
    }

    /** One message as fetch-mail reports it. */
    public record Line(long uid, Instant receivedAt, String sender, String subject, String kind, String unit,
            String note, List<String> paths) {
    }

    /** @param seen messages in the folder; lines: the new ones */
    public record Result(String mailbox, String folder, int seen, List<Line> lines) {

        public int files() {
            return lines.stream().mapToInt(l -> l.paths().size()).sum();
        }
    }

    public MailSettings settings() {
        return MailSettings.from(env);
    }

    /**
     * @param inbox    the inbox (created if absent)
     * @param dataDir  the data folder: temporary files under {@code mail/tmp}
     * @param registry names units for the report (may be null)
     */
    public Result fetch(Path inbox, Path dataDir, Registry registry) throws MessagingException, IOException {
        MailSettings.Imap imap = settings().imap();
        Path in = inbox.toAbsolutePath().normalize();
        Path tmp = dataDir.toAbsolutePath().normalize().resolve("mail").resolve("tmp");
        Files.createDirectories(in);
        Files.createDirectories(tmp);
        Session session = settings().imapSession();
        Store store = session.getStore(imap.ssl() ? "imaps" : "imap");
        store.connect(imap.host(), imap.port(), imap.username(), imap.password());
        try {
            Folder folder = store.getFolder(imap.folder());
            folder.open(imap.markSeen() ? Folder.READ_WRITE : Folder.READ_ONLY);
            try {
                return fetchFolder(folder, imap, in, tmp, registry);
            } finally {
                folder.close(false); // never expunge
            }
        } finally {
            store.close();
        }
    }

    private Result fetchFolder(Folder folder, MailSettings.Imap imap, Path inbox, Path tmp, Registry registry)
            throws MessagingException, IOException {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        String mailbox = imap.mailbox();
        String name = folder.getFullName();
        Message[] messages = folder.getMessages();
        FetchProfile fp = new FetchProfile();
        fp.add(UIDFolder.FetchProfileItem.UID);
        fp.add(FetchProfile.Item.ENVELOPE); // INTERNALDATE comes with it
        folder.fetch(messages, fp);
        java.util.Set<Long> done = new java.util.HashSet<>(jdbc.queryForList("SELECT uid FROM hz_mail_in WHERE mailbox = ? "
                + "AND folder = ? AND uid_validity = ? AND state = 'done'", Long.class, mailbox, name, validity));
        Message[] sorted = messages.clone();
        Arrays.sort(sorted, Comparator.comparingLong(m -> uid(uids, m)));
        List<Line> lines = new ArrayList<>();
        for (Message m : sorted) {
            long uid = uid(uids, m);
            if (done.contains(uid)) {
                continue;
            }
            Line line = fetchOne(m, new Key(mailbox, name, validity, uid), inbox, tmp, registry);
            if (imap.markSeen()) {
                m.setFlag(Flags.Flag.SEEN, true);
            }
            lines.add(line);
        }
        log.info("fetched {} new messages of {} in {}/{} ({} attachments)", lines.size(), messages.length, mailbox, name,
                lines.stream().mapToInt(l -> l.paths().size()).sum());
        return new Result(mailbox, name, messages.length, lines);
    }

    private static long uid(UIDFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Key(String mailbox, String folder, long validity, long uid) {
        Object[] args() {
            return new Object[] {mailbox, folder, validity, uid};
        }
    }

    private Line fetchOne(Message message, Key key, Path inbox, Path tmp, Registry registry)
            throws MessagingException, IOException {
        Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
        // the raw message in a file, parsed here: one way for every server, forwarded and attached messages alike,
        // and attachments are read from that file rather than held in memory
        Path raw = tmp.resolve(key.validity() + "-" + key.uid() + ".eml");
        try (OutputStream out = Files.newOutputStream(raw)) {
            message.writeTo(out);
        }
        try (SharedFileInputStream source = new SharedFileInputStream(raw.toFile())) {
            MimeMessage parsed = new MimeMessage(MailSettings.session(), source);
            IncomingMail mail = IncomingMail.of(parsed, MailSettings.session());
            Line line = store(mail, key, received, inbox, tmp, registry);
            return line;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    private Line store(IncomingMail mail, Key key, Instant received, Path inbox, Path tmp, Registry registry)
            throws IOException, MessagingException {
        String inboxDir = inbox.toString();
        Timestamp at = Timestamp.from(received);
        String unit = unit(mail, registry);
        List<Object[]> existing = jdbc.query("SELECT state FROM hz_mail_in WHERE mailbox = ? AND folder = ? "
                + "AND uid_validity = ? AND uid = ?", (rs, i) -> new Object[] {rs.getString(1)}, key.args());
        if (existing.isEmpty()) {
            try {
                jdbc.update("INSERT INTO hz_mail_in (mailbox, folder, uid_validity, uid, message_id, sender, subject, "
                        + "received_at, fetched_at, inbox_dir, kind, unit, note, attachments, state) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?, 'storing')", key.mailbox(), key.folder(), key.validity(),
                        key.uid(), mail.messageId(), mail.sender(), mail.subject(), at, Timestamp.from(Instant.now()),
                        inboxDir, mail.kind().code(), unit, mail.note(), mail.attachments().size());
            } catch (DuplicateKeyException e) {
                // another fetch claimed it just now: it stores it
                return new Line(key.uid(), received, mail.sender(), mail.subject(), mail.kind().code(), unit,
                        "由另一次收取处理", List.of());
            }
        }
        // paths reserved by an earlier, interrupted fetch of this message are used again: the same files, once
        Map<Integer, String> planned = new HashMap<>();
        jdbc.query("SELECT part_no, path FROM hz_mail_file WHERE mailbox = ? AND folder = ? AND uid_validity = ? "
                + "AND uid = ?", rs -> {
                    planned.put(rs.getInt(1), rs.getString(2));
                }, key.args());
        String folder = FOLDER + "/" + DAY.format(received.atZone(zone)) + "/"
                + FileNames.safe(mail.sender() == null ? "未知发件人" : mail.sender());
        List<String> paths = new ArrayList<>();
        List<Object[]> stored = new ArrayList<>();
        for (int i = 0; i < mail.attachments().size(); i++) {
            IncomingMail.Attachment a = mail.attachments().get(i);
            String path = planned.get(i);
            if (path == null) {
                path = reserve(key, i, inbox, folder, a.name(), mail, at);
            }
            Path target = inbox.resolve(path);
            Written w = write(a, target, tmp);
            afterFileWritten.accept(target);
            stored.add(new Object[] {w.sha256(), w.size(), key.mailbox(), key.folder(), key.validity(), key.uid(), i});
            paths.add(path);
        }
        tx.executeWithoutResult(s -> {
            jdbc.batchUpdate("UPDATE hz_mail_file SET sha256 = ?, size_bytes = ?, stored = TRUE WHERE mailbox = ? "
                    + "AND folder = ? AND uid_validity = ? AND uid = ? AND part_no = ?", stored);
            jdbc.update("UPDATE hz_mail_in SET state = 'done' WHERE mailbox = ? AND folder = ? AND uid_validity = ? "
                    + "AND uid = ?", key.args());
        });
        return new Line(key.uid(), received, mail.sender(), mail.subject(), mail.kind().code(), unit, mail.note(), paths);
    }

    /** Reserves a free name in the sender's folder: 附件1.xlsx, else 附件1（2）.xlsx …, never an existing file. */
    private String reserve(Key key, int partNo, Path inbox, String folder, String written, IncomingMail mail,
            Timestamp at) {
        String safe = FileNames.safe(written);
        String stem = safe.lastIndexOf('.') > 0 ? safe.substring(0, safe.lastIndexOf('.')) : safe;
        String ext = safe.lastIndexOf('.') > 0 ? safe.substring(safe.lastIndexOf('.')) : "";
        for (int n = 1;; n++) {
            String candidate = folder + "/" + (n == 1 ? safe : stem + "（" + n + "）" + ext);
            if (Files.exists(inbox.resolve(candidate), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                jdbc.update("INSERT INTO hz_mail_file (mailbox, folder, uid_validity, uid, part_no, inbox_dir, path, name, "
                        + "received_at, sender, subject, stored) VALUES (?,?,?,?,?,?,?,?,?,?,?, FALSE)", key.mailbox(),
                        key.folder(), key.validity(), key.uid(), partNo, inbox.toString(), candidate, written, at,
                        mail.sender(), mail.subject());
                return candidate;
            } catch (DuplicateKeyException e) {
                // reserved by another message (not written yet): try the next name
            }
        }
    }

    record Written(String sha256, long size) {
    }

    /**
     * Writes the attachment to a temporary file, forces it to disk and moves it into place. A file already at the
     * reserved path is this attachment's from an interrupted fetch: kept when complete, replaced when not.
     */
    private static Written write(IncomingMail.Attachment a, Path target, Path tmp) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(tmp, "attachment-", ".part");
        try {
            MessageDigest sha = sha256();
            long size;
            try (InputStream in = new DigestInputStream(a.open(), sha);
                    OutputStream out = Files.newOutputStream(part)) {
                size = in.transferTo(out);
            }
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            if (Files.isRegularFile(target) && Files.size(target) == size && hex.equals(sha256Of(target))) {
                return new Written(hex, size);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // the data folder is on another file system than the inbox: a plain copy; a crash in it leaves a
                // partial file at the reserved path, which the rerun finds different and replaces
                Files.copy(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Written(hex, size);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unit as consolidate will see it without the sheet: sender's address, subject, first attachment's name. */
    static String unit(IncomingMail mail, Registry registry) {
        if (registry == null) {
            return null;
        }
        String first = mail.attachments().isEmpty() ? "" : mail.attachments().get(0).name();
        Optional<RegistryUnit> u = UnitFromPath.guessFromMail(mail.sender(), mail.subject(), first, registry);
        return u.map(RegistryUnit::name).orElse(null);
    }
}
