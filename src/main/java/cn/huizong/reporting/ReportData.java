package cn.huizong.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.documents.DocumentFileChecker;
import cn.huizong.staging.ContentStore;

/**
 * What the reports read, and only from the run's master tables (hz_file, hz_record, hz_issue, hz_quota,
 * hz_completeness, hz_unit): no report re-reads the inbox for its data. Large results are streamed to a
 * callback with a fetch size, so a million rows never sit in memory (PostgreSQL would otherwise load them
 * all).
 *
 * <p>Every order is the same on every database: queries sort by numbers assigned in Java (file_no, row_no,
 * issue_no, registry position), nullable ones with an explicit NULL placement (H2 puts NULL first, PostgreSQL
 * last), and never by text, whose order follows the database's collation (pinyin on a zh-CN PostgreSQL). Where
 * text decides, Java does.
 */
final class ReportData {

    /** One accepted record of a template: its unit, the unit's registry type and city, values in column order. */
    record RecordRow(String unit, String unitType, String city, List<String> values) {
    }

    record QuotaRow(String unit, String unitType, Integer quota, int valid, int accepted, int overQuota,
            List<String> leftOut) {
    }

    /**
     * A registry unit's completeness; statuses by template id (submitted, late, missing, none, not_required);
     * its documents, or null where the campaign has no write-up rules.
     */
    record RosterRow(int position, String unit, String unitType, String city, Map<String, String> statuses,
            int filesSent, int filesRejected, UnitDocuments documents) {
    }

    /**
     * A unit's documents: write-ups received, accepted cases with a linked write-up, accepted cases, and its
     * plan's status (submitted, late, missing, not_required).
     */
    record UnitDocuments(int writeupsReceived, int writeupsLinked, int writeupsExpected, String plan) {
    }

    /** A file of the run's manifest with its outcome; archiveSha256 (of the stored archive) is set for members. */
    record FileRow(int fileNo, String path, String diskPath, String memberName, String archiveSha256, String kind,
            String template, String status, String unit, Instant receivedAt, boolean late, long sizeBytes,
            String sha256, int rowsRead) {

        boolean isMember() {
            return memberName != null;
        }
    }

    /** An issue as in issues.csv; row and column are null at file level, column null for a whole row. */
    record IssueRow(int fileNo, String file, String unit, String sheet, Integer row, String column, String severity,
            String code, String message, Integer rowNo, int issueNo) {

        boolean isCell() {
            return row != null && rowNo != null;
        }

        /** Where, as a clerk writes it: C9, 第11行, 第11段 (a paragraph of a Word document), or 整个文件. */
        String place() {
            if (row == null) {
                return "整个文件";
            }
            if (sheet == null && column == null && code.startsWith("DOC_")) {
                return "第" + row + "段"; // the DOC_ codes' row is a paragraph (IssueCode)
            }
            return column == null ? "第" + row + "行" : column + row;
        }
    }

    /** Row counts of one unit and template by final status (accepted, rejected, duplicate, over_quota, superseded). */
    record RowCounts(Map<String, Integer> byStatus) {
        int get(String status) {
            return byStatus.getOrDefault(status, 0);
        }
    }

