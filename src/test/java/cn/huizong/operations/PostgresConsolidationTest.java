package cn.huizong.operations;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import cn.huizong.fixtures.HostileFiles;
import cn.huizong.fixtures.HostileInbox;
import cn.huizong.fixtures.SampleInbox;
import cn.huizong.fixtures.Workbooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Production runs on PostgreSQL: a real server (embedded PostgreSQL 14) must give the same feeds as H2. */
class PostgresConsolidationTest {

    @TempDir
    static Path work;

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        SampleInbox.write(work.resolve("input/inbox"), work.resolve("input/received.csv"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static void consolidate(String db, Path output) {
        Cli r = Cli.run("consolidate", "--input", work.resolve("input/inbox").toString(), "--output", output.toString(),
                "--data", output.resolveSibling(output.getFileName() + "-data").toString(), "--db", db);
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** A fresh database on the server, its JDBC URL. */
    static String database(String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    static Cli consolidateAsPostgres(Path inbox, String db, Path output) {
        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", "");
        try {
            return Cli.run("consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data",
                    output.resolveSibling(output.getFileName() + "-data").toString(), "--db", db);
        } finally {
            System.clearProperty("spring.datasource.username");
            System.clearProperty("spring.datasource.password");
        }
    }

    /** A 100,000-character case name and a 400-character sheet name: what the old bounded columns refused. */
    static Path longValuesInbox(Path inbox) throws Exception {
        HostileFiles.xlsxWithLongCells(inbox.resolve("郑州大学/附件5.xlsx"), Workbooks.casesSheet("郑州大学",
                List.of(r(1, HostileInbox.longText("校企协同育人典型案例：", HostileInbox.LONG), "校企共建联合实验室。",
                        "郑州大学", "“双一流”建设高校", "王芳", "0371-65550001"))));
        Files.createDirectories(inbox.resolve("洛阳市教育局"));
        Files.write(inbox.resolve("洛阳市教育局/附件1.xlsx"), HostileFiles.withSheetName(Workbooks.xlsxBytes(
                Workbooks.pairingSheet("洛阳市教育局", List.of(r("洛阳市教育局", "洛阳轴承产业园", "韩梅 0379-63210001",
                        "曹阳 13937900002", "数控人才", "结对帮扶", "已对接", "2026-06-30")))),
                HostileInbox.longText("表", 400)));
        return inbox;
    }

    @Test
    void anExistingPostgresDatabaseIsWidenedOnStart() throws Exception {
        String db = database("before_issue_8");
        Path inbox = longValuesInbox(work.resolve("long-inbox"));
        try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("schema-huizong-before-issue-8.sql"));
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            assertThat(SchemaMigration.bounded(jdbc)).hasSize(13);

            Cli run = consolidateAsPostgres(inbox, db, work.resolve("pg-widened"));

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(SchemaMigration.bounded(jdbc)).isEmpty();
            assertThat(Files.readString(work.resolve("pg-widened/latest/csv/cases.csv"))).contains("……（已截断）");
            // idempotent: a second start alters nothing and runs as before
            assertThat(SchemaMigration.widen(jdbc)).isEmpty();
            assertThat(consolidateAsPostgres(inbox, db, work.resolve("pg-widened2")).code()).isZero();
        }
    }

    @Test
    void aLostConnectionFailsTheStepAndTheNextRunResumes() throws Exception {
        String db = database("lost_connection");
        Path inbox = work.resolve("cut-inbox");
        Workbooks.xlsx(inbox.resolve("洛阳市教育局/附件1.xlsx"), Workbooks.pairingSheet("洛阳市教育局", List.of(
                r("洛阳市教育局", "断线样本企业", "韩梅 0379-63210001", "曹阳 13937900002", "人才", "帮扶", "推进", "长期"))));
        try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("schema-huizong.sql"));
            // the server drops the connection in the middle of staging this file (as a restart or a network cut would)
            c.createStatement().execute("CREATE FUNCTION test_cut() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.vals LIKE '%断线样本%' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; "
                    + "RETURN NEW; END $$ LANGUAGE plpgsql");
            c.createStatement().execute(
                    "CREATE TRIGGER test_cut BEFORE INSERT ON hz_row FOR EACH ROW EXECUTE FUNCTION test_cut()");

            Cli cut = consolidateAsPostgres(inbox, db, work.resolve("pg-cut"));

            // not contained as a rejection: the step fails, naming the file, and nothing is staged for it
            assertThat(cut.code()).as(cut.out()).isEqualTo(1);
            assertThat(cut.err().strip()).doesNotContain("\n").contains("“读取检查”步骤")
                    .contains("洛阳市教育局/附件1.xlsx").contains("数据库连接失败或中断");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM hz_content")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }

            c.createStatement().execute("DROP TRIGGER test_cut ON hz_row");
            Cli again = consolidateAsPostgres(inbox, db, work.resolve("pg-cut"));
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(Files.readString(work.resolve("pg-cut/latest/csv/submissions.csv")))
                    .contains("洛阳市教育局/附件1.xlsx").contains(",accepted,");
        }
    }

    @Test
    void postgresAndH2GiveIdenticalFeeds() throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", "");
        try {
            consolidate(url, work.resolve("pg"));
            // a second run on the same server: schema creation is idempotent, staged content is reused
            consolidate(url, work.resolve("pg2"));
        } finally {
            System.clearProperty("spring.datasource.username");
            System.clearProperty("spring.datasource.password");
        }
        consolidate("jdbc:h2:mem:pgcompare;DB_CLOSE_DELAY=-1", work.resolve("h2"));

        for (String f : List.of("submissions.csv", "pairings.csv", "cases.csv", "quota.csv", "issues.csv",
                "completeness.csv")) {
            String h2 = Files.readString(work.resolve("h2/latest/csv").resolve(f));
            assertThat(Files.readString(work.resolve("pg/latest/csv").resolve(f))).as(f).isEqualTo(h2);
            assertThat(Files.readString(work.resolve("pg2/latest/csv").resolve(f))).as(f).isEqualTo(h2);
        }
        assertThat(Files.readAllLines(work.resolve("pg/latest/csv/pairings.csv"))).hasSizeGreaterThan(5);
    }
}
