package cn.huizong.app;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.Workbooks;

/**
 * A job instance whose execution never reached the database (the process died between the two inserts, or H2
 * lost its last commit to kill -9) must not stop every later run of the same inbox: found by the crash test.
 */
class OrphanJobInstanceTest {

    @TempDir
    Path work;

    @Test
    void aJobInstanceWithoutAnExecutionDoesNotBlockTheNextRun() throws Exception {
        Workbooks.xlsx(work.resolve("inbox/洛阳市教育局/附件1.xlsx"), Workbooks.pairingSheet("洛阳市教育局", List.of(r(
                "洛阳市教育局", "洛阳一拖集团", "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
        String db = "jdbc:h2:file:" + work.resolve("db/h");
        String[] args = {"consolidate", "--input", work.resolve("inbox").toString(), "--output",
                work.resolve("out").toString(), "--data", work.resolve("data").toString(), "--db", db};
        assertThat(Cli.run(args).code()).isZero();
        // what a lost commit leaves: the instance, without its execution
        try (Connection c = DriverManager.getConnection(db, "sa", ""); Statement st = c.createStatement()) {
            for (String table : List.of("BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION",
                    "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION")) {
                st.executeUpdate("DELETE FROM " + table);
            }
            st.executeUpdate("DELETE FROM hz_run");
        }

        Cli again = Cli.run(args);

        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("汇总完成");
    }
}
