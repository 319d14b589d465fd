package cn.huizong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.huizong.fixtures.SampleInbox;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Health and metrics without the web layer: lastRun goes DOWN after a failed scheduled run and UP again after a
 * good one, and DOWN when no run completed within its window; the disk of the data folder is checked; a run
 * leaves Huizong's metrics and Spring Batch's job and step timers in the meter registry.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:health;DB_CLOSE_DELAY=-1")
class HealthAndMetricsTest {

    @TempDir
    static Path work;

    @Autowired
    ConsolidationRunner runner;

    @Autowired
    HealthContributorRegistry health;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RunService runs;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
    }

    @Test
    void lastRunIsDownAfterAFailedScheduledRunAndUpAfterAGoodOne() throws Exception {
        Path inbox = work.resolve("sample/inbox");
        SampleInbox.write(inbox, work.resolve("sample/received.csv"));
        HealthIndicator lastRun = (HealthIndicator) health.getContributor("lastRun");
        assertThat(lastRun).isNotNull();
        // nothing ever completed
        assertThat(lastRun.health().getStatus()).isEqualTo(Status.DOWN);

        RunRequest good = RunRequest.of(inbox.toString(), "input/registry.csv", work.resolve("out").toString(), null,
                null, "schedule");
        assertThat(runner.run(good).code()).isZero();
        Health up = lastRun.health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsKeys("lastScheduledRun", "lastCompletedRun");

        // the nightly run fails: its registry has gone (the database and the job never see it)
        RunRequest broken = new RunRequest(inbox, work.resolve("gone/registry.csv"), work.resolve("out"), "", null,
                "schedule");
        assertThat(runner.run(broken).code()).isEqualTo(ConsolidationRunner.EXIT_FAILURE);
        Health down = lastRun.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("reason")).isEqualTo("the last scheduled run failed");

        // a run from the command line does not change what the schedule's last run says
        assertThat(runner.run(good.by("cli", null)).code()).isZero();
        assertThat(lastRun.health().getStatus()).isEqualTo(Status.DOWN);

        // the next night is good again (nothing changed: an unchanged run is a good run)
        assertThat(runner.run(good).code()).isZero();
        assertThat(lastRun.health().getStatus()).isEqualTo(Status.UP);

        // a process started afterwards reads the last scheduled run from the history
        assertThat(new LastRunHealthIndicator(jdbc, runs, Duration.ofHours(26)).health().getStatus())
                .isEqualTo(Status.UP);
        // and with no run completed inside the window, DOWN
        Health stale = new LastRunHealthIndicator(jdbc, runs, Duration.ofMillis(1)).health();
        assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stale.getDetails().get("reason")).asString().startsWith("no run completed");

        // the data folder's disk is checked too
        HealthIndicator disk = (HealthIndicator) health.getContributor("diskSpace");
        assertThat(disk.health().getDetails().get("path")).asString().endsWith("data");

        // metrics: Huizong's own, recorded at the end of each run, and Spring Batch's
        // files newly read (the sample's 21 files less those it holds twice), once: unchanged runs read nothing
        Integer read = jdbc.queryForObject("SELECT files_read FROM hz_run WHERE status = 'COMPLETED'", Integer.class);
        assertThat(read).isPositive();
        assertThat(meters.get("huizong.files.read").counter().count()).isEqualTo(read.doubleValue());
        assertThat(meters.get("huizong.rows").tag("status", "accepted").counter().count()).isEqualTo(25);
        assertThat(meters.get("huizong.rows").tag("status", "rejected").counter().count()).isEqualTo(3);
        assertThat(meters.get("huizong.issues").tag("code", "INVALID_PHONE").counter().count()).isPositive();
        assertThat(meters.get("huizong.run.duration").tag("outcome", "completed").timer().count()).isEqualTo(1);
        assertThat(meters.get("huizong.run.duration").tags("outcome", "unchanged", "trigger", "schedule").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("huizong.run.duration").tags("outcome", "unchanged", "trigger", "cli").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("huizong.run.duration").tag("outcome", "failed").timer().count()).isEqualTo(1);
        assertThat(meters.find("spring.batch.job").timers()).isNotEmpty();
        assertThat(meters.find("spring.batch.step").timers()).isNotEmpty();
    }
}
