package cn.huizong.reporting;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hz_current_* views on H2 return exactly the rows of the CSV feeds of output/latest, after a run, after
 * the inbox changed and changed back (an older run published again), after retention pruned runs, and on a
 * database an older version created.
 */
class BiViewsTest {

    @TempDir
    Path work;

    @Test
    void viewsHoldTheRowsOfTheCurrentFeedsThroughACampaignsLife() throws Exception {
        new ViewsAndFeeds(work, "jdbc:h2:file:" + work.resolve("db/h") + ";AUTO_SERVER=TRUE", Map.of())
                .lifeOfACampaign();
    }
}
