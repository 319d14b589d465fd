package cn.huizong.app;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.huizong.fixtures.Workbooks;
import cn.huizong.intake.InboxFile;
import cn.huizong.job.ScannedInbox;

/**
 * The inbox is walked and hashed once per run: a file arriving after the run named itself (by its input
 * fingerprint) is not in that run's manifest; the next run takes it.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:onewalk;DB_CLOSE_DELAY=-1"})
class OneWalkPerRunTest {

    @TempDir
    static Path work;

    /** Drops a new file into the inbox at the moment the intake step starts, once. */
    @TestConfiguration
    static class FileArrivesDuringTheRun {
        @Bean
        @Primary
        ScannedInbox arrivingScannedInbox() {
            return new ScannedInbox() {
                boolean arrived;

                @Override
                public List<InboxFile> take(String runId) {
                    if (!arrived) {
                        arrived = true;
                        write("开封市教育局");
                    }
                    return super.take(runId);
                }
            };
        }
    }

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
    }

    @Autowired
    ConsolidationRunner runner;

    static void write(String unit) {
        try {
            Workbooks.xlsx(work.resolve("inbox").resolve(unit + "/附件1.xlsx"), Workbooks.pairingSheet(unit, List.of(r(
                    unit, "企业", "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileArrivingDuringARunWaitsForTheNextRun() throws Exception {
        write("洛阳市教育局");
        RunRequest request = RunRequest.of(work.resolve("inbox").toString(), "input/registry.csv",
                work.resolve("out").toString(), null, null, "cli");

        ConsolidationRunner.Outcome first = runner.run(request);

        assertThat(first.code()).as(first.message()).isZero();
        Path csv = work.resolve("out/latest/csv/submissions.csv");
        assertThat(records(csv).stream().map(s -> s.get("file")).toList()).containsExactly("洛阳市教育局/附件1.xlsx");

        ConsolidationRunner.Outcome second = runner.run(request);

        assertThat(second.code()).as(second.message()).isZero();
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(records(csv).stream().map(s -> s.get("file")).toList()).containsExactly("开封市教育局/附件1.xlsx",
                "洛阳市教育局/附件1.xlsx");
    }
}