    /**
     * issues.csv order, in SQL up to the row: file, its file-level issues first, then row by row (row_no, then
     * the Excel row, which file-level issues may have too). {@link #WITHIN_A_ROW} orders the issues of one row.
     */
    private static final String ISSUE_ORDER = "f.file_no, " + nullsFirst("i.row_no") + ", " + nullsFirst("i.excel_row");
    /**
     * The issues of one row: the row's own (no column: 重复行, 超出限额) first, then by column letters and code,
     * compared in Java's String order (H2's) rather than by the database's collation.
     */
    static final Comparator<IssueRow> WITHIN_A_ROW = Comparator
            .comparing(IssueRow::column, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(IssueRow::code).thenComparingInt(IssueRow::issueNo);
    /** The issues of one cell in the order they were found: a marked cell's comment lists them so. */
    static final Comparator<IssueRow> BY_CELL = Comparator
            .comparing(IssueRow::column, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparingInt(IssueRow::issueNo);
    private static final String ISSUE_COLUMNS = "SELECT i.file_no, f.path, i.unit, i.sheet, i.excel_row, i.col, "
            + "i.severity, i.code, i.message, i.row_no, i.issue_no FROM hz_issue i "
            + "JOIN hz_file f ON f.run_id = i.run_id AND f.file_no = i.file_no ";

    private final JdbcTemplate jdbc;
    /** Units by type in the campaign's report order (unitTypes' order), as an SQL expression. */
    private final String typeOrder;

    ReportData(JdbcTemplate jdbc, Campaign campaign) {
        this.typeOrder = typeOrder(campaign);
        // a template of our own: the fetch size makes PostgreSQL stream inside the step's transaction
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(1000);
    }

    /** A file of the run with accepted rows, its unit, and the unit's registry type and city (null if unknown). */
    record RecordFile(int fileNo, String path, String unit, String unitType, String city) {
    }

    /** One accepted row of a file: values in column order, where it came from. */
    record FileRecord(List<String> values, String sheet, int excelRow) {
    }

    /**
     * The files with accepted rows, grouped by their unit's city (cities in registry order), then unit, then in
     * manifest order: the order of a sheet listing records by city.
     */
    List<RecordFile> filesByCity(String runId) {
        // files in manifest order (file_no), not by path: a path's order would be the database collation's
        return jdbc.query("SELECT f.file_no, f.path, f.unit, u.unit_type, u.city FROM hz_file f "
                + "LEFT JOIN hz_unit u ON u.run_id = f.run_id AND u.name = f.unit "
                + "LEFT JOIN (SELECT city, MIN(position) AS pos FROM hz_unit WHERE run_id = ? GROUP BY city) "
                + "c ON c.city = u.city WHERE f.run_id = ? AND f.rows_accepted > 0 ORDER BY "
                + nullsFirst("c.pos") + ", " + nullsFirst("u.position") + ", f.file_no",
                (rs, i) -> new RecordFile(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)),
                runId, runId);
    }

    /** A file's accepted rows of a template in row order (the primary key's order: H2 reads it without sorting). */
    void fileRecords(String runId, int fileNo, TemplateSpec t, Consumer<FileRecord> out) {
        int n = t.columns().size();
        jdbc.query("SELECT r.vals, r.sheet, r.excel_row FROM hz_record rec "
                + "JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                + "WHERE rec.run_id = ? AND rec.file_no = ? AND rec.template = ? AND rec.status = 'accepted' "
                + "ORDER BY rec.run_id, rec.file_no, rec.row_no", rs -> {
                    out.accept(new FileRecord(ContentStore.decode(rs.getString(1), n), rs.getString(2), rs.getInt(3)));
                }, runId, fileNo, t.id());
    }

    /** Accepted records sorted by unit type (dfc, undergrad, vocational, city), then unit, then 序号 order. */
    void recordsByType(String runId, TemplateSpec t, Consumer<RecordRow> out) {
        records(runId, t, typeOrder + ", " + nullsFirst("u.position") + ", " + nullsFirst("rec.quota_rank")
                + ", rec.file_no, rec.row_no", out);
    }

    /** {@code x} ascending with NULL first, on every database (H2 sorts NULL first by default, PostgreSQL last). */
    static String nullsFirst(String x) {
        return "CASE WHEN " + x + " IS NULL THEN 0 ELSE 1 END, " + x;
    }

    /**
     * CASE u.unit_type WHEN 'dfc' THEN 0 … ELSE n END from the campaign's order: the last type shares its place
     * with a unit of no type, as it always did. The ids are the registry's codes, checked by the loader.
     */
    static String typeOrder(Campaign campaign) {
        List<Campaign.UnitTypeSpec> types = campaign.unitTypesInReportOrder();
        StringBuilder sql = new StringBuilder("CASE u.unit_type");
        for (int i = 0; i < types.size() - 1; i++) {
            sql.append(" WHEN '").append(types.get(i).type().code().replace("'", "''")).append("' THEN ").append(i);
        }
        return sql.append(" ELSE ").append(Math.max(0, types.size() - 1)).append(" END").toString();
    }

    private void records(String runId, TemplateSpec t, String order, Consumer<RecordRow> out) {
        List<Object> args = new ArrayList<>();
        args.add(runId);
        args.add(t.id());
        int n = t.columns().size();
        jdbc.query("SELECT rec.unit, u.unit_type, u.city, r.vals FROM hz_record rec "
                + "JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                + "JOIN hz_file f ON f.run_id = rec.run_id AND f.file_no = rec.file_no "
                + "LEFT JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status = 'accepted' ORDER BY " + order,
                rs -> {
                    out.accept(new RecordRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            ContentStore.decode(rs.getString(4), n)));
                }, args.toArray());
    }

