package cn.huizong.intake;

import cn.huizong.support.Sha256;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.stream.Stream;

/**
 * The received files, kept by content under the data folder: {@code <data>/store/ab/abcdef…} named by their
 * SHA-256. Intake copies each file here once and every later step reads the copy, so what is parsed is exactly
 * what was hashed, the inbox is opened once and never by a parser, and a run can be reproduced after the inbox
 * has been cleaned. A stored file is never overwritten: same name, same bytes.
 */
public final class EvidenceStore {

    private final Path root;
    private final Path tmp;

    public EvidenceStore(Path dataDir) {
        this.root = dataDir.toAbsolutePath().normalize().resolve("store");
        this.tmp = root.resolve("tmp");
    }

    public Path root() {
        return root;
    }

    /** Where the bytes with this hash are (or would be) kept. */
    public Path path(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public boolean contains(String sha256) {
        return Files.isRegularFile(path(sha256), LinkOption.NOFOLLOW_LINKS);
    }

    /** The result of storing one file. */
    public record Stored(String sha256, long size, Path path) {
    }

    /**
     * Copies a file into the store while hashing it: written to a temporary file, forced to disk, then linked
     * under its hash (link(2) fails rather than replace an existing name). Problems reading the source are
     * {@link SourceUnreadable}; problems writing the store are plain IOExceptions (disk full: a system failure).
     *
     * @param source a regular file, opened without following a symbolic link in its last component
     */
    public Stored put(Path source) throws IOException {
        Files.createDirectories(tmp);
        MessageDigest md = Sha256.digest();
        Path part = Files.createTempFile(tmp, "in-", ".part");
        long size;
        try {
            InputStream raw;
            try {
                raw = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new SourceUnreadable(e);
            }
            String sha;
            Path target;
            try (InputStream in = new DigestInputStream(new SourceStream(raw), md);
                    FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                size = in.transferTo(Channels.newOutputStream(out));
                sha = Sha256.hex(md);
                target = path(sha);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    return new Stored(sha, size, target); // kept already (an earlier run, or another copy)
                }
                out.force(true); // on disk before it gets its name
            }
            Files.createDirectories(target.getParent());
            placeOnce(part, target);
            return new Stored(sha, size, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Bytes held in memory (tests, tools) stored the same way. */
    public Stored put(byte[] bytes) throws IOException {
        Files.createDirectories(tmp);
        String sha = Sha256.of(bytes);
        Path target = path(sha);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path part = Files.createTempFile(tmp, "in-", ".part");
            try {
                try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE);
                        OutputStream os = Channels.newOutputStream(out)) {
                    os.write(bytes);
                    out.force(true);
                }
                Files.createDirectories(target.getParent());
                placeOnce(part, target);
            } finally {
                Files.deleteIfExists(part);
            }
        }
        return new Stored(sha, bytes.length, target);
    }

    private static void placeOnce(Path part, Path target) throws IOException {
        try {
            Files.createLink(target, part);
        } catch (FileAlreadyExistsException e) {
            return; // stored meanwhile by someone else: same name, same bytes
        } catch (UnsupportedOperationException | IOException e) {
            // no hard links here (some network or Windows file systems): an atomic rename instead
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        try {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // permissions are a courtesy; the name is the guarantee
        }
    }

    /** Removes temporary files left by an interrupted run. */
    public void clearTemporary() throws IOException {
        if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The source file could not be read (permissions, I/O error, vanished): that file's problem, not the run's. */
    public static final class SourceUnreadable extends IOException {
        SourceUnreadable(IOException cause) {
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    /** Tags read errors of the source so they are not mistaken for write errors of the store. */
    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceUnreadable(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceUnreadable(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                throw new SourceUnreadable(e);
            }
        }
    }
}
