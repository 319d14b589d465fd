package cn.huizong.operations;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.intake.Archives;
import cn.huizong.intake.FileKind;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentStore;
import cn.huizong.validation.FileChecker;
import cn.huizong.validation.IssueCode;

/**
 * Reads and checks each pending file, streaming its rows and issues into the staging tables inside the
 * chunk's transaction. Reading happens here rather than in a processor so that a file's rows flow to the
 * database as they are parsed instead of being collected in memory first.
 */
class FileContentWriter implements ItemWriter<PendingFile> {

    private static final Logger log = LoggerFactory.getLogger(FileContentWriter.class);

    private final RunContext ctx;
    private final FileChecker checker;
    private final ContentStore store;
    private final Progress progress;

    FileContentWriter(JdbcTemplate jdbc, RunContext ctx, Progress progress) {
        this.ctx = ctx;
        this.checker = new FileChecker(ctx.campaign(), ctx.registry(), ctx.limits());
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
            byte[] bytes = Archives.readMember(ctx.inputDir().resolve(f.archiveDiskPath()), f.memberName(),
                    ctx.limits().maxArchiveMemberBytes());
            return new FileChecker.Source(f.memberName(), kind, null, bytes);
        }
        Path path = ctx.inputDir().resolve(f.diskPath());
        return new FileChecker.Source(f.path(), kind, path, null);
    }
}
