package cn.huizong.web.runs;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.web.Formats;
import jakarta.annotation.PreDestroy;

/**
 * A run's progress as server-sent events: every second a {@code progress} event (HTML for htmx's sse extension:
 * files done of total, rows, current file, time left), and once the run has ended an {@code outcome} event, after
 * which the stream ends. The status is read from the database each time, so a run of the nightly schedule or of
 * another process is followed just the same.
 */
@Component
class RunEvents {

    private static final Logger log = LoggerFactory.getLogger(RunEvents.class);
    private static final long EVERY_MS = 1000;

    /** What the rendered fragments need beside the status: links and the form token of the page that listens. */
    record Page(String base, String csrfParam, String csrfToken) {
    }

    private final RunService runs;
    private final ITemplateEngine templates;
    private final Formats fmt;
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "run-events");
        t.setDaemon(true);
        return t;
    });

    RunEvents(RunService runs, ITemplateEngine templates, Formats fmt) {
        this.runs = runs;
        this.templates = templates;
        this.fmt = fmt;
    }

    SseEmitter follow(String runId, Page page) {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: a long run is followed to its end
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger waited = new java.util.concurrent.atomic.AtomicInteger();
        Runnable tick = () -> {
            try {
                Optional<RunStatus> s = runs.status(runId);
                if (s.isEmpty()) {
                    emitter.send(SseEmitter.event().name("outcome").data(render("outcome", null, page, runId)));
                    emitter.complete();
                    cancel(task);
                    return;
                }
                RunStatus status = s.get();
                if (status.status() == RunStatus.State.RUNNING) {
                    emitter.send(SseEmitter.event().name("progress").data(render("progress", status, page, runId)));
                } else if (runs.outcomeMessage(status.runId()).isEmpty() && waited.getAndIncrement() < 3) {
                    // the lock is released a moment before this process records the run's summary: wait for it
                    emitter.send(SseEmitter.event().name("progress").data(render("progress", status, page, runId)));
                } else {
                    emitter.send(SseEmitter.event().name("progress").data(render("progress", status, page, runId)));
                    emitter.send(SseEmitter.event().name("outcome").data(render("outcome", status, page, runId)));
                    emitter.complete();
                    cancel(task);
                }
            } catch (IOException | IllegalStateException e) {
                // the browser went away: stop following
                cancel(task);
            } catch (RuntimeException e) {
                log.warn("progress events of run {} ended: {}", runId, e.toString());
                emitter.completeWithError(e);
                cancel(task);
            }
        };
        emitter.onCompletion(() -> cancel(task));
        emitter.onTimeout(() -> cancel(task));
        emitter.onError(e -> cancel(task));
        task.set(ticker.scheduleWithFixedDelay(tick, 0, EVERY_MS, TimeUnit.MILLISECONDS));
        return emitter;
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> f = task.get();
        if (f != null) {
            f.cancel(false);
        }
    }

    private String render(String fragment, RunStatus status, Page page, String runId) {
        Context ctx = new Context(java.util.Locale.SIMPLIFIED_CHINESE);
        ctx.setVariables(Map.of("fmt", fmt, "base", page.base(), "runId", runId));
        ctx.setVariable("s", status);
        ctx.setVariable("csrfParam", page.csrfParam());
        ctx.setVariable("csrfToken", page.csrfToken());
        ctx.setVariable("message", status == null ? null : runs.outcomeMessage(status.runId()).orElse(null));
        return templates.process("run-progress", Set.of(fragment), ctx).strip();
    }

    @PreDestroy
    void close() {
        ticker.shutdownNow();
    }
}
