package cn.huizong.reporting;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.resolution.DocumentCompleteness;
import cn.huizong.support.Sha256;

/**
 * The views BI tools read ({@code hz_current_*}): the rows of the current result — the run {@code latest}
 * points to — with the columns of the CSV feeds plus {@code run_id}, so that a dashboard never needs the
 * {@code hz_run} logic. A feed's columns depend on the campaign (a template's columns, one completeness column
 * per template, the time zone of received_at), so the views are generated from it, for the database at hand
 * (H2 or PostgreSQL: splitting a staged row and formatting a time are not portable SQL).
 *
 * <p>An empty CSV cell is NULL in a view; a feed's numbers and booleans keep their type (a count the CSV
 * prints as 0 for none is 0 here too), deadline is a DATE; text is as stored, without the CSV's leading ' for
 * text that starts like a formula (that guard belongs to the CSV file, not to the data).
 */
public final class BiViews {

    private static final Logger log = LoggerFactory.getLogger(BiViews.class);

    /** The hz_view row naming the campaign file the views were made for. */
    static final String CAMPAIGN = "(campaign)";
    public static final String CURRENT_RUN = "hz_current_run";

    /**
     * The current result: the newest finished run that published or found its inbox unchanged, and the run
     * whose rows it stands for ({@code data_run_id}: an unchanged run's is the earlier run it equals, which
     * may have been published as {@code latest} again). Finished means completed — or published and not yet
     * completed (stopped or failed in the clean-up after publishing: latest points to it until a later run).
     * Ties on the finishing time go to the larger run id (ids are times, all of one shape).
     */
    private static final String FINISHED = "(%1$s.status IN ('COMPLETED', 'UNCHANGED') OR (%1$s.status = 'STARTED' "
            + "AND %1$s.published = TRUE)) AND %1$s.finished_at IS NOT NULL AND %1$s.data_run_id IS NOT NULL";

    enum Dialect {
        H2, POSTGRESQL
    }

    private final JdbcTemplate jdbc;
    private final Dialect dialect;