    /** Units that sent cases, by unit type then registry order, with the names of their over-quota cases. */
    List<QuotaRow> quota(String runId, TemplateSpec cases) {
        int nameCol = nameColumn(cases);
        Map<String, List<String>> leftOut = new HashMap<>();
        jdbc.query("SELECT rec.unit, r.vals, rec.quota_rank FROM hz_record rec "
                + "JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status = 'over_quota' "
                + "ORDER BY rec.quota_rank, rec.file_no, rec.row_no", rs -> { // grouped by unit here, not by SQL
                    String name = ContentStore.decode(rs.getString(2), cases.columns().size()).get(nameCol);
                    leftOut.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(name + "（第" + rs.getInt(3) + "项）");
                }, runId, cases.id());
        return jdbc.query("SELECT q.unit, q.unit_type, q.quota, q.valid_cases, q.accepted, q.over_quota FROM hz_quota q "
                + "JOIN hz_unit u ON u.run_id = q.run_id AND u.name = q.unit WHERE q.run_id = ? ORDER BY "
                + typeOrder + ", u.position",
                (rs, i) -> new QuotaRow(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), leftOut.getOrDefault(rs.getString(1), List.of())),
                runId);
    }

    /** The column that names a record (案例名称): the one checked across units, else the first required one. */
    static int nameColumn(TemplateSpec t) {
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).crossUnitDuplicate()) {
                return i;
            }
        }
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnSpec c = t.columns().get(i);
            if (c.required() && !c.sequence()) {
                return i;
            }
        }
        return 0;
    }

    List<RosterRow> roster(String runId, List<TemplateSpec> templates) {
        Map<String, Map<String, String>> byUnit = completenessStatuses(jdbc, runId);
        return jdbc.query("SELECT position, unit, unit_type, city, files_sent, files_rejected, writeups_received, "
                + "writeups_linked, writeups_expected, plan_status FROM hz_completeness WHERE run_id = ? ORDER BY position",
                (rs, i) -> {
                    Map<String, String> mine = byUnit.getOrDefault(rs.getString(2), Map.of());
                    Map<String, String> statuses = new LinkedHashMap<>();
                    for (TemplateSpec t : templates) {
                        statuses.put(t.id(), mine.getOrDefault(t.id(), ""));
                    }
                    UnitDocuments documents = rs.getObject(7) == null ? null
                            : new UnitDocuments(rs.getInt(7), rs.getInt(8), rs.getInt(9),
                                    rs.getString(10) == null ? "" : rs.getString(10));
                    return new RosterRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), statuses,
                            rs.getInt(5), rs.getInt(6), documents);
                }, runId);
    }

    /** Each unit's status per template (hz_completeness_status, stored long): unit -> template -> status. */
    static Map<String, Map<String, String>> completenessStatuses(JdbcTemplate jdbc, String runId) {
        Map<String, Map<String, String>> out = new HashMap<>();
        jdbc.query("SELECT unit, template, status FROM hz_completeness_status WHERE run_id = ?", rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
        }, runId);
        return out;
    }

    /**
     * A Word document (or .pdf/.wps/.ofd) the run counts, as documents.csv lists it: kind (writeup, city_plan,
     * school_plan, other), the case its write-up is linked to, its pictures and how many came as JPG files
     * (null for what is not a write-up), the checker's status (ok, has_problems, not_checked, rejected; superseded
     * for a version a newer one replaced).
     */
    record DocumentRow(int fileNo, String path, String unit, String kind, String caseName, int pictures,
            Integer picturesSent, String status) {
    }

    /** An accepted case (a row with a 案例名称) no write-up of its unit is linked to. */
    record CaseWithoutWriteup(String unit, String name) {
    }

    /** The run's documents in manifest order; pictures and copies left out (as in documents.csv). */
    List<DocumentRow> documents(String runId) {
        List<DocumentRow> out = new ArrayList<>();
        jdbc.query("SELECT f.file_no, f.path, f.unit, d.kind, l.case_name, "
                + "(SELECT COUNT(*) FROM hz_document_picture p WHERE p.content_key = f.content_key), "
                + "l.pictures_sent, d.status, f.status FROM hz_file f "
                + "LEFT JOIN hz_document d ON d.content_key = f.content_key "
                + "LEFT JOIN hz_document_link l ON l.run_id = f.run_id AND l.file_no = f.file_no "
                + "WHERE f.run_id = ? AND f.kind = 'DOCUMENT' AND f.status IN ('document', 'rejected', 'superseded') "
                + "ORDER BY f.file_no", rs -> {
                    if (DocumentFileChecker.isPicture(rs.getString(2))) {
                        return;
                    }
                    String status = "superseded".equals(rs.getString(9)) ? "superseded"
                            : rs.getString(8) != null ? rs.getString(8)
                            : "rejected".equals(rs.getString(9)) ? "rejected" : "not_checked";
                    out.add(new DocumentRow(rs.getInt(1), rs.getString(2), rs.getString(3),
                            rs.getString(4) == null ? "other" : rs.getString(4), rs.getString(5), rs.getInt(6),
                            (Integer) rs.getObject(7), status));
                }, runId);
        return out;
    }

    /** The issues of the run's documents by file number, each file's in issues.csv order. */
    Map<Integer, List<IssueRow>> documentIssues(String runId) {
        Map<Integer, List<IssueRow>> out = new HashMap<>();
        issues(ISSUE_COLUMNS + "WHERE i.run_id = ? AND f.kind = 'DOCUMENT' ORDER BY " + ISSUE_ORDER, WITHIN_A_ROW,
                i -> out.computeIfAbsent(i.fileNo(), k -> new ArrayList<>()).add(i), runId);
        return out;
    }

    /**
     * Accepted cases of the templates with a 案例名称 column ({@code case_name}) that no write-up of their unit is
     * linked to (hz_document_link), in file and row order.
     */
    List<CaseWithoutWriteup> casesWithoutWriteup(String runId, List<TemplateSpec> templates) {
        Set<String> linked = new HashSet<>();
        jdbc.query("SELECT f.unit, l.case_name FROM hz_document_link l JOIN hz_file f ON f.run_id = l.run_id "
                + "AND f.file_no = l.file_no WHERE l.run_id = ? AND l.case_name IS NOT NULL AND f.unit IS NOT NULL",
                rs -> {
                    linked.add(rs.getString(1) + "\u0000" + rs.getString(2));
                }, runId);
        List<CaseWithoutWriteup> out = new ArrayList<>();
        for (TemplateSpec t : templates) {
            int index = t.indexOf("case_name");
            if (index < 0) {
                continue;
            }
            int n = t.columns().size();
            jdbc.query("SELECT rec.unit, r.vals FROM hz_record rec "
                    + "JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                    + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status = 'accepted' AND rec.unit IS NOT NULL "
                    + "ORDER BY rec.file_no, rec.row_no", rs -> {
                        String name = ContentStore.decode(rs.getString(2), n).get(index);
                        if (!name.isBlank() && !linked.contains(rs.getString(1) + "\u0000" + ContentStore.text(name))) {
                            out.add(new CaseWithoutWriteup(rs.getString(1), name));
                        }
                    }, runId, t.id());
        }
        return out;
    }

    /** Every file and archive member of the run, in manifest order. */
    List<FileRow> files(String runId) {
        return jdbc.query("SELECT f.file_no, f.path, f.disk_path, f.member_name, a.sha256, f.kind, f.template, "
                + "f.status, f.unit, f.received_at, f.late, f.size_bytes, f.sha256, f.rows_read FROM hz_file f "
                + "LEFT JOIN hz_file a ON a.run_id = f.run_id AND a.file_no = f.archive_no "
                + "WHERE f.run_id = ? ORDER BY f.file_no", (rs, i) -> file(rs), runId);
    }

    private static FileRow file(ResultSet rs) throws SQLException {
        Timestamp received = rs.getTimestamp(10);
        return new FileRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                received == null ? Instant.EPOCH : received.toInstant(), rs.getBoolean(11), rs.getLong(12),
                rs.getString(13), rs.getInt(14));
    }

    /** Every issue in issues.csv order. */
    void issues(String runId, Consumer<IssueRow> out) {
        issues(ISSUE_COLUMNS + "WHERE i.run_id = ? ORDER BY " + ISSUE_ORDER, WITHIN_A_ROW, out, runId);
    }

    /** Every issue grouped by unit (registry order, issues without a unit last), each unit's in issues.csv order. */
    void issuesByUnit(String runId, Consumer<IssueRow> out) {
        // by the unit's registry position, not its name: issue units are registry names, which hz_unit holds
        issues(ISSUE_COLUMNS + "LEFT JOIN hz_unit u ON u.run_id = i.run_id AND u.name = i.unit WHERE i.run_id = ? "
                + "ORDER BY CASE WHEN u.position IS NULL THEN 1 ELSE 0 END, u.position, " + ISSUE_ORDER, WITHIN_A_ROW,
                out, runId);
    }

    /** The issues of the files a unit sent (or that name it), in issues.csv order: a unit's page in the console. */
    void issuesOfUnit(String runId, String unit, Consumer<IssueRow> out) {
        issues(ISSUE_COLUMNS + "WHERE i.run_id = ? AND (f.unit = ? OR i.unit = ?) ORDER BY " + ISSUE_ORDER, WITHIN_A_ROW,
                out, runId, unit, unit);
    }

    /** Issues that sit on a row of a sheet (not the file as a whole), by file, row and column. */
    void cellIssues(String runId, Consumer<IssueRow> out) {
        // row_no is the reading order (sheet by sheet, row by row): a sheet's name would sort by collation
        issues(ISSUE_COLUMNS + "WHERE i.run_id = ? AND i.excel_row IS NOT NULL AND i.row_no IS NOT NULL "
                + "ORDER BY f.file_no, i.row_no, i.excel_row", BY_CELL, out, runId);
    }

    /**
     * The issues of the run's Word documents read as .docx (hz_document format docx) in issues.csv order (by file,
     * the whole document's first, then by paragraph): what a marked copy of each comments on.
     */
    void docxIssues(String runId, Consumer<IssueRow> out) {
        issues(ISSUE_COLUMNS + "JOIN hz_document d ON d.content_key = f.content_key WHERE i.run_id = ? "
                + "AND f.status = 'document' AND d.format = 'docx' ORDER BY " + ISSUE_ORDER, WITHIN_A_ROW, out, runId);
    }

    /** Issues of the given codes by unit ("" for none), each unit's in issues.csv order. */
    Map<String, List<IssueRow>> issuesWithCodes(String runId, java.util.Collection<String> codes) {
        Map<String, List<IssueRow>> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        List<Object> args = new ArrayList<>();
        args.add(runId);
        args.addAll(codes);
        issues(ISSUE_COLUMNS + "WHERE i.run_id = ? AND i.code IN (" + String.join(",", java.util.Collections.nCopies(
                codes.size(), "?")) + ") ORDER BY " + ISSUE_ORDER, WITHIN_A_ROW,
                i -> out.computeIfAbsent(i.unit() == null ? "" : i.unit(), k -> new ArrayList<>()).add(i),
                args.toArray());
        return out;
    }

    /**
     * Streams issues that the query sorted up to the row, sorting the issues of each row (few) with
     * {@code withinRow} before passing them on.
     */
    private void issues(String sql, Comparator<IssueRow> withinRow, Consumer<IssueRow> out, Object... args) {
        List<IssueRow> row = new ArrayList<>();
        Runnable flush = () -> {
            row.sort(withinRow);
            row.forEach(out);
            row.clear();
        };
        jdbc.query(sql, rs -> {
            IssueRow i = issue(rs);
            if (!row.isEmpty() && !sameRow(row.get(0), i)) {
                flush.run();
            }
            row.add(i);
        }, args);
        flush.run();
    }

    private static boolean sameRow(IssueRow a, IssueRow b) {
        return a.fileNo() == b.fileNo() && Objects.equals(a.rowNo(), b.rowNo()) && Objects.equals(a.row(), b.row());
    }

    private static IssueRow issue(ResultSet rs) throws SQLException {
        return new IssueRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                (Integer) rs.getObject(10), rs.getInt(11));
    }

    /** Issue counts by unit ("" for none), then template of the file ("" for none), then severity. */
    Map<String, Map<String, Map<String, Integer>>> issueCounts(String runId) {
        Map<String, Map<String, Map<String, Integer>>> out = new LinkedHashMap<>();
        // a row issue belongs to its row's table; a file-level one of a workbook with several tables to each
        jdbc.query("SELECT i.unit, COALESCE(rec.template, f.template), i.severity, COUNT(*) FROM hz_issue i "
                + "JOIN hz_file f ON f.run_id = i.run_id AND f.file_no = i.file_no "
                + "LEFT JOIN hz_record rec ON rec.run_id = i.run_id AND rec.file_no = i.file_no AND rec.row_no = i.row_no "
                + "WHERE i.run_id = ? GROUP BY i.unit, COALESCE(rec.template, f.template), i.severity", rs -> {
                    String templates = rs.getString(2) == null ? "" : rs.getString(2);
                    for (String t : templates.split("\\+")) {
                        out.computeIfAbsent(rs.getString(1) == null ? "" : rs.getString(1), k -> new HashMap<>())
                                .computeIfAbsent(t, k -> new HashMap<>())
                                .merge(rs.getString(3), rs.getInt(4), Integer::sum);
                    }
                }, runId);
        return out;
    }

    /** Issues about a file as a whole (unreadable, unknown unit, late …), by unit ("" for none). */
    Map<String, List<IssueRow>> fileIssues(String runId) {
        Map<String, List<IssueRow>> out = new HashMap<>();
        issues(ISSUE_COLUMNS + "WHERE i.run_id = ? AND (i.excel_row IS NULL OR i.row_no IS NULL) ORDER BY "
                + ISSUE_ORDER, WITHIN_A_ROW,
                i -> out.computeIfAbsent(i.unit() == null ? "" : i.unit(), k -> new ArrayList<>()).add(i), runId);
        return out;
    }

    /** Row counts by unit and template, over the files whose rows were judged (not copies, not replaced files). */
    Map<String, Map<String, RowCounts>> rowCounts(String runId) {
        Map<String, Map<String, RowCounts>> out = new HashMap<>();
        jdbc.query("SELECT rec.unit, rec.template, rec.status, COUNT(*) FROM hz_record rec "
                + "JOIN hz_file f ON f.run_id = rec.run_id AND f.file_no = rec.file_no "
                + "WHERE rec.run_id = ? AND rec.unit IS NOT NULL AND f.status IN ('accepted', 'rejected') "
                + "GROUP BY rec.unit, rec.template, rec.status", rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new RowCounts(new HashMap<>()))
                            .byStatus().put(rs.getString(3), rs.getInt(4));
                }, runId);
        return out;
    }

    /** When the run started: the time the reports speak of (截至…). */
    Instant runStartedAt(String runId) {
        List<Timestamp> t = jdbc.queryForList("SELECT started_at FROM hz_run WHERE run_id = ?", Timestamp.class, runId);
        return t.isEmpty() || t.get(0) == null ? Instant.now() : t.get(0).toInstant();
    }
}
