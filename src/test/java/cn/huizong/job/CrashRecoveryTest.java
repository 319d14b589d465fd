package cn.huizong.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.GeneratedCampaign;

/**
 * Runs get killed (reboots, out-of-memory, a closed terminal). Killing a child JVM with -9 at several points
 * and running again must give exactly the tables and files of an uninterrupted run; two runs at once must
 * give one result and one clear refusal.
 */
class CrashRecoveryTest {

    static final List<String> FEEDS = List.of("submissions.csv", "pairings.csv", "cases.csv", "quota.csv",
            "issues.csv", "completeness.csv");

    @TempDir
    static Path work;

    static Path inbox;
    static Path reference;

    @BeforeAll
    static void campaignAndReference() throws Exception {
        inbox = work.resolve("inbox");
        GeneratedCampaign.write(inbox, 240, 30);
        reference = work.resolve("reference");
        ChildRun ref = ChildRun.start("consolidate", "--input", inbox.toString(), "--output", reference.toString(),
                "--data", work.resolve("data-ref").toString(), "--db", "jdbc:h2:file:" + work.resolve("db-ref/h"));
        assertThat(ref.exitCode(180)).as(ref.output()).isZero();
    }

    static Predicate<String> line(String text) {
        return l -> l.contains(text);
    }

    /** The n-th line containing the text. */
    static Predicate<String> nth(String text, int n) {
        AtomicInteger count = new AtomicInteger();
        return l -> l.contains(text) && count.incrementAndGet() == n;
    }

    @Test
    void killedAtEveryStageThenRerunGivesTheUninterruptedResult() throws Exception {
        String db = "jdbc:h2:file:" + work.resolve("db-kill/h");
        Path output = work.resolve("out-kill");
        String[] args = {"consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data", output.resolveSibling(output.getFileName() + "-data").toString(), "--db", db};
        List<String> killedAt = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (Predicate<String> point : List.of(line("step readAndCheckFilesStep started"), nth("DEBUG FileContentWriter - read ", 90),
                line("step resolveSubmissionsStep started"), line("step publishOutputsStep started"))) {
            ChildRun child = ChildRun.start(args);
            if (child.awaitLine(point, 180_000)) {
                child.kill9();
                killedAt.add(child.output().lines().reduce((a, b) -> b).orElse(""));
            } else {
                // the run got past this point before we could kill it: it finished (say how, if this fails)
                int code = child.exitCode(60);
                passed.add("exit " + code + ":\n" + child.output().lines().filter(l -> !l.contains("DEBUG"))
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
        }
        assertThat(killedAt).as("kills happened; runs not killed: %s", passed).hasSizeGreaterThanOrEqualTo(3);

        ChildRun rerun = ChildRun.start(args);
        assertThat(rerun.exitCode(180)).as(rerun.output()).isZero();
        assertThat(rerun.output()).contains("汇总完成");
        for (String feed : FEEDS) {
            assertThat(Files.readString(output.resolve("latest/csv").resolve(feed))).as(feed)
                    .isEqualTo(Files.readString(reference.resolve("latest/csv").resolve(feed)));
        }
        // one run, restarted in place: no row doubled or missing in the master table
        assertThat(statusCounts(db)).isEqualTo(statusCounts("jdbc:h2:file:" + work.resolve("db-ref/h")));
        try (Connection c = DriverManager.getConnection(db + ";AUTO_SERVER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM hz_run WHERE status = 'COMPLETED'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void sigtermStopsServeCleanlyAndTheNextRunResumes() throws Exception {
        String db = "jdbc:h2:file:" + work.resolve("db-term/h");
        Path output = work.resolve("out-term");
        ChildRun serve = ChildRun.start("serve", "--port", "0", "--input", inbox.toString(), "--output", output.toString(), "--data", output.resolveSibling(output.getFileName() + "-data").toString(), 
                "--db", db);
        assertThat(serve.awaitLine(nth("DEBUG FileContentWriter - read ", 20), 180_000)).as(serve.output()).isTrue();
        serve.terminate();
        assertThat(serve.exitCode(90)).as(serve.output()).isZero();
        // the job recorded that it stopped (a killed one stays STARTED)
        try (Connection c = DriverManager.getConnection(db + ";AUTO_SERVER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT status FROM BATCH_JOB_EXECUTION")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as(serve.output()).isEqualTo("STOPPED");
        }

        ChildRun rerun = ChildRun.start("consolidate", "--input", inbox.toString(), "--output", output.toString(),
                "--data", output.resolveSibling(output.getFileName() + "-data").toString(), "--db", db);
        assertThat(rerun.exitCode(180)).as(rerun.output()).isZero();
        // (if this fails: the two "starting run" lines name the input fingerprints the runs saw)
        assertThat(rerun.output()).as("serve:%n%s%nrerun:%n%s", serve.output().lines().filter(l -> !l.contains("DEBUG"))
                .collect(java.util.stream.Collectors.joining("\n")), rerun.output())
                .contains("restarting run").doesNotContain("recovering run");
        for (String feed : FEEDS) {
            assertThat(Files.readString(output.resolve("latest/csv").resolve(feed))).as(feed)
                    .isEqualTo(Files.readString(reference.resolve("latest/csv").resolve(feed)));
        }
    }

    @Test
    void twoRunsAtOnceGiveOneResultAndOneRefusal() throws Exception {
        String db = "jdbc:h2:file:" + work.resolve("db-race/h");
        Path output = work.resolve("out-race");
        String[] args = {"consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data", output.resolveSibling(output.getFileName() + "-data").toString(), "--db", db};
        ChildRun first = ChildRun.start(args);
        assertThat(first.awaitLine(line("step intakeInboxStep started"), 120_000)).as(first.output()).isTrue();
        ChildRun second = ChildRun.start(args);
        int a = first.exitCode(180);
        int b = second.exitCode(180);
        assertThat(List.of(a, b)).containsExactlyInAnyOrder(0, 3);
        assertThat(second.output()).contains("另一个汇总运行正在进行").contains("命令行").doesNotContain("\tat ");
        for (String feed : FEEDS) {
            assertThat(Files.readString(output.resolve("latest/csv").resolve(feed))).as(feed)
                    .isEqualTo(Files.readString(reference.resolve("latest/csv").resolve(feed)));
        }
    }

    static List<String> statusCounts(String db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db + ";AUTO_SERVER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT r.status, COUNT(*) FROM hz_record r "
                        + "JOIN hz_run u ON u.run_id = r.run_id AND u.status = 'COMPLETED' GROUP BY r.status ORDER BY r.status")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getInt(2));
            }
        }
        return out;
    }
}
