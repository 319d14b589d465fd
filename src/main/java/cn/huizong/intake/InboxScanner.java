package cn.huizong.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import cn.huizong.reading.ReadLimits;

/**
 * Walks the input folder once and lists every file and archive member with its hash: the run's manifest.
 * The inbox is evidence: it is only ever read.
 */
public final class InboxScanner {

    private final ReadLimits limits;

    public InboxScanner(ReadLimits limits) {
        this.limits = limits;
    }

    public List<InboxFile> scan(Path inputDir) throws IOException {
        return scan(inputDir, java.util.Map.of());
    }

    /** @param receivedLog arrival times from the mail log, by relative path; they win over file times */
    public List<InboxFile> scan(Path inputDir, java.util.Map<String, Instant> receivedLog) throws IOException {
        Path root = inputDir.toRealPath();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                files.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort((a, b) -> relative(root, a).compareTo(relative(root, b)));
        List<InboxFile> manifest = new ArrayList<>();
        for (Path file : files) {
            addFile(root, file, manifest, receivedLog);
        }
        return manifest;
    }

    private void addFile(Path root, Path file, List<InboxFile> manifest, java.util.Map<String, Instant> receivedLog) {
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
        received = receivedLog.getOrDefault(path, received);
        try {
            if (Files.isSymbolicLink(file)) {
                Path target = file.toRealPath();
                if (!target.startsWith(root) || !Files.isRegularFile(target)) {
                    manifest.add(new InboxFile(no, path, disk, null, null, "", 0, received, kind, "UNREADABLE_FILE",
                            "链接指向收件箱以外，出于安全原因未读取"));
                    return;
                }
            }
            if (!Files.isRegularFile(file)) {
                manifest.add(new InboxFile(no, path, disk, null, null, "", 0, received, kind, "UNREADABLE_FILE", "不是普通文件"));
                return;
            }
            long size = Files.size(file);
            String sha;
            try (InputStream in = Files.newInputStream(file)) {
                sha = sha256(in);
            }
            if (size > limits.maxFileBytes()) {
                manifest.add(new InboxFile(no, path, disk, null, null, sha, size, received, kind, "FILE_TOO_LARGE",
                        size / 1024 / 1024 + " MB"));
                return;
            }
            manifest.add(new InboxFile(no, path, disk, null, null, sha, size, received, kind, null, null));
            if (kind == FileKind.ARCHIVE) {
                addMembers(file, no, path, received, manifest);
            }
        } catch (IOException | RuntimeException e) {
            manifest.add(new InboxFile(no, path, disk, null, null, "", 0, received, kind, "UNREADABLE_FILE",
                    e.getClass().getSimpleName()));
        }
    }

    /** Members of a readable archive; problems of the archive itself are found again by the reading step. */
    private void addMembers(Path archive, int archiveNo, String archivePath, Instant received, List<InboxFile> manifest) {
        try (ZipFile zip = Archives.open(archive)) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory()) {
                    entries.add(entry);
                }
                if (entries.size() > limits.maxArchiveMembers()) {
                    return; // the reading step rejects the archive as a whole
                }
            }
            for (ZipEntry entry : entries) {
                String name = entry.getName();
                String path = archivePath + "!/" + printable(name);
                FileKind kind = FileKind.of(name);
                int no = manifest.size() + 1;
                if (kind == FileKind.ARCHIVE || isOtherArchive(name)) {
                    manifest.add(new InboxFile(no, path, null, archiveNo, name, "", entry.getSize(), received, kind,
                            "ARCHIVE_REJECTED", "压缩包内不能再嵌套压缩包"));
                    continue;
                }
                try {
                    byte[] data = Archives.readMember(zip, entry, limits.maxArchiveMemberBytes());
                    manifest.add(new InboxFile(no, path, null, archiveNo, name, sha256(data), data.length, received, kind,
                            null, null));
                } catch (Archives.MemberTooLarge e) {
                    manifest.add(new InboxFile(no, path, null, archiveNo, name, "", entry.getSize(), received, kind,
                            "FILE_TOO_LARGE", e.getMessage()));
                } catch (IOException | RuntimeException e) {
                    boolean encrypted = String.valueOf(e.getMessage()).contains("encrypt");
                    manifest.add(new InboxFile(no, path, null, archiveNo, name, "", entry.getSize(), received, kind,
                            encrypted ? "ENCRYPTED_FILE" : "UNREADABLE_FILE", e.getClass().getSimpleName()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable archive: reported by the reading step from the archive's own row
        }
    }

    static boolean isOtherArchive(String name) {
        String ext = FileKind.extension(name);
        return ext.equals("rar") || ext.equals("7z") || ext.equals("tar") || ext.equals("gz") || ext.equals("tgz");
    }

    /** Control characters in names (possible in zip members and on Linux) would corrupt CSV and logs. */
    public static String printable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return sb.toString();
    }

    static String relative(Path root, Path file) {
        return printable(root.relativize(file).toString().replace('\\', '/'));
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] data) {
        return java.util.HexFormat.of().formatHex(digest().digest(data));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
