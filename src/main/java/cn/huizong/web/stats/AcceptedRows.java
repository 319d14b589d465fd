package cn.huizong.web.stats;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.huizong.app.RunFinished;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.web.ServeSettings;
import jakarta.annotation.PreDestroy;

/**
 * Accepted rows per unit of each template's view, kept for the current result. On PostgreSQL a count over a view
 * skips the columns it does not read; H2 computes every column of every row (the staged values are split with
 * a regular expression per column), about 5 s for 200,000 pairing rows. The rows change only when another result
 * becomes current, so the counts are kept for it (keyed by the current run, its data run and when it finished),
 * and worked out in the background at start-up and after each run, before anyone asks.
 */
@Component
class AcceptedRows {

    private static final Logger log = LoggerFactory.getLogger(AcceptedRows.class);

    private final ViewReader views;
    private final ServeSettings settings;
    private final Map<String, Map<String, Long>> byKey = new ConcurrentHashMap<>();
    private final ExecutorService warmer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stats-warmer");
        t.setDaemon(true);
        return t;
    });

    AcceptedRows(ViewReader views, ServeSettings settings) {
        this.views = views;
        this.settings = settings;
    }

    /** The accepted rows of the template by unit, for the current result {@code c}. */
    Map<String, Long> of(ViewReader.Current c, TemplateSpec t) {
        String current = key(c);
        byKey.keySet().removeIf(k -> !k.startsWith(current)); // an older result's counts are of no more use
        // one computation per key: a second request waits for the first instead of scanning again
        return byKey.computeIfAbsent(current + t.id(), k -> views.acceptedRows(t));
    }

    private static String key(ViewReader.Current c) {
        return c.runId() + "|" + c.latestRunId() + "|" + c.finishedAt() + "|";
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        warmer.submit(this::warm);
    }

    @EventListener
    void runFinished(RunFinished event) {
        warmer.submit(this::warm);
    }

    private void warm() {
        try {
            views.current().ifPresent(c -> {
                try {
                    long start = System.nanoTime();
                    for (TemplateSpec t : settings.campaign().templates()) {
                        of(c, t);
                    }
                    log.info("dashboard counts of run {} ready in {} ms", c.runId(), (System.nanoTime() - start) / 1_000_000);
                } catch (IOException e) {
                    log.warn("dashboard counts not prepared: {}", e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.warn("dashboard counts not prepared: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        warmer.shutdownNow();
    }
}
