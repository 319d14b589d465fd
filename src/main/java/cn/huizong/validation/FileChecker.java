package cn.huizong.validation;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

import cn.huizong.campaign.Campaign;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.Failures;
import cn.huizong.reading.FileSource;
import cn.huizong.reading.ReadFailure;
import cn.huizong.reading.Spreadsheets;
import cn.huizong.reading.StopReading;
import cn.huizong.registry.Registry;
import cn.huizong.support.ReadLimits;

/**
 * Checks one received file: orchestration over a checker per file kind (tables through the one
 * {@link cn.huizong.reading.WorkbookReader}, archives, anything unsupported; Word documents recorded as such
 * unless a document checker is registered with {@link #with}). Never throws for bad input: every failure becomes
 * the file's one file-level issue.
 */
public final class FileChecker {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FileChecker.class);

    private final ReadLimits limits;
    private final Map<FileKind, KindChecker> checkers;

    public FileChecker(Campaign campaign, Registry registry, ReadLimits limits) {
        this(limits, defaults(campaign, registry, limits));
    }

    private FileChecker(ReadLimits limits, Map<FileKind, KindChecker> checkers) {
        this.limits = limits;
        this.checkers = checkers;
    }

    private static Map<FileKind, KindChecker> defaults(Campaign campaign, Registry registry, ReadLimits limits) {
        Map<FileKind, KindChecker> m = new EnumMap<>(FileKind.class);
        KindChecker tables = new TableChecker(campaign, registry, limits, new Spreadsheets(limits));
        m.put(FileKind.SPREADSHEET, tables);
        m.put(FileKind.CSV, tables);
        m.put(FileKind.ARCHIVE, FileChecker::checkArchive);
        m.put(FileKind.DOCUMENT, (source, sink) -> new ContentResult("document", null, null, 0, null));
        m.put(FileKind.UNSUPPORTED, (source, sink) -> ContentResult.rejected(IssueCode.UNSUPPORTED_FORMAT,
                IssueCode.UNSUPPORTED_FORMAT.message(describeExtension(source.name()))));
        return m;
    }

    /** The same checker with another checker for one kind of file (Word documents, from the layer above). */
    public FileChecker with(FileKind kind, KindChecker checker) {
        Map<FileKind, KindChecker> m = new EnumMap<>(checkers);
        m.put(kind, checker);
        return new FileChecker(limits, m);
    }

    public ReadLimits limits() {
        return limits;
    }

    public ContentResult check(FileSource source, ContentSink sink) {
        try {
            return checkers.get(source.kind()).check(source, sink);
        } catch (ReadFailure f) {
            log.debug("{} rejected: {}", source.name(), f.getMessage(), f.getCause());
            return fromFailure(f);
        } catch (SheetProcessor.TimeBudgetExceeded e) {
            return timedOut(limits);
        } catch (StopReading e) {
            throw e; // the caller abandoned this file
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // a parser bug on a hostile file must cost this file only, never the run
            log.debug("{} rejected", source.name(), e);
            try {
                return fromFailure(Failures.classify(e, Failures.DAMAGED));
            } catch (SheetProcessor.TimeBudgetExceeded t) {
                return timedOut(limits); // the budget ran out inside a parser that wrapped our signal
            }
        }
    }

    /** The rejection of a file that used up its time budget. */
    public static ContentResult timedOut(ReadLimits limits) {
        return ContentResult.rejected(IssueCode.FILE_TOO_LARGE,
                IssueCode.FILE_TOO_LARGE.message("处理时间超过 " + limits.timePerFile().toSeconds() + " 秒"));
    }

    /** Archives are judged at intake (members, nesting, sizes); one that got this far is accepted. */
    private static ContentResult checkArchive(FileSource source, ContentSink sink) {
        if (source.bytes() != null) {
            return ContentResult.rejected(IssueCode.ARCHIVE_REJECTED,
                    IssueCode.ARCHIVE_REJECTED.message("压缩包内不能再嵌套压缩包"));
        }
        return new ContentResult("archive", null, null, 0, null);
    }

    static ContentResult fromFailure(ReadFailure f) {
        IssueCode code = IssueCode.of(f.reason());
        String message = switch (code) {
            case ENCRYPTED_FILE -> code.message();
            case UNSUPPORTED_FORMAT, UNREADABLE_FILE, FILE_TOO_LARGE, ARCHIVE_REJECTED -> code.message(f.detail());
            default -> code.message(f.detail(), "");
        };
        return new ContentResult(null, null, null, 0, new Issue(f.sheet(), f.row(), f.column(), code, message, null));
    }

    private static String describeExtension(String name) {
        String ext = FileKind.extension(name);
        return ext.isEmpty() ? "没有扩展名" : "." + ext;
    }
}
