package cn.huizong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.SampleInbox;

/** The {@code consolidate} command as province IT runs it: exit codes, the Chinese summary, published runs. */
class ConsolidateCommandTest {

    @TempDir
    static Path work;

    static Path inbox;

    @BeforeAll
    static void sample() throws Exception {
        inbox = work.resolve("input/inbox");
        SampleInbox.write(inbox, work.resolve("input/received.csv"));
    }

    static Cli run(String... args) {
        return Cli.run(args);
    }

    String[] args(String db, Path output, String... more) {
        List<String> list = new java.util.ArrayList<>(List.of("consolidate", "--input", inbox.toString(), "--output",
                output.toString(), "--data", work.resolve("data").toString(), "--db", db));
        list.addAll(List.of(more));
        return list.toArray(String[]::new);
    }

    @Test
    void sampleRunCompletesWithChineseSummaryAndRejectedFilesStillExitZero() throws Exception {
        Path output = work.resolve("out-summary");
        Cli r = run(args("jdbc:h2:mem:cmd1;DB_CLOSE_DELAY=-1", output));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("汇总完成")
                .contains("文件：共 31 个，采用 12，退回 4，重复 1，被新文件替代 1，文档 12，压缩包 1")
                .contains("数据行：采用 25，退回 3，重复 8，超出配额 2，随旧文件作废 1")
                .contains("未报送附件1的市级教育行政部门：13 个");
        Path latest = output.resolve("latest/csv");
        for (String f : List.of("submissions.csv", "pairings.csv", "cases.csv", "quota.csv", "issues.csv",
                "completeness.csv")) {
            assertThat(latest.resolve(f)).exists();
        }
        assertThat(Files.readAllLines(latest.resolve("completeness.csv"))).hasSize(1 + 197);
        // the mail log beside the inbox sets received times: 新乡 late, 南阳 on time
        assertThat(Files.readString(latest.resolve("completeness.csv")))
                .contains("新乡市教育局,city,新乡市,late,none").contains("南阳市教育局,city,南阳市,submitted,none");
    }

    @Test
    void changedInboxPublishesANewRunFolderAndSwitchesLatest() throws Exception {
        Path output = work.resolve("out-twice");
        String db = "jdbc:h2:file:" + work.resolve("db-twice/huizong");
        assertThat(run(args(db, output)).code()).isZero();
        Cli unchanged = run(args(db, output));
        assertThat(unchanged.code()).isZero();
        assertThat(unchanged.out()).contains("未重新读取任何文件");
        Path extra = inbox.resolve("郑州大学/补充材料.docx");
        Files.write(extra, new byte[] {1, 2, 3});
        try {
            assertThat(run(args(db, output)).code()).isZero();
        } finally {
            Files.delete(extra);
        }

        List<Path> runs;
        try (Stream<Path> s = Files.list(output.resolve("runs"))) {
            runs = s.sorted().toList();
        }
        assertThat(runs).hasSize(2);
        assertThat(output.resolve("latest").toRealPath()).isEqualTo(runs.get(1).toRealPath());
        assertThat(Files.readString(runs.get(0).resolve("csv/pairings.csv")))
                .isEqualTo(Files.readString(runs.get(1).resolve("csv/pairings.csv")));
        assertThat(Files.readAllLines(runs.get(1).resolve("csv/submissions.csv")))
                .hasSize(Files.readAllLines(runs.get(0).resolve("csv/submissions.csv")).size() + 1);
    }

    @Test
    void unknownOptionIsAUsageErrorInChinese() {
        Cli r = run("consolidate", "--inbox", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("用法错误").contains("--inbox").contains("用法：");
    }

    @Test
    void unknownCommandAndMissingValueAreUsageErrors() {
        assertThat(run("consolidat").code()).isEqualTo(2);
        assertThat(run("consolidate", "--input").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void missingInboxIsAUsageErrorNamingTheFolder() {
        Cli r = run(args("jdbc:h2:mem:cmd2", work.resolve("o2"), "--input", work.resolve("nowhere").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("收件箱目录不存在").contains("nowhere");
    }

    @Test
    void brokenRegistryIsAUsageErrorNamingTheLine() throws Exception {
        Path registry = work.resolve("bad-registry.csv");
        Files.writeString(registry, "unit_name,unit_type,city,aliases\n郑州大学,university,郑州市,\n");
        Cli r = run(args("jdbc:h2:mem:cmd3", work.resolve("o3"), "--registry", registry.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("第2行").contains("university");
    }

    @Test
    void unreachableDatabaseIsASystemFailureWithoutStackTrace() {
        Cli r = run(args("jdbc:postgresql://127.0.0.1:1/none", work.resolve("o4")));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("系统故障").doesNotContain("\tat ");
    }
}
