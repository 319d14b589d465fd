package cn.huizong.operations;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.intake.Sha256;
import cn.huizong.intake.Archives;
import cn.huizong.intake.EvidenceStore;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.Failures;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentStore;
import cn.huizong.validation.FileChecker;
import cn.huizong.validation.IssueCode;
import cn.huizong.validation.TimeBoxedChecker;

/**
 * Reads and checks each pending file, streaming its rows and issues into the staging tables inside the
 * chunk's transaction. Reading happens here rather than in a processor so that a file's rows flow to the
 * database as they are parsed instead of being collected in memory first. Files are read from the evidence
 * store, never from the inbox, and under their time budget (see {@link TimeBoxedChecker}).
 */
class FileContentWriter implements ItemWriter<PendingFile> {

    private static final Logger log = LoggerFactory.getLogger(FileContentWriter.class);

    private final RunContext ctx;
    private final EvidenceStore evidence;
    private final TimeBoxedChecker checker;
    private final ContentStore store;
    private final Progress progress;

    FileContentWriter(JdbcTemplate jdbc, RunContext ctx, Progress progress) {
        this.ctx = ctx;
        this.evidence = ctx.store();
        this.checker = TimeBoxedChecker.of(new FileChecker(ctx.campaign(), ctx.registry(), ctx.limits()), ctx.tempDir());
        this.store = new ContentStore(jdbc);
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends PendingFile> chunk) {
        for (PendingFile f : chunk) {
            if (store.exists(f.contentKey())) {
                continue; // another copy of the same bytes in this run
            }
            ContentStore.Writer sink = store.writer(f.contentKey());
            ContentResult result;
            try {
                result = checker.check(source(f), sink);
            } catch (Archives.MemberTooLarge e) {
                result = ContentResult.rejected(IssueCode.FILE_TOO_LARGE, IssueCode.FILE_TOO_LARGE.message(e.getMessage()));
            } catch (Archives.ZipBomb e) {
                result = ContentResult.rejected(IssueCode.FILE_TOO_LARGE, IssueCode.FILE_TOO_LARGE.message(Failures.ZIP_BOMB));
            } catch (IOException e) {
                log.warn("cannot read {}: {}", f.path(), e.toString());
                result = ContentResult.rejected(IssueCode.UNREADABLE_FILE, IssueCode.UNREADABLE_FILE.message("读取失败"));
            }
            sink.finish(f.sha256(), result, ctx.runId());
            log.debug("read {}: {} rows{}", f.path(), result.rowsRead(),
                    result.failure() == null ? "" : ", rejected " + result.failure().code());
            progress.fileDone(f.path(), result.rowsRead());
        }
    }

    private FileChecker.Source source(PendingFile f) throws IOException {
        FileKind kind = FileKind.valueOf(f.kind());
        if (f.memberName() != null) {
            byte[] bytes = Archives.readMember(evidence.path(f.archiveSha256()), f.memberName(), ctx.limits());
            if (!Sha256.of(bytes).equals(f.sha256())) {
                throw new IOException("archive member changed since intake: " + f.path());
            }
            return new FileChecker.Source(f.memberName(), kind, null, bytes);
        }
        return new FileChecker.Source(f.path(), kind, evidence.path(f.sha256()), null);
    }
}
