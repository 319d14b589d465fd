package cn.huizong.staging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.documents.DocumentPicture;
import cn.huizong.documents.DocumentReport;

/** Stages what a document's check found besides its issues (kind, title, pictures, the plans its sections follow), under its content key. */
public final class DocumentStore {

    private final JdbcTemplate jdbc;

    public DocumentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Within the caller's transaction, beside {@link ContentStore.Writer#finish}. */
    public void save(String contentKey, DocumentReport report) {
        jdbc.update("DELETE FROM hz_document_picture WHERE content_key = ?", contentKey);
        jdbc.update("DELETE FROM hz_document WHERE content_key = ?", contentKey);
        jdbc.update("INSERT INTO hz_document (content_key, kind, format, title, status, plans_shown) "
                + "VALUES (?,?,?,?,?,?)", contentKey, report.kind().code(), report.format(),
                ContentStore.text(report.title()), report.status(), String.join(",", report.plansShown()));
        List<Object[]> pictures = new ArrayList<>();
        int no = 0;
        for (DocumentPicture p : report.pictures()) {
            pictures.add(new Object[] {contentKey, ++no, p.paragraph(), ContentStore.text(p.name()), p.sha256(), p.bytes()});
        }
        if (!pictures.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO hz_document_picture (content_key, picture_no, paragraph, name, sha256, "
                    + "size_bytes) VALUES (?,?,?,?,?,?)", pictures);
        }
    }
}
