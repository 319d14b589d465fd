package cn.huizong.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.reporting.BiViews;
import cn.huizong.reporting.DerivedValues;

/**
 * Keeps the BI views ({@code hz_current_*}) in step with the campaign of the current result: made at start-up
 * with the schema (for the campaign they were last made for, else the default one) and again after every run
 * for the run's campaign. A view that cannot be made is logged and never stops a consolidation.
 */
final class Views {

    private static final Logger log = LoggerFactory.getLogger(Views.class);

    private Views() {
    }

    static void atStartUp(JdbcTemplate jdbc) {
        try {
            BiViews views = new BiViews(jdbc);
            String file = views.campaignFile().orElseGet(Views::defaultCampaign);
            if (!file.isEmpty() && !Files.isRegularFile(Path.of(file))) {
                log.info("campaign {} of the BI views is gone; the views stay as they are until the next run", file);
                return;
            }
            views.refresh(file.isEmpty() ? CampaignLoader.loadBundled() : CampaignLoader.load(Path.of(file)), file);
        } catch (Exception e) {
            log.warn("BI views not brought up to date at start-up", e);
        }
    }

    /**
     * After a completed or unchanged run: the views follow the campaign of the result they show. A run shown
     * again ({@code dataRunId} of an unchanged run) may have been published by a version that did not derive
     * its values: derived now (nothing to do otherwise; a completed run derived them when it published).
     */
    static void afterRun(JdbcTemplate jdbc, Campaign campaign, String campaignFile, String shownAgain) {
        try {
            new BiViews(jdbc).refresh(campaign, campaignFile == null || campaignFile.isBlank() ? ""
                    : Path.of(campaignFile).toAbsolutePath().normalize().toString());
            if (shownAgain != null) {
                new DerivedValues(jdbc).fill(campaign, shownAgain);
            }
        } catch (Exception e) {
            log.warn("BI views not brought up to date after the run", e);
        }
    }

    private static String defaultCampaign() {
        Path p = Path.of(RunRequest.DEFAULT_CAMPAIGN);
        return Files.isRegularFile(p) ? p.toAbsolutePath().normalize().toString() : "";
    }
}
