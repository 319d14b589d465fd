package cn.huizong.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import cn.huizong.validation.FileChecker;

/**
 * The in-process contestants, one cold read each: a fresh fork, no warm-up, one single-shot measurement, as a
 * real run reads a file once in a JVM that has not read one before. bench/readers.sh calls one benchmark per
 * JMH launch and interleaves the rounds. What a contestant saw and what its fork cost (peak RSS from
 * /proc/self/status, garbage-collection time) go to the file named by -Dbench.out, since JMH reports time only.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
public class ReaderBenchmarks {

    @State(Scope.Benchmark)
    public static class Input {
        @Param("")
        public String file;
        Path path;
        Readers.Counts seen;

        @Setup(Level.Trial)
        public void open() {
            path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no such file: " + file + " (pass -p file=…)");
            }
        }

        @TearDown(Level.Trial)
        public void report() throws IOException {
            String out = System.getProperty("bench.out");
            if (out == null || seen == null) {
                return;
            }
            long gcMillis = 0;
            long gcCount = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcMillis += Math.max(0, gc.getCollectionTime());
                gcCount += Math.max(0, gc.getCollectionCount());
            }
            Files.writeString(Path.of(out), String.format("rows=%d cells=%d errors=%d issues=%d checksum=%d peak_rss_kib=%d gc_ms=%d gc_count=%d%n",
                    seen.rows(), seen.cells(), seen.errors(), seen.issues(), seen.checksum(), peakRssKib(), gcMillis, gcCount));
        }
    }

    /** Huizong's checker, built from the campaign and registry before the clock starts. */
    @State(Scope.Benchmark)
    public static class Huizong {
        @Param("jobs/jiaoyu-zhuqi-2025.yml")
        public String campaign;
        @Param("input/registry.csv")
        public String registry;
        FileChecker checker;

        @Setup(Level.Trial)
        public void build() throws IOException {
            checker = Readers.checker(Path.of(campaign), Path.of(registry));
        }
    }

    @Benchmark
    public long floor(Input in) throws Exception {
        in.seen = Readers.floor(in.path);
        return in.seen.checksum();
    }

    @Benchmark
    public long fastexcel(Input in) throws Exception {
        in.seen = Readers.fastexcel(in.path);
        return in.seen.checksum();
    }

    @Benchmark
    public long poi(Input in) throws Exception {
        in.seen = Readers.poi(in.path);
        return in.seen.checksum();
    }

    @Benchmark
    public long huizongRead(Input in) throws Exception {
        in.seen = Readers.huizongRead(in.path);
        return in.seen.checksum();
    }

    @Benchmark
    public long huizongCheck(Input in, Huizong hz) {
        in.seen = Readers.huizongCheck(hz.checker, in.path);
        return in.seen.checksum();
    }

    /** VmHWM: the most resident memory this JVM has had, what /usr/bin/time reports for a whole process. */
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
