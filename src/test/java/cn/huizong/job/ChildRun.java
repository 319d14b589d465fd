package cn.huizong.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Huizong in a child JVM, as cron or a clerk starts it, so that tests can kill it with -9 or race two of them. */
final class ChildRun {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildRun(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildRun start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dfile.encoding=UTF-8", "-Dlogging.level.cn.huizong=DEBUG", "-cp",
                System.getProperty("java.class.path"), "cn.huizong.HuizongApplication"));
        cmd.addAll(List.of(args));
        return new ChildRun(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Waits until a line of output matches, at most the timeout; false if the process ended first. */
    boolean awaitLine(Predicate<String> matches, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        int seen = 0;
        synchronized (lines) {
            while (System.currentTimeMillis() < end) {
                for (; seen < lines.size(); seen++) {
                    if (matches.test(lines.get(seen))) {
                        return true;
                    }
                }
                if (!process.isAlive() && seen >= lines.size()) {
                    return false;
                }
                lines.wait(100);
            }
        }
        return false;
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as systemd or a clerk's Ctrl+C sends it. */
    void terminate() {
        process.destroy();
    }

    int exitCode(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child run did not finish in " + timeoutSeconds + " s:\n" + output());
        }
        reader.join(10_000); // the last lines may still be in the pipe
        return process.exitValue();
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
