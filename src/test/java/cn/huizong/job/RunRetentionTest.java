package cn.huizong.job;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.HuizongApplication;
import cn.huizong.app.Cli;
import cn.huizong.fixtures.GeneratedCampaign;
import cn.huizong.fixtures.Workbooks;

/**
 * Night after night the database and the output folder keep only the newest runs' details; an inbox taken back
 * to what an earlier run saw shows that run's result again (republished, or consolidated anew once pruned).
 */
class RunRetentionTest {

    @TempDir
    Path work;

    Path inbox;
    Path output;
    String db;
    Path extra;

    @BeforeEach
    void campaign() throws Exception {
        inbox = work.resolve("inbox");
        GeneratedCampaign.write(inbox, 40, 5);
        output = work.resolve("out");
        db = "jdbc:h2:file:" + work.resolve("db/h");
        extra = inbox.resolve("郑州大学/第2次报送/附件5.xlsx");
    }

    String consolidate(int keepRuns) {
        return consolidate(keepRuns, output);
    }

    String consolidate(int keepRuns, Path output) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HuizongApplication.run(new String[] {"consolidate", "--input", inbox.toString(), "--output",
                output.toString(), "--data", work.resolve("data").toString(), "--db", db},
                Map.of("huizong.retention.keep-runs", keepRuns), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    void sendRevisedCases() throws Exception {
        Workbooks.xlsx(extra, Workbooks.casesSheet("郑州大学", List.of(r(1, "修订案例", "修订简介", "郑州大学", "双一流建设高校",
                "陈刚", "13838000001"))));
        Workbooks.receivedAt(extra, "2025-12-08T12:00:00");
    }

    Map<String, String> feeds() throws Exception {
        Map<String, String> feeds = new LinkedHashMap<>();
        for (String feed : CrashRecoveryTest.FEEDS) {
            feeds.put(feed, Files.readString(output.resolve("latest/csv").resolve(feed)));
        }
        return feeds;
    }

    @Test
    void olderRunsLoseTheirDetailsAndFoldersButStayInTheHistory() throws Exception {
        consolidate(2);
        String first = latestRun();
        // a revision with a row missing its contact: staged rows and a staged issue
        Workbooks.xlsx(extra, Workbooks.casesSheet("郑州大学", List.of(r(1, "修订案例", "修订简介", "郑州大学", "双一流建设高校",
                "陈刚", "13838000001"), r(2, "缺联系人", "简介", "郑州大学", "双一流建设高校", "", "13838000001"))));
        Workbooks.receivedAt(extra, "2025-12-08T12:00:00");
        consolidate(2);
        String second = latestRun();
        // the revised file is revised again: its first bytes are now only in the first two runs
        String firstRevisionSha = sha(second, "郑州大学/第2次报送/附件5.xlsx");
        String stagedIssues = "SELECT i.code FROM hz_content_issue i JOIN hz_content c ON c.content_key = i.content_key "
                + "WHERE c.sha256 = '" + firstRevisionSha + "'";
        assertThat(query(stagedIssues)).contains("MISSING_REQUIRED");
        Workbooks.xlsx(extra, Workbooks.casesSheet("郑州大学", List.of(r(1, "再次修订", "简介", "郑州大学", "双一流建设高校",
                "陈刚", "13838000001"))));
        Workbooks.receivedAt(extra, "2025-12-08T18:00:00");
        consolidate(2);
        String third = latestRun();

        assertThat(query("SELECT run_id || ':' || status FROM hz_run ORDER BY started_at"))
                .containsExactly(first + ":PRUNED", second + ":COMPLETED", third + ":COMPLETED");
        assertThat(query("SELECT DISTINCT run_id FROM hz_record ORDER BY run_id")).containsExactly(second, third);
        for (String table : List.of("hz_issue", "hz_file", "hz_unit", "hz_quota", "hz_completeness")) {
            assertThat(query("SELECT DISTINCT run_id FROM " + table + " WHERE run_id = '" + first + "'")).as(table).isEmpty();
        }
        assertThat(output.resolve("runs").resolve(first)).doesNotExist();
        assertThat(output.resolve("runs").resolve(second)).isDirectory();
        assertThat(output.resolve("latest").toRealPath()).isEqualTo(output.resolve("runs").resolve(third).toRealPath());
        // staged contents: every one still referenced; the first revision (still in the second run) kept
        assertThat(query("SELECT content_key FROM hz_content c WHERE NOT EXISTS "
                + "(SELECT 1 FROM hz_file f WHERE f.content_key = c.content_key)")).isEmpty();
        assertThat(query("SELECT sha256 FROM hz_content WHERE sha256 = '" + firstRevisionSha + "'")).hasSize(1);

        // one more run drops the second, and with it the first revision's staged rows
        Files.delete(extra);
        consolidate(2);
        assertThat(query("SELECT sha256 FROM hz_content WHERE sha256 = '" + firstRevisionSha + "'")).isEmpty();
        assertThat(query(stagedIssues)).isEmpty();
        assertThat(query("SELECT COUNT(*) FROM hz_row r WHERE NOT EXISTS "
                + "(SELECT 1 FROM hz_content c WHERE c.content_key = r.content_key)")).containsExactly("0");
        assertThat(query("SELECT COUNT(*) FROM hz_content_issue i WHERE NOT EXISTS "
                + "(SELECT 1 FROM hz_content c WHERE c.content_key = i.content_key)")).containsExactly("0");

        Cli runs = Cli.run("runs", "--db", db);
        assertThat(runs.out()).contains(first).contains("完成(明细已清理)");
    }

    @Test
    void inboxTakenBackToAnEarlierRunRepublishesThatRun() throws Exception {
        consolidate(10);
        String first = latestRun();
        Map<String, String> before = feeds();
        sendRevisedCases();
        consolidate(10);
        assertThat(feeds().get("cases.csv")).contains("修订案例");

        Files.delete(extra); // the clerk takes the file out again
        String again = consolidate(10);
        assertThat(again).contains("与运行 " + first + " 相同").contains("未重新读取任何文件");
        assertThat(output.resolve("latest").toRealPath()).isEqualTo(output.resolve("runs").resolve(first).toRealPath());
        assertThat(feeds()).isEqualTo(before);
        // a dashboard reading the database finds the same current run
        assertThat(query("SELECT data_run_id FROM hz_run WHERE status IN ('COMPLETED', 'UNCHANGED') "
                + "ORDER BY finished_at DESC")).first().isEqualTo(first);
    }

    @Test
    void inboxTakenBackToAPrunedRunIsConsolidatedAgain() throws Exception {
        consolidate(1);
        String first = latestRun();
        Map<String, String> before = feeds();
        sendRevisedCases();
        consolidate(1);

        Files.delete(extra);
        String again = consolidate(1);
        assertThat(again).doesNotContain("未重新读取任何文件");
        String third = latestRun();
        assertThat(third).isNotEqualTo(first);
        assertThat(feeds()).isEqualTo(before);
        assertThat(query("SELECT status FROM hz_run ORDER BY started_at")).containsExactly("PRUNED", "PRUNED", "COMPLETED");
    }

    @Test
    void retentionStaysWithinItsOutputFolder() throws Exception {
        Path other = work.resolve("other-out");
        consolidate(1, other);
        String otherRun = other.resolve("latest").toRealPath().getFileName().toString();
        consolidate(1);
        sendRevisedCases();
        consolidate(1);

        assertThat(query("SELECT status FROM hz_run WHERE run_id = '" + otherRun + "'")).containsExactly("COMPLETED");
        assertThat(other.resolve("latest/csv/cases.csv")).exists();
        assertThat(query("SELECT status FROM hz_run ORDER BY started_at")).containsExactly("COMPLETED", "PRUNED", "COMPLETED");
    }

    @Test
    void runKilledAfterPublishingIsNotPrunedAndResumesWhenItsInboxComesBack() throws Exception {
        consolidate(1);
        String first = latestRun();
        Map<String, String> before = feeds();
        // what kill -9 inside pruneOldRunsStep leaves: the job and that step STARTED, the run not yet completed
        String execution = query("SELECT job_execution_id FROM hz_run WHERE run_id = '" + first + "'").get(0);
        update("UPDATE BATCH_JOB_EXECUTION SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL "
                + "WHERE job_execution_id = " + execution);
        update("UPDATE BATCH_STEP_EXECUTION SET status = 'STARTED', exit_code = 'EXECUTING', end_time = NULL "
                + "WHERE job_execution_id = " + execution + " AND step_name = 'pruneOldRunsStep'");
        update("UPDATE hz_run SET status = 'STARTED' WHERE run_id = '" + first + "'");

        sendRevisedCases();
        consolidate(1);
        String second = latestRun();
        assertThat(query("SELECT status FROM hz_run WHERE run_id = '" + first + "'")).containsExactly("STARTED");
        assertThat(output.resolve("runs").resolve(first)).isDirectory();

        Files.delete(extra); // the inbox is back to the first run's: that run is resumed, published, completed
        consolidate(1);
        assertThat(latestRun()).isEqualTo(first);
        assertThat(feeds()).isEqualTo(before);
        assertThat(query("SELECT run_id || ':' || status FROM hz_run ORDER BY started_at"))
                .containsExactly(first + ":COMPLETED", second + ":PRUNED");
        assertThat(query("SELECT data_run_id FROM hz_run WHERE status IN ('COMPLETED', 'UNCHANGED') "
                + "ORDER BY finished_at DESC")).first().isEqualTo(first);
    }

    void update(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db + ";AUTO_SERVER=TRUE", "sa", "")) {
            assertThat(c.createStatement().executeUpdate(sql)).as(sql).isEqualTo(1);
        }
    }

    String latestRun() throws Exception {
        return output.resolve("latest").toRealPath().getFileName().toString();
    }

    String sha(String runId, String path) throws Exception {
        return query("SELECT sha256 FROM hz_file WHERE run_id = '" + runId + "' AND path = '" + path + "'").get(0);
    }

    List<String> query(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db + ";AUTO_SERVER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
