package cn.huizong.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.SampleInbox;
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
