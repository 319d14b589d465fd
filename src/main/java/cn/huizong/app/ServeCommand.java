package cn.huizong.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * {@code serve}: stays up and consolidates on a cron (huizong.schedule.cron, default 02:00 Asia/Shanghai),
 * under the same lock as every other entry point, fetching the campaign mailbox first when one is configured
 * (huizong.mail.imap.host). A nightly run missed while the machine was off runs once at
 * start-up. On SIGTERM the running job is asked to stop at the next file, so the next run resumes it.
 */
@Component
public class ServeCommand {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    private final ConsolidationRunner runner;
    private final FetchMailCommand fetchMail;
    private final JdbcTemplate jdbc;
    private final String cron;
    private final ZoneId zone;
    private final Duration stopTimeout;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ThreadPoolTaskScheduler scheduler;
    private RunRequest request;
    // set first thing on shutdown: a fire already queued behind the stopped run (the nightly cron due while the
    // start-up run was going) must not start the job again and finish it after the stop was asked for
    private volatile boolean closing;

    public ServeCommand(ConsolidationRunner runner, JdbcTemplate jdbc, String cron, String zone, Duration stopTimeout) {
        this(runner, null, jdbc, cron, zone, stopTimeout);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ServeCommand(ConsolidationRunner runner, FetchMailCommand fetchMail, JdbcTemplate jdbc,
            @Value("${huizong.schedule.cron:0 0 2 * * *}") String cron,
            @Value("${huizong.schedule.zone:${huizong.zone:Asia/Shanghai}}") String zone,
            @Value("${huizong.schedule.stop-timeout:PT60S}") Duration stopTimeout) {
        this.runner = runner;
        this.fetchMail = fetchMail;
        this.jdbc = jdbc;
        this.cron = cron;
        this.zone = ZoneId.of(zone);
        this.stopTimeout = stopTimeout;
    }

    /** Blocks until the application is shut down. */
    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        try {
            request = RunRequest.fromCli(cli, "schedule");
            CronExpression.parse(cron);
        } catch (CliArguments.UsageException | IllegalArgumentException e) {
            err.println("用法错误：" + e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("nightly-");
        // the next cron fire is a delayed task: kept after shutdown, it made a stop wait out the whole stop timeout
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.initialize();
        if (missedLastRun(Instant.now())) {
            log.info("the scheduled run of {} was missed: running now", previousFire(Instant.now()));
            scheduler.execute(() -> fire("startup"));
        }
        scheduler.schedule(() -> fire("schedule"), new CronTrigger(cron, zone));
        onTerminationSignal();
        out.println("定时汇总已启动：cron “" + cron + "”（" + zone + "），按 Ctrl+C 或发送 SIGTERM 停止。");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ConsolidationRunner.EXIT_OK;
    }

    void fire(String trigger) {
        if (closing) {
            log.info("the {} run was not started: serve is stopping", trigger);
            return;
        }
        if (fetchMail != null && fetchMail.configured()) {
            // the mailbox first, so the run sees what arrived since the last one; a mail failure does not stop it
            cn.huizong.registry.Registry registry = null;
            try {
                registry = cn.huizong.registry.Registry.load(request.registry());
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("registry unreadable for fetch-mail: {}", e.toString());
            }
            FetchMailCommand.Outcome fetched = fetchMail.fetch(request.input(), registry);
            log.info("fetch-mail before the {} run: exit code {}: {}", trigger, fetched.code(),
                    fetched.message().lines().findFirst().orElse(""));
        }
        Path received = request.received();
        Path beside = request.input().resolveSibling("received.csv");
        if (received == null && Files.isRegularFile(beside)) {
            received = beside; // created after start-up (the console records an upload's received time there)
        }
        RunRequest r = new RunRequest(request.input(), request.registry(), request.output(), request.campaign(),
                received, trigger);
        // a stop that came after the check above but before the run was under way reaches it here
        ConsolidationRunner.Outcome outcome = runner.run(r, runId -> {
            if (closing) {
                runner.stopRunning();
            }
        });
        log.info("{} run finished with exit code {}: {}", trigger, outcome.code(), outcome.message().lines().findFirst().orElse(""));
    }

    /** True when no run has started since the last time the cron should have fired. */
    boolean missedLastRun(Instant now) {
        ZonedDateTime previous = previousFire(now);
        if (previous == null) {
            return false;
        }
        Timestamp last = jdbc.queryForObject("SELECT MAX(started_at) FROM hz_run", Timestamp.class);
        return last == null || last.toInstant().isBefore(previous.toInstant());
    }

    /** The latest fire time of the cron at or before now (looked for within the past 31 days). */
    ZonedDateTime previousFire(Instant now) {
        CronExpression expression = CronExpression.parse(cron);
        ZonedDateTime t = expression.next(now.atZone(zone).minusDays(31));
        ZonedDateTime previous = null;
        while (t != null && !t.toInstant().isAfter(now)) {
            previous = t;
            t = expression.next(t);
        }
        return previous;
    }

    /**
     * SIGTERM and SIGINT are taken before the JVM starts shutting down: otherwise H2's own shutdown hook may
     * close the database while the job still has to record that it stopped. The job is stopped first, then
     * the JVM exits normally.
     */
    private void onTerminationSignal() {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    log.info("SIG{} received: stopping", name);
                    new Thread(() -> {
                        shutdown();
                        System.exit(0);
                    }, "graceful-stop").start();
                });
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            log.warn("cannot intercept termination signals here ({}); relying on the shutdown hook", e.toString());
        }
    }

    @PreDestroy
    synchronized void shutdown() {
        closing = true;
        if (scheduler == null || stopped.getCount() == 0) {
            return;
        }
        if (runner.stopRunning()) {
            log.info("stop requested for the running job; waiting up to {}", stopTimeout);
        }
        scheduler.getScheduledExecutor().shutdown();
        try {
            scheduler.getScheduledExecutor().awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
    }
}
