package cn.huizong.reporting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.intake.EvidenceStore;
import cn.huizong.support.ReadLimits;

/**
 * Everything a run folder holds, written before it is published: the CSV feeds under csv/, 省级汇总表.xlsx for
 * the province, and under 反馈/ a letter per unit with problems plus marked copies of its problem files.
 */
public final class Reports {

    private final JdbcTemplate jdbc;
    private final ReportData data;
    private final Campaign campaign;
    private final EvidenceStore store;
    private final ReadLimits limits;
    private final Path tempDir;

    /**
     * @param store the received files by hash, read for the marked copies of problem files (never the inbox)
     * @param tempDir where POI's temporary files go, in every thread of this (never the system's)
     */
    public Reports(JdbcTemplate jdbc, Campaign campaign, EvidenceStore store, ReadLimits limits, Path tempDir) {
        this.jdbc = jdbc;
        this.tempDir = tempDir;
        this.data = new ReportData(jdbc, campaign);
        this.campaign = campaign;
        this.store = store;
        this.limits = limits;
    }

    /**
     * Marked copies load whole workbooks (POI's usermodel): with a heap this large they are made in a second
     * thread while this one writes the feeds and 省级汇总表; below it, one after the other, as the heap promises
     * (README, Memory) are measured.
     */
    static final long HEAP_FOR_COPIES_BESIDE = 768L << 20;

    public void write(String runId, Path runFolder) throws IOException {
        Path feedback = runFolder.resolve(FeedbackWorkbooks.FOLDER);
        List<ReportData.FileRow> files = data.files(runId);
        Map<Integer, ReportData.FileRow> byNo = new LinkedHashMap<>();
        files.forEach(f -> byNo.put(f.fileNo(), f));
        Callable<Map<Integer, MarkedCopies.Outcome>> marking = () -> new MarkedCopies(data, store, limits, campaign)
                .write(runId, feedback, byNo);
        Map<Integer, MarkedCopies.Outcome> copies;
        if (Runtime.getRuntime().maxMemory() >= HEAP_FOR_COPIES_BESIDE) {
            // in a read-only transaction of its own, so that PostgreSQL streams the issues with the fetch size
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
            tx.setReadOnly(true);
            FutureTask<Map<Integer, MarkedCopies.Outcome>> task = new FutureTask<>(() -> {
                TempFile.setThreadLocalTempFileCreationStrategy(new DefaultTempFileCreationStrategy(tempDir.toFile()));
                try {
                    return tx.execute(status -> {
                        try {
                            return marking.call();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                } finally {
                    TempFile.setThreadLocalTempFileCreationStrategy(null);
                }
            });
            Thread worker = new Thread(task, "huizong-marked-copies");
            worker.setDaemon(true);
            worker.start();
            try {
                feedsAndWorkbook(runId, runFolder);
            } catch (IOException | RuntimeException | Error e) {
                awaitQuietly(task); // it writes into this run folder: never leave it running behind a failure
                throw e;
            }
            copies = await(task);
        } else {
            feedsAndWorkbook(runId, runFolder);
            try {
                copies = marking.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        new FeedbackWorkbooks(data, campaign).write(runId, feedback, files, copies);
    }

    private void feedsAndWorkbook(String runId, Path runFolder) throws IOException {
        Path csv = runFolder.resolve("csv");
        // the feeds of templates without quotas come with their sheets of 省级汇总表 (one read of their rows)
        new CsvExporter(jdbc, campaign).export(runId, csv, t -> t.quotaApplies());
        new ProvincialWorkbook(data, campaign).write(runId, runFolder.resolve(ProvincialWorkbook.FILE_NAME), csv);
    }

    private static <T> T await(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while marking copies", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    private static void awaitQuietly(FutureTask<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the first failure is the one reported
        }
    }
}
