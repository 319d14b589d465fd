package cn.huizong.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.resolution.DocumentCompleteness;
import cn.huizong.staging.ContentStore;

/** Writes the run's CSV feeds (the contract dashboards and scripts read) from the master tables. */
public final class CsvExporter {

    /** completeness.csv's columns of documents (hz_completeness' writeups_* and plan_status), in this order. */
    static final List<String> DOCUMENT_COLUMNS = List.of("writeups_received", "writeups_linked", "writeups_expected",
            "plan");

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    public CsvExporter(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    public void export(String runId, Path csvDir) throws IOException {
        export(runId, csvDir, t -> true);
    }

    /** Every feed, the records of only those templates {@code withRecords} accepts (the rest are written elsewhere). */
    void export(String runId, Path csvDir, Predicate<TemplateSpec> withRecords) throws IOException {
        Files.createDirectories(csvDir);
        submissions(runId, csvDir.resolve("submissions.csv"));
        for (TemplateSpec t : campaign.templates()) {
            if (withRecords.test(t)) {
                records(runId, t, csvDir.resolve(t.output()));
            }
        }
        quota(runId, csvDir.resolve("quota.csv"));
        issues(runId, csvDir.resolve("issues.csv"));
        completeness(runId, csvDir.resolve("completeness.csv"));
        new DocumentsFeed(jdbc).write(runId, csvDir.resolve(DocumentsFeed.FILE_NAME));
    }

    private void submissions(String runId, Path file) throws IOException {
        ZoneId zone = campaign.zone();
        try (SafeCsv csv = SafeCsv.create(file, List.of("file", "sha256", "unit", "template", "received_at", "status",
                "rows_read", "rows_accepted", "rows_rejected", "rows_duplicate", "rows_over_quota", "late",
                "rows_superseded", "size_bytes", "archive"))) {
            jdbc.query("SELECT f.path, f.sha256, f.unit, f.template, f.received_at, f.status, f.rows_read, "
                    + "f.rows_accepted, f.rows_rejected, f.rows_duplicate, f.rows_over_quota, f.late, "
                    + "f.rows_superseded, f.size_bytes, a.path FROM hz_file f "
                    + "LEFT JOIN hz_file a ON a.run_id = f.run_id AND a.file_no = f.archive_no "
                    + "WHERE f.run_id = ? ORDER BY f.file_no", rs -> {
                        try {
                            OffsetDateTime received = rs.getTimestamp(5).toInstant().atZone(zone).toOffsetDateTime();
                            csv.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    received.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), rs.getString(6),
                                    rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                                    rs.getBoolean(12), rs.getInt(13), rs.getLong(14), rs.getString(15));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, runId);
        }
    }

    /** Accepted rows of a template (and over-quota ones where quotas apply), values in template order. */
    private void records(String runId, TemplateSpec t, Path file) throws IOException {
        RecordCsv feed = new RecordCsv(campaign, t);
        String statuses = t.quotaApplies() ? "('accepted', 'over_quota')" : "('accepted')";
        try (SafeCsv csv = SafeCsv.create(file, feed.header())) {
            jdbc.query("SELECT rec.unit, u.unit_type, r.vals, rec.status, f.path, r.sheet, r.excel_row "
                    + "FROM hz_record rec JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                    + "JOIN hz_file f ON f.run_id = rec.run_id AND f.file_no = rec.file_no "
                    + "LEFT JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                    + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status IN " + statuses
                    // manifest order (file_no, as in submissions.csv): a path's order would be the database
                    // collation's; the primary key's order, so that H2 reads the index in order instead of sorting
                    + " ORDER BY rec.run_id, rec.file_no, rec.row_no", rs -> {
                        try {
                            csv.row(feed.row(rs.getString(1), rs.getString(2),
                                    ContentStore.decode(rs.getString(3), t.columns().size()), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getInt(7)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, runId, t.id());
        }
    }

    private void quota(String runId, Path file) throws IOException {
        try (SafeCsv csv = SafeCsv.create(file, List.of("unit", "unit_type", "quota", "valid_cases", "accepted",
                "over_quota"))) {
            jdbc.query("SELECT q.unit, q.unit_type, q.quota, q.valid_cases, q.accepted, q.over_quota FROM hz_quota q "
                    + "JOIN hz_unit u ON u.run_id = q.run_id AND u.name = q.unit WHERE q.run_id = ? ORDER BY u.position",
                    rs -> {
                        try {
                            csv.row(rs.getString(1), rs.getString(2), rs.getObject(3), rs.getInt(4), rs.getInt(5),
                                    rs.getInt(6));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, runId);
        }
    }

    private void issues(String runId, Path file) throws IOException {
        try (SafeCsv csv = SafeCsv.create(file, List.of("file", "unit", "sheet", "row", "column", "severity", "code",
                "message"))) {
            // the order of 问题清单 and of the letters, the same on every database
            new ReportData(jdbc, campaign).issues(runId, i -> {
                try {
                    csv.row(i.file(), i.unit(), i.sheet(), i.row(), i.column(), i.severity(), i.code(), i.message());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void completeness(String runId, Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("unit", "unit_type", "city"));
        for (TemplateSpec t : campaign.templates()) {
            header.add(t.id());
        }
        header.addAll(List.of("files_sent", "files_rejected"));
        // appended, and only where documents are counted: a campaign without write-up rules keeps its columns
        boolean documents = DocumentCompleteness.applies(campaign);
        if (documents) {
            header.addAll(DOCUMENT_COLUMNS);
        }
        Map<String, Map<String, String>> statuses = ReportData.completenessStatuses(jdbc, runId);
        try (SafeCsv csv = SafeCsv.create(file, header)) {
            jdbc.query("SELECT unit, unit_type, city, files_sent, files_rejected, writeups_received, writeups_linked, "
                    + "writeups_expected, plan_status FROM hz_completeness WHERE run_id = ? ORDER BY position", rs -> {
                        try {
                            List<Object> row = new ArrayList<>(List.of(rs.getString(1), rs.getString(2),
                                    rs.getString(3)));
                            Map<String, String> mine = statuses.getOrDefault(rs.getString(1), Map.of());
                            for (TemplateSpec t : campaign.templates()) {
                                row.add(mine.getOrDefault(t.id(), ""));
                            }
                            row.add(rs.getInt(4));
                            row.add(rs.getInt(5));
                            if (documents) {
                                for (int i = 6; i <= 9; i++) {
                                    row.add(rs.getObject(i));
                                }
                            }
                            csv.row(row.toArray());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, runId);
        }
    }
}
