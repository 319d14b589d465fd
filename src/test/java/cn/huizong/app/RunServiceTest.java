package cn.huizong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.huizong.fixtures.GeneratedCampaign;
import cn.huizong.fixtures.SampleInbox;

/**
 * The run service the console and the API use: a start answers with the run id while the run goes on, its status
 * and progress come from the database, a second start is told which run is going, stop and resume work, also when
 * the stop is asked through the database (as another process would).
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:runservice;DB_CLOSE_DELAY=-1",
        "huizong.lock.heartbeat=PT1S", "huizong.lock.stale-after=PT3S"})
class RunServiceTest {

    @TempDir
    static Path work;

    @Autowired
    RunService runs;

    @Autowired
    RunLock lock;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
    }

    @Test
    void startAnswersWithTheRunIdAndStatusFollowsTheRunToCompleted() throws Exception {
        Path inbox = work.resolve("sample/inbox");
        SampleInbox.write(inbox, work.resolve("sample/received.csv"));
        RunService.Started started = runs.start(request(inbox, work.resolve("sample-out")).by("web", "clerk1"));

        assertThat(started.started()).isTrue();
        RunStatus done = await(started.runId(), s -> s.status() == RunStatus.State.COMPLETED);
        assertThat(done.trigger()).isEqualTo("web");
        assertThat(done.startedBy()).isEqualTo("clerk1");
        assertThat(done.filesTotal()).isEqualTo(31);
        assertThat(done.filesDone()).isEqualTo(31);
        assertThat(done.rowsAccepted()).isEqualTo(25);
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(runs.status("latest")).map(RunStatus::runId).contains(started.runId());
        assertThat(runs.runs(5)).first().extracting(RunStatus::runId).isEqualTo(started.runId());
        assertThat(runs.outcomeMessage(started.runId())).hasValueSatisfying(m -> assertThat(m).contains("汇总完成"));
    }

    @Test
    void aStartWhileAnotherRunHoldsTheLockIsToldWhichRunAndWho() throws Exception {
        Path inbox = work.resolve("busy/inbox");
        SampleInbox.write(inbox, work.resolve("busy/received.csv"));
        try (RunLock.Lease lease = lock.acquire("web", "zhangsan", () -> {
        })) {
            lease.runId("20251209-020000-000");
            RunService.Started refused = runs.start(request(inbox, work.resolve("busy-out")).by("web", "lisi"));

            assertThat(refused.started()).isFalse();
            assertThat(refused.refused().code()).isEqualTo(ConsolidationRunner.EXIT_BUSY);
            assertThat(refused.refused().message()).contains("20251209-020000-000", "网页", "zhangsan");
            assertThat(runs.running()).map(RunStatus::status).contains(RunStatus.State.RUNNING);
        }
    }

    @Test
    void aStoppedRunIsShownStoppedWithItsProgressAndResumeFinishesTheSameRun() throws Exception {
        Path inbox = work.resolve("stop/inbox");
        GeneratedCampaign.write(inbox, 24, 1500);
        RunRequest request = request(inbox, work.resolve("stop-out"));
        String runId = runs.start(request.by("web", "clerk1")).runId();

        RunStatus reading = await(runId, s -> s.filesDone() != null && s.filesDone() > 0 && s.rowsRead() > 0);
        assertThat(reading.status()).isEqualTo(RunStatus.State.RUNNING);
        assertThat(reading.step()).isEqualTo("readAndCheckFilesStep");
        assertThat(reading.currentFile()).isNotBlank();
        assertThat(reading.filesTotal()).isEqualTo(24);
        assertThat(runs.stop(runId)).isTrue();
        RunStatus stopped = await(runId, s -> s.status() != RunStatus.State.RUNNING);
        assertThat(stopped.status()).isEqualTo(RunStatus.State.STOPPED);
        assertThat(stopped.filesDone()).isLessThan(24);
        assertThat(runs.stop(runId)).isFalse();

        RunService.Started resumed = runs.resume(runId, "web", "clerk2");
        assertThat(resumed.runId()).isEqualTo(runId);
        RunStatus done = await(runId, s -> s.status() == RunStatus.State.COMPLETED);
        assertThat(done.filesDone()).isEqualTo(24);
    }

    @Test
    void aStopAskedThroughTheDatabaseStopsTheRunAtItsNextHeartbeat() throws Exception {
        Path inbox = work.resolve("remote/inbox");
        GeneratedCampaign.write(inbox, 24, 1500);
        String runId = runs.start(request(inbox, work.resolve("remote-out"))).runId();
        await(runId, s -> s.filesDone() != null && s.filesDone() > 0);

        // what the console of another process does: it cannot reach this process's job, only the lock row
        assertThat(lock.requestStop(runId)).isTrue();
        RunStatus stopped = await(runId, s -> s.status() != RunStatus.State.RUNNING);
        assertThat(stopped.status()).isEqualTo(RunStatus.State.STOPPED);
    }

    private static RunRequest request(Path inbox, Path out) throws CliArguments.UsageException {
        return RunRequest.of(inbox.toString(), "input/registry.csv", out.toString(), null, null, "cli");
    }

    private RunStatus await(String runId, Predicate<RunStatus> until) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        RunStatus last = null;
        while (System.nanoTime() < end) {
            last = runs.status(runId).orElse(null);
            if (last != null && until.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not reach the expected state; last seen: " + last);
    }

    /** A page of the history is the head of the whole history, also where two runs started at the same instant. */
    @Test
    void aPageOfRunsIsTheNewestRunsInHistoryOrder() {
        java.sql.Timestamp day1 = java.sql.Timestamp.from(java.time.Instant.parse("2020-01-01T00:00:00Z"));
        java.sql.Timestamp day2 = java.sql.Timestamp.from(java.time.Instant.parse("2020-01-02T00:00:00Z"));
        for (Object[] r : new Object[][] {{"20200101-080000-001", day1}, {"20200102-080000-001", day2},
                {"20200102-080000-002", day2}}) {
            jdbc.update("INSERT INTO hz_run (run_id, trigger_source, started_at, finished_at, status, files_total, "
                    + "files_read, published) VALUES (?, 'cli', ?, ?, 'COMPLETED', 0, 0, FALSE)", r[0], r[1], r[1]);
        }
        java.util.List<String> all = runs.runs(1000).stream().map(RunStatus::runId).toList();
        assertThat(all).containsSubsequence("20200102-080000-002", "20200102-080000-001", "20200101-080000-001");
        for (int k = 0; k <= all.size(); k++) {
            assertThat(runs.runs(k)).extracting(RunStatus::runId).as("page of %d", k).isEqualTo(all.subList(0, k));
        }
    }
}
