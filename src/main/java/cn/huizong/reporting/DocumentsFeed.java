package cn.huizong.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.documents.DocumentFileChecker;

/**
 * csv/documents.csv: every Word document (or .pdf/.wps/.ofd) a run counts, one line each: its kind, the case its
 * write-up is linked to, its pictures and how many came as JPG files too, its status (ok, has_problems,
 * not_checked, rejected, or superseded when a newer version of the same write-up or plan replaced it: then no
 * case, errors nor warnings, its problems are no longer asked about) and its errors and warnings in issues.csv.
 * Pictures and copies are not listed.
 */
public final class DocumentsFeed {

    public static final String FILE_NAME = "documents.csv";

    private final JdbcTemplate jdbc;

    public DocumentsFeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void write(String runId, Path file) throws IOException {
        try (SafeCsv csv = SafeCsv.create(file, List.of("file", "unit", "kind", "case_name", "pictures",
                "pictures_sent", "status", "errors", "warnings"))) {
            jdbc.query("SELECT f.path, f.unit, d.kind, l.case_name, "
                    + "(SELECT COUNT(*) FROM hz_document_picture p WHERE p.content_key = f.content_key), "
                    + "l.pictures_sent, d.status, f.status, "
                    + "(SELECT COUNT(*) FROM hz_issue i WHERE i.run_id = f.run_id AND i.file_no = f.file_no "
                    + "AND i.severity = 'error'), "
                    + "(SELECT COUNT(*) FROM hz_issue i WHERE i.run_id = f.run_id AND i.file_no = f.file_no "
                    + "AND i.severity = 'warning') "
                    + "FROM hz_file f LEFT JOIN hz_document d ON d.content_key = f.content_key "
                    + "LEFT JOIN hz_document_link l ON l.run_id = f.run_id AND l.file_no = f.file_no "
                    + "WHERE f.run_id = ? AND f.kind = 'DOCUMENT' AND f.status IN ('document', 'rejected', 'superseded') "
                    + "ORDER BY f.file_no", rs -> {
                        String path = rs.getString(1);
                        if (DocumentFileChecker.isPicture(path)) {
                            return;
                        }
                        String kind = rs.getString(3);
                        String status = "superseded".equals(rs.getString(8)) ? "superseded"
                                : rs.getString(7) != null ? rs.getString(7)
                                : "rejected".equals(rs.getString(8)) ? "rejected" : "not_checked";
                        try {
                            csv.row(path, rs.getString(2), kind == null ? "other" : kind, rs.getString(4),
                                    rs.getInt(5), rs.getInt(6), status, rs.getInt(9), rs.getInt(10));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, runId);
        }
    }
}
