package cn.huizong.reporting;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The hz_current_* views on a real PostgreSQL (embedded 17, a database collating zh-CN) return exactly the
 * rows of the CSV feeds, through the same campaign life as on H2.
 */
class PostgresBiViewsTest {

    static EmbeddedPostgres postgres;

    @TempDir
    Path work;

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

    @Test
    void viewsHoldTheRowsOfTheCurrentFeedsThroughACampaignsLife() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE huizong_views TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' "
                    + "LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN'");
        }
        new ViewsAndFeeds(work, postgres.getJdbcUrl("postgres", "huizong_views"),
                Map.of("spring.datasource.username", "postgres", "spring.datasource.password", "")).lifeOfACampaign();
    }
}
