package cn.huizong.intake;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.huizong.support.ReadLimits;
import cn.huizong.support.Sizes;

/**
 * Walks the input folder once and lists every file and archive member with its hash: the run's manifest.
 * The inbox is evidence: it is only ever read, once, by copying each file into the {@link EvidenceStore};
 * everything after intake reads the stored copy. Symbolic links are not followed out of the inbox, linked
 * folders are not walked, and devices or pipes are never opened.
 */
public final class InboxScanner {

    private final ReadLimits limits;
    private final EvidenceStore store;

    public InboxScanner(ReadLimits limits, EvidenceStore store) {
        this.limits = limits;
        this.store = store;
    }

    /** @param receivedLog arrival times from the mail log, by relative path; they win over file times */
    public List<InboxFile> scan(Path inputDir, ReceivedLog receivedLog) throws IOException {
        Path root = inputDir.toRealPath();
        store.clearTemporary();
        List<Path> files = new ArrayList<>();
        Map<Path, String> failed = new HashMap<>();
        // no FOLLOW_LINKS: a link (to a file or a folder) is visited as itself and judged in addFile
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                files.add(file);
                failed.put(file, exc.getClass().getSimpleName());
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort((a, b) -> relative(root, a).compareTo(relative(root, b)));
        List<InboxFile> manifest = new ArrayList<>();
        for (Path file : files) {
            addFile(root, file, failed.get(file), manifest, receivedLog);
        }
        return manifest;
    }

    private void addFile(Path root, Path file, String walkFailure, List<InboxFile> manifest,
            ReceivedLog receivedLog) throws IOException {
        String path = relative(root, file);
        String disk = root.relativize(file).toString();
        FileKind kind = FileKind.of(path);
        int no = manifest.size() + 1;
        Instant received;
        try {
            received = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            received = Instant.EPOCH;
        }
        received = receivedLog.at(path).orElse(received);
        String reject = null;
        Path readable = file;
        BasicFileAttributes attrs = null;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (walkFailure != null) {
                reject = "无法打开（" + walkFailure + "），请检查权限";
            } else if (attrs.isSymbolicLink()) {
                Path target = file.toRealPath();
                if (!target.startsWith(root)) {
                    reject = "链接指向收件箱以外，出于安全原因未读取";
                } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    reject = "这是指向文件夹的链接，未展开读取；请把文件直接放进收件箱";
                } else {
                    readable = target;
                    attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                }
            }
            if (reject == null && !attrs.isRegularFile()) {
                reject = "不是普通文件（文件夹、设备或管道），未读取";
            }
        } catch (NoSuchFileException e) {
            reject = "链接指向的文件不存在";
        } catch (IOException | RuntimeException e) {
            reject = "无法读取（" + e.getClass().getSimpleName() + "）";
        }
        if (reject != null) {
            manifest.add(new InboxFile(no, path, disk, null, null, "", 0, received, kind, "UNREADABLE_FILE", reject));
            return;
        }
        if (attrs.size() > limits.maxFileBytes()) {
            // neither hashed nor stored: nothing of it will be read
            manifest.add(new InboxFile(no, path, disk, null, null, "", attrs.size(), received, kind, "FILE_TOO_LARGE",
                    tooLarge(attrs.size())));
            return;
        }
        EvidenceStore.Stored stored;
        try {
            stored = store.put(readable);
        } catch (EvidenceStore.SourceUnreadable e) {
            manifest.add(new InboxFile(no, path, disk, null, null, "", attrs.size(), received, kind, "UNREADABLE_FILE",
                    "无法读取（" + e.getMessage() + "）"));
            return;
        }
        if (stored.size() > limits.maxFileBytes()) {
            // grew while being copied
            manifest.add(new InboxFile(no, path, disk, null, null, stored.sha256(), stored.size(), received, kind,
                    "FILE_TOO_LARGE", tooLarge(stored.size())));
            return;
        }
        InboxFile row = new InboxFile(no, path, disk, null, null, stored.sha256(), stored.size(), received, kind,
                null, null);
        manifest.add(row);
        if (kind == FileKind.ARCHIVE) {
            Archives.Listing listing = Archives.inspect(stored.path(), limits);
            if (listing.rejectCode() != null) {
                manifest.set(no - 1, new InboxFile(no, path, disk, null, null, row.sha256(), row.size(), received, kind,
                        listing.rejectCode(), listing.rejectDetail()));
                return;
            }
            for (Archives.Member m : listing.members()) {
                manifest.add(new InboxFile(manifest.size() + 1, path + "!/" + printable(m.name()), null, no, m.name(),
                        m.sha256(), m.size(), received, FileKind.of(m.name().replace('\\', '/')), m.rejectCode(),
                        m.rejectDetail()));
            }
        }
    }

    private String tooLarge(long size) {
        return Sizes.human(size) + "，超过上限 " + Sizes.human(limits.maxFileBytes());
    }

    /**
     * Control characters in names (possible in zip members and on Linux) would corrupt CSV and logs;
     * bidirectional overrides would disguise an extension (U+202E and friends).
     */
    public static String printable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) || isBidiControl(cp) ? '?' : cp));
        return sb.toString();
    }

    private static boolean isBidiControl(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F;
    }

    static String relative(Path root, Path file) {
        return printable(root.relativize(file).toString().replace('\\', '/'));
    }
}
