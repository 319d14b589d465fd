package cn.huizong.resolution;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every staged row of the run's files into the master table with one status: superseded or duplicate by its
 * file's outcome, rejected when it has an error, duplicate when it repeats a row of its file, else accepted.
 * The content's issues come along for files whose rows are judged (not for copies or replaced files).
 */
final class RowStatuses implements RunRule {

    private final JdbcTemplate jdbc;
    private final List<FileOutcomes.Part> supersededParts;

    RowStatuses(JdbcTemplate jdbc, List<FileOutcomes.Part> supersededParts) {
        this.jdbc = jdbc;
        this.supersededParts = supersededParts;
    }

    @Override
    public void apply(String runId, IssueLog issues) {
        jdbc.update("INSERT INTO hz_record (run_id, file_no, row_no, content_key, template, unit, status) "
                + "SELECT f.run_id, f.file_no, r.row_no, f.content_key, COALESCE(r.template, f.template), f.unit, CASE "
                + " WHEN f.status = 'superseded' THEN 'superseded' WHEN f.status = 'duplicate_file' THEN 'duplicate' "
                + " WHEN f.status = 'rejected' OR r.has_error THEN 'rejected' "
                + " WHEN r.duplicate_of IS NOT NULL THEN 'duplicate' ELSE 'accepted' END "
                + "FROM hz_file f JOIN hz_row r ON r.content_key = f.content_key WHERE f.run_id = ?", runId);
        jdbc.update("INSERT INTO hz_issue (run_id, file_no, issue_no, unit, sheet, excel_row, col, severity, code, "
                + "message, row_no) SELECT f.run_id, f.file_no, ci.issue_no, f.unit, ci.sheet, ci.excel_row, ci.col, "
                + "ci.severity, ci.code, ci.message, ci.row_no FROM hz_file f "
                + "JOIN hz_content_issue ci ON ci.content_key = f.content_key "
                + "WHERE f.run_id = ? AND f.status IN ('accepted', 'rejected', 'document')", runId);
        if (supersededParts.isEmpty()) {
            return;
        }
        // one table of a workbook replaced by a newer file while its other table still counts
        List<Object[]> parts = supersededParts.stream().map(p -> new Object[] {runId, p.fileNo(), p.template()}).toList();
        jdbc.batchUpdate("UPDATE hz_record SET status = 'superseded' WHERE run_id = ? AND file_no = ? AND template = ?",
                parts);
        jdbc.batchUpdate("DELETE FROM hz_issue WHERE run_id = ? AND file_no = ? AND row_no IN (SELECT r.row_no FROM "
                + "hz_record r WHERE r.run_id = hz_issue.run_id AND r.file_no = hz_issue.file_no AND r.template = ?)",
                parts);
    }
}
