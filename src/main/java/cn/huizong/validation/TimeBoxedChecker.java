package cn.huizong.validation;

import cn.huizong.reading.FileSource;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.huizong.reading.Failures;
import cn.huizong.reading.StopReading;

/**
 * Holds every file check to its time budget, including time spent inside POI where no row callback can look
 * at the clock (a parser looping on a crafted record). The check runs in a worker thread that only parses:
 * rows and issues come back through a small queue and are written by the calling thread, inside its
 * transaction. When the budget is spent the caller stops waiting, interrupts the worker, discards what the
 * file had staged and records a rejection; the transaction commits normally and the run goes on. The worker
 * is abandoned: its next row or issue ends it, and a worker that never calls back runs on as a daemon until
 * it finishes (Java cannot kill a thread; {@link #stillRunning()} reports them). Whatever way the caller
 * leaves {@link #check} — result, time-out, interrupt, or an exception from its own sink (a database write
 * that failed) — the worker is told to stop, so none waits for ever on a queue nobody reads.
 */
public final class TimeBoxedChecker {

    /** Reads and checks one file, sending its rows and issues to the sink. */
    @FunctionalInterface
    public interface Check {
        ContentResult check(FileSource source, ContentSink sink);
    }

    private static final Logger log = LoggerFactory.getLogger(TimeBoxedChecker.class);
    /** Rows travel in batches (one hand-over per row would cost more than reading it); at most QUEUE × BATCH wait. */
    private static final int QUEUE = 16;
    private static final int BATCH = 256;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Check check;
    private final Duration budget;
    private final ContentResult timedOut;
    private final File tempDir;
    private final List<Thread> abandoned = new ArrayList<>();

    /**
     * @param timedOut what a file that runs out of time becomes
     * @param tempDir  where POI may spill temporary files for this worker (under the data folder), or null
     */
    public TimeBoxedChecker(Check check, Duration budget, ContentResult timedOut, Path tempDir) {
        this.check = check;
        this.budget = budget;
        this.timedOut = timedOut;
        this.tempDir = tempDir == null ? null : tempDir.toFile();
    }

    public static TimeBoxedChecker of(FileChecker checker, Path tempDir) {
        return new TimeBoxedChecker(checker::check, checker.limits().timePerFile(),
                FileChecker.timedOut(checker.limits()), tempDir);
    }

    public ContentResult check(FileSource source, ContentSink sink) {
        BlockingQueue<Object> events = new ArrayBlockingQueue<>(QUEUE);
        AtomicBoolean cancelled = new AtomicBoolean();
        QueueSink relay = new QueueSink(events, cancelled);
        Thread worker = new Thread(() -> {
            if (tempDir != null) {
                TempFile.setThreadLocalTempFileCreationStrategy(new DefaultTempFileCreationStrategy(tempDir));
            }
            Object end;
            try {
                ContentResult result = check.check(source, relay);
                relay.flush();
                end = new Done(result);
            } catch (StopReading e) {
                return; // cancelled: nobody is listening any more
            } catch (Throwable t) {
                end = new Crashed(t);
            }
            try {
                relay.send(end);
            } catch (StopReading e) {
                // timed out just as it finished
            }
        }, "huizong-check-" + THREADS.incrementAndGet());
        worker.setDaemon(true); // an abandoned worker must not keep the JVM alive
        worker.start();
        long deadline = System.nanoTime() + budget.toNanos();
        boolean released = false; // the worker has ended, or been abandoned
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Object e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    released = true; // abandoned below
                    abandon(worker, cancelled, events, source);
                    sink.discard();
                    return timedOut;
                }
                if (e instanceof Batch b) {
                    for (Object item : b.items()) {
                        if (item instanceof StagedRow r) {
                            sink.row(r);
                        } else {
                            sink.issue((Issue) item);
                        }
                    }
                } else if (e instanceof Done d) {
                    released = true;
                    return d.result();
                } else if (e instanceof Crashed c) {
                    released = true;
                    // the checker catches what parsers throw; this is a last resort (an Error in our own code)
                    log.warn("check of {} failed", source.name(), c.error());
                    sink.discard();
                    return FileChecker.fromFailure(Failures.classify(c.error(), Failures.DAMAGED));
                }
            }
        } catch (InterruptedException ie) {
            released = true;
            abandon(worker, cancelled, events, source);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + source.name(), ie);
        } finally {
            if (!released) {
                // the sink threw: without this the worker would offer its next batch to the queue for ever
                stop(worker, cancelled, events);
            }
        }
    }

    private void abandon(Thread worker, AtomicBoolean cancelled, BlockingQueue<Object> events,
            FileSource source) {
        stop(worker, cancelled, events);
        log.warn("{} took longer than {}s; abandoned (worker {}, {} abandoned workers still running)", source.name(),
                budget.toSeconds(), worker.getName(), stillRunning());
    }

    /** Tells the worker to end at its next row, issue or hand-over, and keeps it in sight until it has. */
    private void stop(Thread worker, AtomicBoolean cancelled, BlockingQueue<Object> events) {
        cancelled.set(true);
        worker.interrupt();
        events.clear();
        abandoned.add(worker);
    }

    /** Abandoned workers that have not finished yet. */
    public int stillRunning() {
        abandoned.removeIf(t -> !t.isAlive());
        return abandoned.size();
    }

    private record Batch(List<Object> items) {
    }

    private record Done(ContentResult result) {
    }

    private record Crashed(Throwable error) {
    }

    /** The worker's side of the queue: blocks while the caller is busy writing, stops once cancelled. */
    private static final class QueueSink implements ContentSink {
        private final BlockingQueue<Object> events;
        private final AtomicBoolean cancelled;
        private List<Object> batch = new ArrayList<>(BATCH);

        QueueSink(BlockingQueue<Object> events, AtomicBoolean cancelled) {
            this.events = events;
            this.cancelled = cancelled;
        }

        @Override
        public void row(StagedRow row) {
            add(row);
        }

        @Override
        public void issue(Issue issue) {
            add(issue);
        }

        private void add(Object item) {
            if (cancelled.get()) {
                throw new Cancelled();
            }
            batch.add(item);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                send(new Batch(batch));
                batch = new ArrayList<>(BATCH);
            }
        }

        void send(Object event) {
            try {
                while (!cancelled.get()) {
                    if (events.offer(event, 100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new Cancelled();
        }
    }

    /** Ends an abandoned worker at its next row or issue. */
    static final class Cancelled extends StopReading {
        Cancelled() {
            super("check abandoned");
        }
    }
}
