package cn.huizong.web.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import cn.huizong.support.Sha256;

/**
 * Finds a file of the inbox holding given bytes. Only files of the same size are hashed, and each hash is kept
 * while the file's size and modification time stay the same, so a check costs a directory walk, not a read of
 * the whole inbox.
 */
final class InboxIndex {

    private record Known(long size, FileTime modified, String sha256) {
    }

    private final Map<Path, Known> hashes = new ConcurrentHashMap<>();

    Optional<Path> find(Path inbox, long size, String sha256) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(inbox)) {
            return files.filter(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    return a.isRegularFile() && a.size() == size && sha256.equals(hash(p, a));
                } catch (IOException e) {
                    return false; // unreadable: a run reports it; it cannot be the same bytes as far as we know
                }
            }).sorted().findFirst();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private String hash(Path p, BasicFileAttributes a) throws IOException {
        Known k = hashes.get(p);
        if (k != null && k.size() == a.size() && k.modified().equals(a.lastModifiedTime())) {
            return k.sha256();
        }
        String sha;
        try (InputStream in = Files.newInputStream(p)) {
            sha = Sha256.of(in);
        }
        hashes.put(p, new Known(a.size(), a.lastModifiedTime(), sha));
        return sha;
    }
}
