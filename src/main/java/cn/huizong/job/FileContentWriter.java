package cn.huizong.job;

import cn.huizong.reading.FileSource;
import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.huizong.support.Sha256;
import cn.huizong.intake.Archives;
import cn.huizong.intake.EvidenceStore;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.Failures;
import cn.huizong.validation.ContentResult;
import cn.huizong.documents.DocumentFileChecker;
import cn.huizong.documents.DocumentReport;
import cn.huizong.staging.ContentStore;
import cn.huizong.staging.DocumentStore;
import cn.huizong.validation.FileChecker;
import cn.huizong.validation.IssueCode;
import cn.huizong.validation.SubmittedText;
import cn.huizong.validation.TimeBoxedChecker;

/**
 * Reads and checks each pending file, streaming its rows and issues into the staging tables inside the
 * chunk's transaction. Reading happens here rather than in a processor so that a file's rows flow to the
 * database as they are parsed instead of being collected in memory first. Files are read from the evidence
 * store, never from the inbox, and under their time budget (see {@link TimeBoxedChecker}).
 * <p>
 * Each file is staged under a savepoint. When the database refuses its data (a value or a constraint: a
 * {@link DataIntegrityViolationException}), that file alone is rolled back and rejected for this run with
 * {@link IssueCode#STAGING_FAILED}, and the run goes on. The rejection is not staged under the content key, so
 * the next run reads the file again rather than trusting a refusal that may have been the database's. Any
 * other failure (a lost connection, a full disk) fails the step, naming the file, and the next run resumes.
 */
class FileContentWriter implements ItemWriter<PendingFile> {

    private static final Logger log = LoggerFactory.getLogger(FileContentWriter.class);

    private final JdbcTemplate jdbc;
    private final RunContext ctx;
    private final EvidenceStore evidence;
    private final TimeBoxedChecker checker;
    private final ContentStore store;
    private final DocumentFileChecker documentChecker;
    private final DocumentStore documents;
    private final Progress progress;
    private final TransactionTemplate perFile;
    private final StepExecution step;

    FileContentWriter(JdbcTemplate jdbc, RunContext ctx, Progress progress, PlatformTransactionManager tm,
            StepExecution step) {
        this.jdbc = jdbc;
        this.ctx = ctx;
        this.evidence = ctx.store();
        this.documentChecker = new DocumentFileChecker(ctx.campaign(), ctx.tempDir());
        this.checker = TimeBoxedChecker.of(new FileChecker(ctx.campaign(), ctx.registry(), ctx.limits())
                .with(FileKind.DOCUMENT, documentChecker), ctx.tempDir());
        this.documents = new DocumentStore(jdbc);
        this.store = new ContentStore(jdbc);
        this.progress = progress;
        this.perFile = new TransactionTemplate(tm);
        // a savepoint inside the chunk's transaction: rolling one file back leaves the chunk usable (PostgreSQL
        // refuses every statement of a transaction after an error unless it returns to a savepoint)
        this.perFile.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends PendingFile> chunk) {
        for (PendingFile f : chunk) {
            if (store.exists(f.contentKey())) {
                continue; // another copy of the same bytes in this run
            }
            // named in the failure message if anything below fails the step
            step.getExecutionContext().putString(ConsolidationJobConfiguration.CURRENT_FILE, f.path());
            int rows;
            try {
                rows = perFile.execute(status -> stage(f));
            } catch (DataIntegrityViolationException e) {
                log.error("the database refused the data of {}; the file is rejected for this run", f.path(), e);
                rejectForThisRun(f);
                rows = 0;
            } catch (RuntimeException | Error e) {
                // the exception itself, with its stack trace, is logged once by the step
                log.error("staging {} failed: the step stops here and the next run resumes with this file", f.path());
                throw e;
            }
            step.getExecutionContext().remove(ConsolidationJobConfiguration.CURRENT_FILE);
            progress.fileDone(f.path(), rows);
        }
    }

    /** Reads, checks and stages one file; returns the rows read. */
    private int stage(PendingFile f) {
        ContentStore.Writer sink = store.writer(f.contentKey());
        ContentResult result;
        FileSource source = null;
        try {
            source = source(f);
            result = checker.check(source, sink);
        } catch (Archives.MemberTooLarge e) {
            result = ContentResult.rejected(IssueCode.FILE_TOO_LARGE, IssueCode.FILE_TOO_LARGE.message(e.getMessage()));
        } catch (Archives.ZipBomb e) {
            result = ContentResult.rejected(IssueCode.FILE_TOO_LARGE, IssueCode.FILE_TOO_LARGE.message(Failures.ZIP_BOMB));
        } catch (IOException e) {
            log.warn("cannot read {}: {}", f.path(), e.toString());
            result = ContentResult.rejected(IssueCode.UNREADABLE_FILE, IssueCode.UNREADABLE_FILE.message("读取失败"));
        }
        sink.finish(f.sha256(), result, ctx.runId());
        DocumentReport report = source == null ? null : documentChecker.take(source);
        if (report != null && result.failure() == null) {
            documents.save(f.contentKey(), report);
        }
        log.debug("read {}: {} rows{}", f.path(), result.rowsRead(),
                result.failure() == null ? "" : ", rejected " + result.failure().code());
        return result.rowsRead();
    }

    /** Every copy of the content in this run is rejected; nothing is staged, so a later run reads it again. */
    private void rejectForThisRun(PendingFile f) {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1);
        jdbc.update("UPDATE hz_file SET reject_code = ?, reject_detail = ? WHERE run_id = ? AND content_key = ?",
                IssueCode.STAGING_FAILED.name(), SubmittedText.quote(name), ctx.runId(), f.contentKey());
    }

    private FileSource source(PendingFile f) throws IOException {
        FileKind kind = FileKind.valueOf(f.kind());
        if (f.memberName() != null) {
            byte[] bytes = Archives.readMember(evidence.path(f.archiveSha256()), f.memberName(), ctx.limits());
            if (!Sha256.of(bytes).equals(f.sha256())) {
                throw new IOException("archive member changed since intake: " + f.path());
            }
            return new FileSource(f.memberName(), kind, null, bytes);
        }
        return new FileSource(f.path(), kind, evidence.path(f.sha256()), null);
    }
}
