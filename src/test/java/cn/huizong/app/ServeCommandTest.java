package cn.huizong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.fixtures.SampleInbox;

/** {@code serve}: the nightly schedule fires the job, a missed run is caught up at start-up, shutdown is clean. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:serve;DB_CLOSE_DELAY=-1",
        "huizong.schedule.cron=*/2 * * * * *"})
class ServeCommandTest {

    @TempDir
    static Path work;

    @Autowired
    ServeCommand serve;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsolidationRunner runner;

    /** The evidence store in the temp folder too, not in the working copy's ./data. */
    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
    }

    @BeforeAll
    static void inbox() throws Exception {
        SampleInbox.write(work.resolve("input/inbox"), work.resolve("input/received.csv"));
    }

    @Test
    void scheduleFiresTheJobAndMissedRunIsCaughtUpAtStartup() throws Exception {
        CliArguments cli = CliArguments.parse(new String[] {"serve", "--input", work.resolve("input/inbox").toString(),
                "--output", work.resolve("out").toString()});
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> serve.run(cli, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
        long end = System.currentTimeMillis() + 60_000;
        List<String> triggers = List.of();
        while (System.currentTimeMillis() < end) {
            triggers = jdbc.queryForList("SELECT trigger_source || ':' || status FROM hz_run ORDER BY started_at, run_id",
                    String.class);
            if (triggers.contains("startup:COMPLETED") && triggers.stream().anyMatch(t -> t.startsWith("schedule:"))) {
                break;
            }
            Thread.sleep(200);
        }
        serve.shutdown();
        assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
        // the first run catches up the missed fire; the next ones find the inbox unchanged
        assertThat(triggers.get(0)).isEqualTo("startup:COMPLETED");
        assertThat(triggers).contains("schedule:UNCHANGED");
        assertThat(work.resolve("out/latest/csv/pairings.csv")).exists();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_lock", Integer.class)).isZero();
    }

    @Test
    void previousFireIsTheLatestCronTimeNotAfterNow() {
        ServeCommand nightly = new ServeCommand(null, jdbc, "0 0 2 * * *", "Asia/Shanghai", java.time.Duration.ofSeconds(1));
        Instant now = ZonedDateTime.parse("2025-12-10T08:30:00+08:00[Asia/Shanghai]").toInstant();
        assertThat(nightly.previousFire(now)).isEqualTo(ZonedDateTime.parse("2025-12-10T02:00:00+08:00[Asia/Shanghai]"));
        Instant beforeTwo = ZonedDateTime.parse("2025-12-10T01:59:59+08:00[Asia/Shanghai]").toInstant();
        assertThat(nightly.previousFire(beforeTwo)).isEqualTo(ZonedDateTime.parse("2025-12-09T02:00:00+08:00[Asia/Shanghai]"));
    }

    /**
     * The nightly fire queued behind a start-up run that SIGTERM stopped gets the scheduler's thread after the
     * stop (a due task still runs after the executor's shutdown): it must not restart the stopped run and finish it.
     */
    @Test
    void aScheduledFireDueAfterShutdownBeganStartsNoRun() throws Exception {
        // a cron whose last fire is too long ago to be caught up at start-up; idle, serve stops without waiting out
        // its stop timeout for the next fire (it did: SIGTERM took a minute)
        ServeCommand yearly = new ServeCommand(runner, jdbc, "0 0 0 1 1 *", "Asia/Shanghai", java.time.Duration.ofMinutes(2));
        CliArguments cli = CliArguments.parse(new String[] {"serve", "--input", work.resolve("input/inbox").toString(),
                "--output", work.resolve("out-yearly").toString()});
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> yearly.run(cli, new PrintStream(printed, true), new PrintStream(new ByteArrayOutputStream())));
        long end = System.currentTimeMillis() + 30_000;
        while (!printed.toString(java.nio.charset.StandardCharsets.UTF_8).contains("定时汇总已启动")
                && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        yearly.shutdown();
        assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
        int runsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM hz_run", Integer.class);

        yearly.fire("schedule");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_run", Integer.class)).isEqualTo(runsBefore);
        assertThat(work.resolve("out-yearly/latest")).doesNotExist();
    }
}