    public BiViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dialect = dialectOf(jdbc);
    }

    private static Dialect dialectOf(JdbcTemplate jdbc) {
        try {
            String name = JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(),
                    md -> md.getDatabaseProductName());
            return name != null && name.toLowerCase(Locale.ROOT).contains("postgres") ? Dialect.POSTGRESQL : Dialect.H2;
        } catch (Exception e) {
            throw new IllegalStateException("cannot tell the database product", e);
        }
    }

    /**
     * Creates the views for this campaign where they are missing or their definition changed, and derives the
     * current run's Java-computed values if an older version published it. {@code campaignFile}: the file
     * the campaign came from ("" for the bundled one), remembered for {@link #campaignFile}.
     *
     * @return the views created or replaced
     */
    public List<String> refresh(Campaign campaign, String campaignFile) {
        Map<String, String> wanted = definitions(campaign);
        Map<String, String> stored = new HashMap<>();
        jdbc.query("SELECT name, fingerprint FROM hz_view", rs -> {
            stored.put(rs.getString(1), rs.getString(2));
        });
        Set<String> present = new HashSet<>();
        jdbc.query("SELECT table_name FROM information_schema.views WHERE table_schema = CURRENT_SCHEMA", rs -> {
            present.add(rs.getString(1).toLowerCase(Locale.ROOT));
        });
        List<String> made = new ArrayList<>();
        wanted.forEach((name, select) -> {
            String fp = Sha256.of(select);
            if (!fp.equals(stored.get(name)) || !present.contains(name)) {
                create(name, select);
                remember(name, fp);
                made.add(name);
            }
        });
        String file = campaignFile == null ? "" : campaignFile;
        if (!file.equals(stored.get(CAMPAIGN))) {
            remember(CAMPAIGN, file);
        }
        if (!made.isEmpty()) {
            log.info("BI views created or replaced: {}", String.join(", ", made));
            // the current result may have been published by a version that did not derive its values
            currentRunId().ifPresent(run -> new DerivedValues(jdbc).fill(campaign, run));
        }
        return made;
    }

    /** The campaign file the views were last made for ("" for the bundled one), if they were. */
    public java.util.Optional<String> campaignFile() {
        return jdbc.queryForList("SELECT fingerprint FROM hz_view WHERE name = ?", String.class, CAMPAIGN).stream()
                .map(f -> f == null ? "" : f).findFirst();
    }

    /** The run whose rows the views show, if any run finished. */
    public java.util.Optional<String> currentRunId() {
        return jdbc.queryForList("SELECT run_id FROM " + CURRENT_RUN, String.class).stream().findFirst();
    }

    private void create(String name, String select) {
        try {
            jdbc.execute("CREATE OR REPLACE VIEW " + name + " AS " + select);
        } catch (DataAccessException e) {
            // PostgreSQL replaces a view only with the same leading columns: a campaign whose template lost or
            // renamed a column needs the view dropped (and SELECT granted again to the BI role)
            log.warn("view {} could not be replaced ({}); dropping and creating it: grant SELECT on it again",
                    name, e.getMostSpecificCause().getMessage());
            jdbc.execute("DROP VIEW IF EXISTS " + name);
            jdbc.execute("CREATE VIEW " + name + " AS " + select);
        }
    }

    private void remember(String name, String fingerprint) {
        jdbc.update("DELETE FROM hz_view WHERE name = ?", name);
        jdbc.update("INSERT INTO hz_view (name, fingerprint) VALUES (?, ?)", name, fingerprint);
    }

    /** Every view's SELECT, by name, the current-run view first (the others read it). */
    Map<String, String> definitions(Campaign campaign) {
        Map<String, String> views = new LinkedHashMap<>();
        views.put(CURRENT_RUN, "SELECT d.run_id, d.campaign_id, d.output_dir, d.started_at, "
                + "n.run_id AS latest_run_id, n.status AS latest_status, n.finished_at "
                + "FROM hz_run n JOIN hz_run d ON d.run_id = n.data_run_id WHERE " + FINISHED.formatted("n")
                + " AND NOT EXISTS (SELECT 1 FROM hz_run o WHERE " + FINISHED.formatted("o")
                + " AND (o.finished_at > n.finished_at OR (o.finished_at = n.finished_at AND o.run_id > n.run_id)))");
        views.put("hz_current_submissions", submissions(campaign.zone()));
        for (TemplateSpec t : campaign.templates()) {
            views.put(viewName(t), records(t));
        }
        views.put("hz_current_quota", "SELECT q.run_id, q.unit, q.unit_type, q.quota, COALESCE(q.valid_cases, 0) "
                + "AS valid_cases, COALESCE(q.accepted, 0) AS accepted, COALESCE(q.over_quota, 0) AS over_quota "
                + "FROM " + CURRENT_RUN + " c JOIN hz_quota q ON q.run_id = c.run_id "
                + "JOIN hz_unit u ON u.run_id = q.run_id AND u.name = q.unit");
        views.put("hz_current_issues", "SELECT i.run_id, f.path AS file, i.unit, i.sheet, i.excel_row AS "
                + quote("row") + ", i.col AS " + quote("column") + ", i.severity, i.code, i.message "
                + "FROM " + CURRENT_RUN + " c JOIN hz_issue i ON i.run_id = c.run_id "
                + "JOIN hz_file f ON f.run_id = i.run_id AND f.file_no = i.file_no");
        views.put("hz_current_completeness", completeness(campaign));
        // the same statuses long (unit, template, status), for tools that pivot themselves
        views.put("hz_current_completeness_status", "SELECT s.run_id, s.unit, s.template, s.status FROM "
                + CURRENT_RUN + " c JOIN hz_completeness_status s ON s.run_id = c.run_id");
        return views;
    }

    /** hz_current_ and the feed's file name without .csv: pairings.csv gives hz_current_pairings. */
    public static String viewName(TemplateSpec t) {
        String base = t.output().replaceFirst("(?i)\\.csv$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return "hz_current_" + base;
    }

    /** The row statuses a template's feed shows: accepted, and over_quota where quotas apply. */
    static String feedStatuses(TemplateSpec t) {
        return t.quotaApplies() ? "('accepted', 'over_quota')" : "('accepted')";
    }

    private String submissions(ZoneId zone) {
        return "SELECT f.run_id, f.path AS file, f.sha256, f.unit, f.template, " + isoOffset("f.received_at", zone)
                + " AS received_at, f.status, COALESCE(f.rows_read, 0) AS rows_read, "
                + "COALESCE(f.rows_accepted, 0) AS rows_accepted, COALESCE(f.rows_rejected, 0) AS rows_rejected, "
                + "COALESCE(f.rows_duplicate, 0) AS rows_duplicate, COALESCE(f.rows_over_quota, 0) AS rows_over_quota, "
                + "COALESCE(f.late, FALSE) AS late, COALESCE(f.rows_superseded, 0) AS rows_superseded, "
                + "COALESCE(f.size_bytes, 0) AS size_bytes, a.path AS archive "
                + "FROM " + CURRENT_RUN + " c JOIN hz_file f ON f.run_id = c.run_id "
                + "LEFT JOIN hz_file a ON a.run_id = f.run_id AND a.file_no = f.archive_no";
    }

    /** A template's accepted rows (and over-quota ones where quotas apply), columns as its CSV feed's. */
    private String records(TemplateSpec t) {
        // the header and the values built by the same two loops as CsvExporter.records, then paired
        List<String> header = new ArrayList<>();
        for (ColumnSpec c : t.columns()) {
            header.add(c.key());
            if (c.keyed()) {
                header.add(c.key() + "_key");
            }
            if (c.date()) {
                header.add(c.key() + "_text");
            }
        }
        List<String> values = new ArrayList<>();
        int derived = 0;
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnSpec c = t.columns().get(i);
            String v = "NULLIF(" + field("r.vals", i) + ", '')";
            if (c.date()) {
                values.add("CAST(NULLIF(" + field("d.vals", derived++) + ", '') AS DATE)");
            }
            values.add(v);
            if (c.keyed()) {
                values.add("NULLIF(" + field("d.vals", derived++) + ", '')");
            }
        }
        StringBuilder sql = new StringBuilder("SELECT rec.run_id, rec.unit, u.unit_type");
        for (int i = 0; i < header.size(); i++) {
            sql.append(", ").append(values.get(i)).append(" AS ").append(quote(header.get(i)));
        }
        sql.append(", rec.status, f.path AS source_file, r.sheet AS source_sheet, COALESCE(r.excel_row, 0) AS source_row ")
                .append("FROM ").append(CURRENT_RUN).append(" c JOIN hz_record rec ON rec.run_id = c.run_id ")
                .append("JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no ")
                .append("JOIN hz_file f ON f.run_id = rec.run_id AND f.file_no = rec.file_no ")
                .append("LEFT JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit ");
        if (derived > 0) {
            sql.append("LEFT JOIN hz_row_derived d ON d.content_key = rec.content_key AND d.row_no = rec.row_no ");
        }
        sql.append("WHERE rec.template = ").append(literal(t.id())).append(" AND rec.status IN ").append(feedStatuses(t));
        return sql.toString();
    }

    /**
     * One row per registry unit, one status column per template of the campaign, then the documents' columns
     * where the campaign has write-up rules, as completeness.csv.
     */
    private String completeness(Campaign campaign) {
        StringBuilder sql = new StringBuilder("SELECT m.run_id, m.unit, m.unit_type, m.city");
        for (TemplateSpec t : campaign.templates()) {
            sql.append(", (SELECT s.status FROM hz_completeness_status s WHERE s.run_id = m.run_id AND s.unit = m.unit "
                    + "AND s.template = ").append(literal(t.id())).append(") AS ").append(quote(t.id()));
        }
        sql.append(", COALESCE(m.files_sent, 0) AS files_sent, COALESCE(m.files_rejected, 0) AS files_rejected ");
        if (DocumentCompleteness.applies(campaign)) {
            sql.append(", m.writeups_received, m.writeups_linked, m.writeups_expected, m.plan_status AS ")
                    .append(quote("plan")).append(' ');
        }
        return sql.append("FROM ").append(CURRENT_RUN).append(" c JOIN hz_completeness m ON m.run_id = c.run_id").toString();
    }

    /** The i-th (0-based) value of a staged row's encoded values (ContentStore.encode), '' past the last. */
    private String field(String vals, int i) {
        return switch (dialect) {
            case POSTGRESQL -> "split_part(" + vals + ", chr(31), " + (i + 1) + ")";
            // H2 has no split function; the group is NULL past the last value
            case H2 -> "COALESCE(REGEXP_SUBSTR(" + vals + ", '^(?:[^\\x1f]*\\x1f){" + i + "}([^\\x1f]*)', 1, 1, '', 1), '')";
        };
    }

    /**
     * A timestamp as DateTimeFormatter.ISO_OFFSET_DATE_TIME writes it in the zone (what submissions.csv
     * shows): seconds always, a fraction only when not zero and without trailing zeros, Z for offset zero.
     */
    private String isoOffset(String ts, ZoneId zone) {
        String z = literal(zone.getId());
        return switch (dialect) {
            case H2 -> "REGEXP_REPLACE(FORMATDATETIME(" + ts + ", 'yyyy-MM-dd''T''HH:mm:ss.SSSSSSSSS', 'en', " + z
                    + "), '\\.?0+$', '') || FORMATDATETIME(" + ts + ", 'XXX', 'en', " + z + ")";
            case POSTGRESQL -> {
                String local = "(" + ts + " AT TIME ZONE " + z + ")";
                String offset = "(" + local + " - (" + ts + " AT TIME ZONE 'UTC'))";
                yield "regexp_replace(to_char(" + local + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '\\.?0+$', '') || "
                        + "CASE WHEN " + offset + " = INTERVAL '0' THEN 'Z' WHEN " + offset + " < INTERVAL '0' THEN '-' || "
                        + "to_char(-" + offset + ", 'HH24:MI') ELSE '+' || to_char(" + offset + ", 'HH24:MI') END";
            }
        };
    }

    /** A column name as the database folds unquoted ones (H2 upper case, PostgreSQL lower), quoted. */
    private String quote(String name) {
        String folded = dialect == Dialect.H2 ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
        return "\"" + folded.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
