package cn.huizong.staging;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentSink;
import cn.huizong.validation.Issue;
import cn.huizong.validation.StagedRow;
import cn.huizong.validation.SubmittedText;

/**
 * Staging tables keyed by content (hash, kind, rules): rows and issues are written in batches as the reader
 * produces them, so a 200,000-row workbook never sits in memory. Every text from the submission is written as
 * {@link #text}: the columns are unbounded, and the value is cut at {@link SubmittedText#MAX_CHARS}, so no
 * value a unit can type fails the write.
 */
public final class ContentStore {

    /** Rows per JDBC batch: large, so that H2 and PostgreSQL see few round trips. */
    private static final int BATCH = 5000;
    static final char SEPARATOR = '\u001F';

    private final JdbcTemplate jdbc;

    public ContentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String contentKey) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM hz_content WHERE content_key = ?", Integer.class,
                contentKey);
        return n != null && n > 0;
    }

    /** A sink writing to the staging tables of one content key; call {@link Writer#finish} with the result. */
    public Writer writer(String contentKey) {
        return new Writer(contentKey);
    }

    public final class Writer implements ContentSink {
        private final String key;
        private final List<StagedRow> rows = new ArrayList<>();
        private final List<Object[]> issues = new ArrayList<>();
        private int issueNo;

        Writer(String key) {
            this.key = key;
            // a restarted step may find leftovers of an attempt that did not commit its result
            jdbc.update("DELETE FROM hz_row WHERE content_key = ?", key);
            jdbc.update("DELETE FROM hz_content_issue WHERE content_key = ?", key);
        }

        @Override
        public void row(StagedRow r) {
            rows.add(r);
            if (rows.size() >= BATCH) {
                flushRows();
            }
        }

        @Override
        public void issue(Issue i) {
            issues.add(new Object[] {key, ++issueNo, text(i.sheet()), i.row() == 0 ? null : i.row(), i.column(),
                    i.code().name(), i.severity().code(), text(i.message()), i.rowNo()});
            if (issues.size() >= BATCH) {
                flushIssues();
            }
        }

        /** Within the caller's transaction: the batches already flushed go too. */
        @Override
        public void discard() {
            rows.clear();
            issues.clear();
            issueNo = 0;
            jdbc.update("DELETE FROM hz_row WHERE content_key = ?", key);
            jdbc.update("DELETE FROM hz_content_issue WHERE content_key = ?", key);
        }

        /** @param runId the run that read the file (run history counts files read versus reused) */
        public void finish(String sha256, ContentResult result, String runId) {
            flushRows();
            flushIssues();
            Issue f = result.failure();
            jdbc.update("INSERT INTO hz_content (content_key, sha256, template, templates, unit_text, unit, rows_read, "
                    + "failure_code, failure_message, failure_sheet, failure_row, read_by_run, created_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    key, sha256, result.template(), templates(result), text(result.unitText()), result.unit(),
                    result.rowsRead(), f == null ? null : f.code().name(), f == null ? null : text(f.message()),
                    f == null ? null : text(f.sheet()), f == null || f.row() == 0 ? null : f.row(), runId,
                    Timestamp.from(Instant.now()));
        }

        /** Every table with rows, comma-separated; "-" for a template file without any (it replaces nothing). */
        private static String templates(ContentResult result) {
            if (result.template() == null || result.failure() != null) {
                return null;
            }
            return result.templates().isEmpty() ? "-" : String.join(",", result.templates());
        }

        private void flushRows() {
            if (rows.isEmpty()) {
                return;
            }
            // typed setters: Spring's generic ones look up the SQL type of every null parameter
            jdbc.batchUpdate("INSERT INTO hz_row (content_key, row_no, sheet, sheet_index, excel_row, vals, "
                    + "has_error, duplicate_of, seq, group_key, claimed_type, claimed_text, claimed_col, group_col, "
                    + "template) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(PreparedStatement ps, int i) throws SQLException {
                            StagedRow r = rows.get(i);
                            ps.setString(1, key);
                            ps.setInt(2, r.rowNo());
                            ps.setString(3, text(r.sheet()));
                            ps.setInt(4, r.sheetIndex());
                            ps.setInt(5, r.excelRow());
                            ps.setString(6, encode(r.values()));
                            ps.setBoolean(7, r.hasError());
                            setInt(ps, 8, r.duplicateOf());
                            setInt(ps, 9, r.sequence());
                            ps.setString(10, text(r.groupKey()));
                            ps.setString(11, r.claimedType());
                            ps.setString(12, text(r.claimedTypeText()));
                            ps.setString(13, r.claimedColumn());
                            ps.setString(14, r.groupColumn());
                            ps.setString(15, r.template());
                        }

                        @Override
                        public int getBatchSize() {
                            return rows.size();
                        }
                    });
            rows.clear();
        }

        private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
            if (value == null) {
                ps.setNull(index, Types.INTEGER);
            } else {
                ps.setInt(index, value);
            }
        }

        private void flushIssues() {
            if (!issues.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO hz_content_issue (content_key, issue_no, sheet, excel_row, col, code, "
                        + "severity, message, row_no) VALUES (?,?,?,?,?,?,?,?,?)", issues);
                issues.clear();
            }
        }
    }

    /** Template values in column order, in one column. */
    public static String encode(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            sb.append(text(values.get(i)).replace(SEPARATOR, ' '));
        }
        return sb.toString();
    }

    public static List<String> decode(String vals, int columns) {
        List<String> out = new ArrayList<>(columns);
        int start = 0;
        for (int i = 0; i < columns; i++) {
            int end = vals == null ? -1 : vals.indexOf(SEPARATOR, start);
            if (vals == null || start > vals.length()) {
                out.add("");
            } else if (end < 0) {
                out.add(vals.substring(start));
                start = vals.length() + 1;
            } else {
                out.add(vals.substring(start, end));
                start = end + 1;
            }
        }
        return out;
    }

    /** PostgreSQL text cannot hold NUL; hostile files can. */
    public static String safe(String s) {
        return s == null ? null : s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    /** Submitted text as it is stored: without NUL, cut at one Excel cell's length. */
    public static String text(String s) {
        return SubmittedText.cap(safe(s));
    }
}
