package cn.huizong.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Makes a finished run folder the one readers see as {@code <output>/latest}. On POSIX systems latest is a
 * symbolic link replaced by rename(2), so a reader sees the old run or the new one, never a mix.
 */
public final class RunPublisher {

    private RunPublisher() {
    }

    public static void publish(Path outputDir, String runId) throws IOException {
        Path latest = outputDir.resolve("latest");
        Path target = Path.of("runs", runId);
        Path tmp = outputDir.resolve(".latest-" + runId);
        Files.deleteIfExists(tmp);
        try {
            Files.createSymbolicLink(tmp, target);
        } catch (UnsupportedOperationException | IOException e) {
            publishByCopy(outputDir, runId, latest);
            return;
        }
        if (Files.isDirectory(latest, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // an earlier copy-published latest: move it aside first
            Path old = outputDir.resolve(".latest-old-" + runId);
            Files.move(latest, old);
            Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
            return;
        }
        Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** True when {@code <output>/latest} is the link to this run (a copy-published latest never is). */
    public static boolean isLatest(Path outputDir, String runId) {
        try {
            return Files.readSymbolicLink(outputDir.resolve("latest")).equals(Path.of("runs", runId));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** For file systems without symbolic links: copy, then swap by two renames. */
    private static void publishByCopy(Path outputDir, String runId, Path latest) throws IOException {
        Path source = outputDir.resolve("runs").resolve(runId);
        Path fresh = outputDir.resolve(".latest-new-" + runId);
        deleteTree(fresh);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = fresh.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        Path old = outputDir.resolve(".latest-old-" + runId);
        if (Files.exists(latest, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.move(latest, old);
        }
        Files.move(fresh, latest, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
