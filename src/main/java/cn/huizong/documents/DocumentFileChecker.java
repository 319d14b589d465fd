package cn.huizong.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import cn.huizong.campaign.Campaign;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.FileSource;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentSink;
import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;
import cn.huizong.validation.KindChecker;
import cn.huizong.validation.Severity;

/**
 * The run's checker for Word documents (register with {@code FileChecker.with(FileKind.DOCUMENT, …)}): runs
 * {@link DocumentChecker} and hands its paragraph-level issues to the sink; a document that cannot be read is
 * rejected with its file-level error. The request for a .docx (DOC_NOT_DOCX, worded for 案例材料) is kept for
 * write-ups only. Pictures (JPG and the like) are recorded, not judged: they are the
 * pictures of the unit's write-ups. The last report of each source is kept for the caller to stage
 * ({@link #take}), since a report's pictures do not fit the sink's rows and issues.
 */
public final class DocumentFileChecker implements KindChecker {

    /** The template id of every document and picture, as hz_file and submissions.csv show them. */
    public static final String TEMPLATE = "document";
    private static final Set<String> TEMPLATES = Set.of("jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff");

    private final Campaign campaign;
    private final Path tempDir;
    private final Map<FileSource, DocumentReport> reports = Collections.synchronizedMap(new IdentityHashMap<>());

    /** @param tempDir where an archive member is written to be opened as a file, or null for the system's */
    public DocumentFileChecker(Campaign campaign, Path tempDir) {
        this.campaign = campaign;
        this.tempDir = tempDir;
    }

    public static boolean isPicture(String name) {
        return TEMPLATES.contains(FileKind.extension(name));
    }

    @Override
    public ContentResult check(FileSource source, ContentSink sink) throws IOException {
        if (isPicture(source.name())) {
            return new ContentResult(TEMPLATE, null, null, 0, null);
        }
        DocumentReport report;
        if (source.path() != null) {
            report = DocumentChecker.check(source.path(), source.name(), campaign);
        } else {
            Path tmp = tempDir == null ? Files.createTempFile("huizong-doc", ".tmp")
                    : Files.createTempFile(Files.createDirectories(tempDir), "huizong-doc", ".tmp");
            try {
                Files.write(tmp, source.bytes());
                report = DocumentChecker.check(tmp, source.name(), campaign);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        Issue failure = null;
        for (Issue i : report.issues()) {
            if (i.code() == IssueCode.DOC_NOT_DOCX && report.kind() != DocumentKind.WRITEUP) {
                continue; // its request speaks of 案例材料: a plan or other paper in .pdf is recorded only
            }
            if (i.severity() == Severity.ERROR && failure == null) {
                failure = i; // encrypted or damaged: the file's one file-level error
            } else {
                sink.issue(i);
            }
        }
        reports.put(source, report);
        if (failure != null) {
            sink.discard();
            return new ContentResult(null, null, null, 0, failure);
        }
        // the kind goes to hz_document and documents.csv; the file's template stays "document" (submissions.csv)
        return new ContentResult(TEMPLATE, null, null, 0, null);
    }

    /** The report of the source last checked, once; null for a picture or a file not checked here. */
    public DocumentReport take(FileSource source) {
        return reports.remove(source);
    }
}
