package cn.huizong.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.GeneratedCampaign;
import cn.huizong.fixtures.Workbooks;

/** A nightly run where nothing changed reads nothing; one changed file is the only file read again. */
class IncrementalRunTest {

    @TempDir
    static Path work;

    static Path inbox;

    @BeforeAll
    static void campaign() throws Exception {
        inbox = work.resolve("inbox");
        GeneratedCampaign.write(inbox, 220, 10);
    }

    static String run(String db, Path output) {
        Cli r = Cli.run("consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data", output.resolveSibling(output.getFileName() + "-data").toString(), "--db", db);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void unchangedRerunReadsNoFileAndChangedFileIsTheOnlyOneReadAgain() throws Exception {
        String db = "jdbc:h2:file:" + work.resolve("db/h");
        Path output = work.resolve("out");
        run(db, output);
        String firstPairings = Files.readString(output.resolve("latest/csv/pairings.csv"));
        Path firstLatest = output.resolve("latest").toRealPath();

        String second = run(db, output);
        assertThat(second).contains("未重新读取任何文件");
        assertThat(output.resolve("latest").toRealPath()).isEqualTo(firstLatest);
        assertThat(runs(db)).containsExactly("COMPLETED:220:220", "UNCHANGED:220:0");

        // one unit sends a corrected file: only that file is read, and the result equals a full run
        Path changed = inbox.resolve("郑州大学/附件5.xlsx");
        Workbooks.xlsx(changed, Workbooks.casesSheet("郑州大学", List.of(Workbooks.r(1, "新案例", "新简介", "郑州大学",
                "双一流建设高校", "陈刚", "13838000001"))));
        Workbooks.receivedAt(changed, "2025-12-08T12:00:00");
        run(db, output);
        assertThat(runs(db)).containsExactly("COMPLETED:220:220", "UNCHANGED:220:0", "COMPLETED:220:1");
        assertThat(Files.readString(output.resolve("latest/csv/cases.csv"))).contains("新案例");
        assertThat(Files.readString(output.resolve("latest/csv/pairings.csv"))).isEqualTo(firstPairings);

        Path fresh = work.resolve("fresh");
        run("jdbc:h2:mem:incremental-fresh;DB_CLOSE_DELAY=-1", fresh);
        for (String feed : CrashRecoveryTest.FEEDS) {
            assertThat(Files.readString(output.resolve("latest/csv").resolve(feed))).as(feed)
                    .isEqualTo(Files.readString(fresh.resolve("latest/csv").resolve(feed)));
        }
    }

    static List<String> runs(String db) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(db + ";AUTO_SERVER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT status, files_total, files_read FROM hz_run ORDER BY started_at, run_id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + ":" + rs.getInt(2) + ":" + rs.getInt(3));
            }
        }
        return out;
    }
}
