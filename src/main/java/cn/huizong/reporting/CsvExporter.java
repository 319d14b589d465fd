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

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.Names;
import cn.huizong.staging.ContentStore;
import cn.huizong.validation.DeadlineParser;

/** Writes the run's CSV feeds (the contract dashboards and scripts read) from the master tables. */
public final class CsvExporter {

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    public CsvExporter(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    public void export(String runId, Path csvDir) throws IOException {
        Files.createDirectories(csvDir);
        submissions(runId, csvDir.resolve("submissions.csv"));
        for (TemplateSpec t : campaign.templates()) {
            records(runId, t, csvDir.resolve(t.output()));
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
        List<String> header = new ArrayList<>(List.of("unit", "unit_type"));
        for (ColumnSpec c : t.columns()) {
            header.add(c.key());
            if (c.keyed()) {
                header.add(c.key() + "_key");
            }
            if (c.date()) {
                header.add(c.key() + "_text");
            }
        }
        header.addAll(List.of("status", "source_file", "source_sheet", "source_row"));
        DeadlineParser dates = DeadlineParser.of(campaign);
        String statuses = t.quotaApplies() ? "('accepted', 'over_quota')" : "('accepted')";
        try (SafeCsv csv = SafeCsv.create(file, header)) {
            jdbc.query("SELECT rec.unit, u.unit_type, r.vals, rec.status, f.path, r.sheet, r.excel_row "
                    + "FROM hz_record rec JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                    + "JOIN hz_file f ON f.run_id = rec.run_id AND f.file_no = rec.file_no "
                    + "LEFT JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                    + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status IN " + statuses
                    // manifest order (file_no, as in submissions.csv): a path's order would be the database collation's
                    + " ORDER BY f.file_no, rec.row_no", rs -> {
                        List<String> values = ContentStore.decode(rs.getString(3), t.columns().size());
                        List<Object> row = new ArrayList<>(List.of(rs.getString(1), rs.getString(2)));
                        for (int i = 0; i < t.columns().size(); i++) {
                            ColumnSpec c = t.columns().get(i);
                            String v = values.get(i);
                            if (c.date()) {
                                java.time.LocalDate d = v.isEmpty() ? null : dates.dateOf(v);
                                row.add(d == null ? "" : d.toString());
                                row.add(v);
                            } else {
                                row.add(v);
                            }
                            if (c.keyed()) {
                                row.add(Names.enterpriseKey(v));
                            }
                        }
                        row.addAll(List.of(rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)));
                        try {
                            csv.row(row.toArray());
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
        Map<String, Map<String, String>> statuses = ReportData.completenessStatuses(jdbc, runId);
        try (SafeCsv csv = SafeCsv.create(file, header)) {
            jdbc.query("SELECT unit, unit_type, city, files_sent, files_rejected FROM hz_completeness "
                    + "WHERE run_id = ? ORDER BY position", rs -> {
                        try {
                            List<Object> row = new ArrayList<>(List.of(rs.getString(1), rs.getString(2),
                                    rs.getString(3)));
                            Map<String, String> mine = statuses.getOrDefault(rs.getString(1), Map.of());
                            for (TemplateSpec t : campaign.templates()) {
                                row.add(mine.getOrDefault(t.id(), ""));
                            }
                            row.add(rs.getInt(4));
                            row.add(rs.getInt(5));
                            csv.row(row.toArray());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, runId);
        }
    }
}
