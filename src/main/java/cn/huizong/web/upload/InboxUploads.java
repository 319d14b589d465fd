package cn.huizong.web.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.huizong.intake.FileKind;
import cn.huizong.app.OneFileCheck;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.reporting.FileNames;
import cn.huizong.support.ReadLimits;
import cn.huizong.support.Sha256;
import cn.huizong.web.ServeSettings;
import cn.huizong.web.audit.AuditLog;

/**
 * Takes an uploaded file into serve's inbox and checks it with {@code validate}'s code. Nothing in the inbox is
 * ever overwritten (a name already taken gets （2）, （3） …); bytes already in the inbox are recognised and not
 * stored again; the received time goes into the mail log the next run reads. A file named for a unit goes into
 * that unit's folder, which is how a run tells its unit when the file does not.
 */
@Component
public class InboxUploads {

    private static final Logger log = LoggerFactory.getLogger(InboxUploads.class);

    private final ServeSettings settings;
    private final ReadLimits limits;
    private final AuditLog audit;
    private final Path tmp;
    private final ZoneId zone;
    private final InboxIndex index = new InboxIndex();

    InboxUploads(ServeSettings settings, ReadLimits limits, AuditLog audit,
            @Value("${huizong.data-dir:./data}") String dataDir, @Value("${huizong.zone:Asia/Shanghai}") ZoneId zone) {
        this.settings = settings;
        this.limits = limits;
        this.audit = audit;
        this.tmp = Path.of(dataDir).toAbsolutePath().normalize().resolve("tmp").resolve("uploads");
        this.zone = zone;
    }

    /** A refusal the clerk can act on (no such unit, an empty file). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * @param originalName the name the browser or script sent (a path in it is dropped)
     * @param unit         the unit the clerk says sent it, or blank
     * @param receivedAt   when it came in, or null for now
     */
    public CheckedUpload upload(InputStream content, String originalName, String unit, Instant receivedAt, String user,
            String address) throws IOException, Refused {
        Registry registry = settings.registry();
        Optional<RegistryUnit> named = Optional.empty();
        if (unit != null && !unit.isBlank()) {
            named = registry.byName(unit.strip()).or(() -> registry.match(unit.strip()));
            if (named.isEmpty()) {
                throw new Refused("报送单位“" + unit.strip() + "”不在单位名录中，请从列表中选择或留空。");
            }
        }
        Instant received = receivedAt == null ? Instant.now() : receivedAt;
        String name = safeName(originalName);
        Files.createDirectories(tmp);
        Path part = Files.createTempFile(tmp, "upload-", ".part");
        try {
            MessageDigest md = Sha256.digest();
            long size;
            try (InputStream in = new DigestInputStream(content, md); OutputStream out = Files.newOutputStream(part)) {
                size = in.transferTo(out);
            }
            if (size == 0) {
                throw new Refused("文件“" + name + "”是空文件（0 字节），未保存。");
            }
            String sha = Sha256.hex(md);
            Path inbox = settings.inbox();
            Path stored;
            boolean duplicate;
            synchronized (this) { // two uploads of the same bytes at once: one stores, the other finds it
                Optional<Path> same = index.find(inbox, size, sha);
                duplicate = same.isPresent();
                stored = duplicate ? same.get() : place(part, inbox, named.map(RegistryUnit::name), name);
            }
            String relative = inbox.relativize(stored).toString().replace('\\', '/');
            if (!duplicate) {
                MailLog.append(settings.mailLog(), relative, received.atZone(zone).toOffsetDateTime());
            }
            audit.record(user, address, AuditLog.Action.UPLOAD, (duplicate ? "重复文件（未重复保存）：" : "保存为：") + relative
                    + "，SHA-256 " + sha);
            log.info("upload by {}: {} ({} bytes, {}){}", user, relative, size, sha, duplicate ? " already in the inbox" : "");
            if (FileKind.of(stored.getFileName().toString()) == FileKind.ARCHIVE) {
                return CheckedUpload.archive(relative, sha, duplicate, size);
            }
            OneFileCheck.Received how = new OneFileCheck.Received(received, duplicate ? "（按本次上传时间）" : "（按收件记录）");
            OneFileCheck.Report report = new OneFileCheck(settings.campaign(), registry, limits).check(stored,
                    shortPath(relative), named.map(RegistryUnit::name).orElse(null), how);
            return CheckedUpload.of(relative, sha, duplicate, size, report);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Moves the upload into the inbox under a name nobody has: never replaces a file. */
    private static Path place(Path part, Path inbox, Optional<String> unit, String name) throws IOException {
        Path folder = unit.map(u -> inbox.resolve(FileNames.safe(u))).orElse(inbox);
        Files.createDirectories(folder);
        for (int n = 1;; n++) {
            Path target = folder.resolve(n == 1 ? name : numbered(name, n));
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                // a hard link is made only where the name is free, atomically: nothing is ever replaced (a rename
                // would replace a file that appeared meanwhile)
                Files.createLink(target, part);
                return target;
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                try {
                    Files.copy(part, target); // another file system: created exclusively, fails if the name is taken
                    return target;
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
            }
        }
    }

    /** 附件1.xlsx → 附件1（2）.xlsx, as the feedback letters number two files of one name. */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "（" + n + "）" + name.substring(dot) : name + "（" + n + "）";
    }

    /** The last segment of what the browser sent, made safe; never hidden (a leading dot). */
    static String safeName(String originalName) {
        String name = FileNames.safe(FileNames.lastSegment(originalName == null ? "" : originalName));
        while (name.startsWith(".")) {
            name = "_" + name.substring(1);
        }
        return name;
    }

    /** What a run's unit guess sees of a path: its folder and name, as validate passes them. */
    private static String shortPath(String relative) {
        String[] parts = relative.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : relative;
    }
}
