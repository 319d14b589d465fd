package cn.huizong.validation;

import cn.huizong.reading.FileSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import cn.huizong.intake.FileKind;

/** The time budget holds even when the parser never calls back, and nothing of an abandoned file is kept. */
class TimeBoxedCheckerTest {

    static final ContentResult TIMED_OUT = ContentResult.rejected(IssueCode.FILE_TOO_LARGE, "timed out");
    static final FileSource SOURCE = new FileSource("x.xlsx", FileKind.SPREADSHEET, null, new byte[0]);

    /** Records what reaches it and on which thread (the transaction's thread must do all the writing). */
    static class RecordingSink implements ContentSink {
        final List<Object> events = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        volatile int discards;

        @Override
        public void row(StagedRow row) {
            events.add(row.rowNo());
            threads.add(Thread.currentThread());
        }

        @Override
        public void issue(Issue issue) {
            events.add(issue.code());
            threads.add(Thread.currentThread());
        }

        @Override
        public void discard() {
            discards++;
            events.clear();
        }
    }

    static StagedRow row(int n) {
        return new StagedRow(n, "s", 0, n, List.of("v"), false, null, null, null, null, null, null, null);
    }

    @Test
    void rowsIssuesAndResultPassThroughInOrderOnTheCallersThread() {
        TimeBoxedChecker checker = new TimeBoxedChecker((source, sink) -> {
            for (int i = 1; i <= 2_000; i++) { // more than the queue holds: the worker waits for the writer
                sink.row(row(i));
            }
            sink.issue(Issue.file(IssueCode.NO_DATA_ROWS, "m"));
            return new ContentResult("pairing", null, null, 2_000, null);
        }, Duration.ofSeconds(30), TIMED_OUT, null);
        RecordingSink sink = new RecordingSink();

        ContentResult r = checker.check(SOURCE, sink);

        assertThat(r.template()).isEqualTo("pairing");
        assertThat(sink.events).hasSize(2_001).startsWith(1, 2, 3).endsWith(2_000, IssueCode.NO_DATA_ROWS);
        assertThat(sink.threads).containsOnly(Thread.currentThread());
        assertThat(sink.discards).isZero();
    }

    @Test
    void aParserThatNeverCallsBackIsAbandonedAtTheBudget() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        TimeBoxedChecker checker = new TimeBoxedChecker((source, sink) -> {
            sink.row(row(1));
            while (!release.get()) {
                Thread.interrupted(); // a loop that swallows interrupts, as a parser bug would
                Thread.onSpinWait();
            }
            return new ContentResult("pairing", null, null, 1, null);
        }, Duration.ofMillis(300), TIMED_OUT, null);
        RecordingSink sink = new RecordingSink();

        long t0 = System.nanoTime();
        ContentResult r = checker.check(SOURCE, sink);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r).isSameAs(TIMED_OUT);
        assertThat(millis).isBetween(250L, 3_000L);
        assertThat(sink.discards).isEqualTo(1);
        assertThat(sink.events).isEmpty();
        assertThat(checker.stillRunning()).isEqualTo(1);
        release.set(true);
        for (int i = 0; i < 100 && checker.stillRunning() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(checker.stillRunning()).isZero();
        assertThat(sink.events).as("the late result is dropped").isEmpty();
    }

    @Test
    void anAbandonedWorkerStopsAtItsNextRowAndNothingMoreArrives() throws Exception {
        AtomicBoolean stoppedAtRow = new AtomicBoolean();
        TimeBoxedChecker checker = new TimeBoxedChecker((source, sink) -> {
            sink.row(row(1));
            long until = System.nanoTime() + 600_000_000L;
            while (System.nanoTime() < until) {
                Thread.interrupted();
            }
            try {
                sink.row(row(2));
            } catch (RuntimeException e) {
                stoppedAtRow.set(true);
                throw e;
            }
            return new ContentResult("pairing", null, null, 2, null);
        }, Duration.ofMillis(100), TIMED_OUT, null);
        RecordingSink sink = new RecordingSink();

        assertThat(checker.check(SOURCE, sink)).isSameAs(TIMED_OUT);
        for (int i = 0; i < 100 && checker.stillRunning() > 0; i++) {
            Thread.sleep(20);
        }

        assertThat(stoppedAtRow).isTrue();
        assertThat(checker.stillRunning()).isZero();
        assertThat(sink.events).isEmpty();
    }

    @Test
    void workerEndsWhenTheSinkThrows() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        TimeBoxedChecker checker = new TimeBoxedChecker((source, sink) -> {
            worker.set(Thread.currentThread());
            for (int i = 1; i <= 100_000; i++) { // far more than the queue holds: it waits for a writer that is gone
                sink.row(row(i));
            }
            return new ContentResult("pairing", null, null, 100_000, null);
        }, Duration.ofSeconds(60), TIMED_OUT, null);
        RecordingSink failing = new RecordingSink() {
            @Override
            public void row(StagedRow row) {
                throw new IllegalStateException("value too long for column GROUP_KEY");
            }
        };

        assertThatThrownBy(() -> checker.check(SOURCE, failing)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GROUP_KEY"); // the caller sees the sink's own exception, to judge it

        worker.get().join(5_000);
        assertThat(worker.get().isAlive()).as("worker still running after the caller left").isFalse();
        assertThat(checker.stillRunning()).isZero();
    }

    @Test
    void workerBusyParsingEndsAtItsNextRowWhenTheSinkThrows() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean stoppedAtRow = new AtomicBoolean();
        TimeBoxedChecker checker = new TimeBoxedChecker((source, sink) -> {
            worker.set(Thread.currentThread());
            try {
                for (int i = 1; i <= 300; i++) { // the first batch (256 rows) reaches the sink, which throws
                    sink.row(row(i));
                }
                long until = System.nanoTime() + 300_000_000L; // then parsing, deaf to interrupts
                while (System.nanoTime() < until) {
                    Thread.interrupted();
                }
                for (int i = 301; i <= 1_000; i++) {
                    sink.row(row(i));
                }
            } catch (RuntimeException e) {
                // ended at a row: among rows 257-300 when the caller's cancel comes first, else after the busy part
                stoppedAtRow.set(true);
                throw e;
            }
            return new ContentResult("pairing", null, null, 1_000, null);
        }, Duration.ofSeconds(60), TIMED_OUT, null);
        RecordingSink failing = new RecordingSink() {
            @Override
            public void row(StagedRow row) {
                throw new IllegalStateException("check constraint violated");
            }
        };

        assertThatThrownBy(() -> checker.check(SOURCE, failing)).isInstanceOf(IllegalStateException.class);

        worker.get().join(5_000);
        assertThat(worker.get().isAlive()).isFalse();
        assertThat(stoppedAtRow).isTrue();
    }

    @Test
    void anErrorInsideTheCheckRejectsTheFileAndDiscardsItsRows() {
        TimeBoxedChecker checker = new TimeBoxedChecker((source, sink) -> {
            sink.row(row(1));
            throw new StackOverflowError();
        }, Duration.ofSeconds(30), TIMED_OUT, null);
        RecordingSink sink = new RecordingSink();

        ContentResult r = checker.check(SOURCE, sink);

        assertThat(r.failure().code()).isEqualTo(IssueCode.UNREADABLE_FILE);
        assertThat(sink.events).isEmpty();
        assertThat(sink.discards).isEqualTo(1);
    }
}
