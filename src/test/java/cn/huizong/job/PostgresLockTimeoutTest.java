package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.Workbooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A database error while reading is not retried inside the failed transaction (PostgreSQL refuses every
 * statement there until it rolls back): the run fails cleanly, and the next run resumes at that file.
 */
class PostgresLockTimeoutTest {

    @TempDir
    static Path work;

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static void write(String unit) throws Exception {
        Workbooks.xlsx(work.resolve("inbox").resolve(unit + "/附件1.xlsx"), Workbooks.pairingSheet(unit, List.of(r(unit,
                unit + "对接企业", "张明 13837900011", "李华 13937900001", "人才", "对接", "推进中", "2026-06-30"))));
    }

    static Cli consolidate(String url) {
        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", "");
        try {
            return Cli.run("consolidate", "--input", work.resolve("inbox").toString(), "--output",
                    work.resolve("out").toString(), "--data", work.resolve("data").toString(), "--db", url);
        } finally {
            System.clearProperty("spring.datasource.username");
            System.clearProperty("spring.datasource.password");
        }
    }

    @Test
    void aLockTimeoutWhileReadingFailsTheRunAndTheNextRunResumesIt() throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres") + "&options=-c%20lock_timeout%3D1000";
        write("洛阳市教育局");
        assertThat(consolidate(url).code()).isZero(); // creates the schema
        write("开封市教育局");

        Cli failed;
        try (Connection other = postgres.getPostgresDatabase().getConnection();
                Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            // another session holds the staging table: the run's insert of the new file's result times out
            st.execute("LOCK TABLE hz_content IN EXCLUSIVE MODE");
            failed = consolidate(url);
            other.rollback();
        }
        assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(failed.out() + failed.err()).contains("再次运行 consolidate 会从中断处继续").doesNotContain("\tat ");

        Cli resumed = consolidate(url);

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(records(work.resolve("out/latest/csv/pairings.csv")).stream().map(p -> p.get("unit")).toList())
                .containsExactlyInAnyOrder("洛阳市教育局", "开封市教育局");
    }
}
