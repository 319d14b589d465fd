package cn.huizong.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Brings a database created by an earlier version up to date: adds the columns added since (see
 * {@link #addMissing}) and widens the text columns that earlier versions created bounded (a 310-character sheet name or a
 * 2,600-character case name failed the write and every rerun with it). Idempotent on H2 and PostgreSQL: only a
 * column still bounded is altered, since ALTER takes an exclusive lock on the table (and H2 copies it), which
 * is not for every start-up nor for a second process that is about to be told another run is going on.
 */
final class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    /** Columns fed by submission text, by table; VARCHAR without a length since issue 8. */
    static final Map<String, List<String>> UNBOUNDED = new LinkedHashMap<>();

    static {
        UNBOUNDED.put("hz_file", List.of("reject_detail"));
        UNBOUNDED.put("hz_content", List.of("unit_text", "failure_message", "failure_sheet"));
        UNBOUNDED.put("hz_row", List.of("sheet", "group_key", "claimed_text", "claimed_col", "group_col"));
        UNBOUNDED.put("hz_content_issue", List.of("sheet", "col"));
        UNBOUNDED.put("hz_issue", List.of("sheet", "col"));
    }

    /** What H2 2.x reports as the length of an unbounded VARCHAR (PostgreSQL reports none). */
    private static final long H2_UNBOUNDED = 1_000_000_000L;

    private SchemaMigration() {
    }

    /** @return the columns altered, as table.column */
    static List<String> widen(JdbcTemplate jdbc) {
        List<String> altered = new ArrayList<>();
        for (String[] c : bounded(jdbc)) {
            jdbc.execute("ALTER TABLE " + c[0] + " ALTER COLUMN " + c[1] + " SET DATA TYPE VARCHAR");
            altered.add(c[0] + "." + c[1]);
        }
        if (!altered.isEmpty()) {
            log.info("widened text columns to unbounded VARCHAR: {}", String.join(", ", altered));
        }
        return altered;
    }

    /** Our submission-text columns that still have a length limit, as {table, column}. */
    static List<String[]> bounded(JdbcTemplate jdbc) {
        List<String[]> out = new ArrayList<>();
        // H2 keeps unquoted names in upper case, PostgreSQL in lower case
        jdbc.query("SELECT table_name, column_name, character_maximum_length FROM information_schema.columns "
                + "WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) LIKE 'hz%'", rs -> {
                    String table = rs.getString(1).toLowerCase(Locale.ROOT);
                    String column = rs.getString(2).toLowerCase(Locale.ROOT);
                    long max = rs.getLong(3);
                    boolean limited = !rs.wasNull() && max < H2_UNBOUNDED;
                    if (limited && UNBOUNDED.getOrDefault(table, List.of()).contains(column)) {
                        out.add(new String[] {table, column});
                    }
                });
        return out;
    }

    /** Columns added since a table was first created: table -> column -> type. */
    static final Map<String, Map<String, String>> ADDED = new LinkedHashMap<>();

    static {
        ADDED.put("hz_lock", Map.of("process_started_at", "TIMESTAMP WITH TIME ZONE", "started_by", "VARCHAR(200)",
                "stop_requested_at", "TIMESTAMP WITH TIME ZONE"));
        ADDED.put("hz_run", Map.of("started_by", "VARCHAR(200)"));
        ADDED.put("hz_row", Map.of("template", "VARCHAR(40)"));
        ADDED.put("hz_content", Map.of("templates", "VARCHAR(400)"));
        ADDED.put("hz_completeness", Map.of("writeups_received", "INT", "writeups_linked", "INT",
                "writeups_expected", "INT", "plan_status", "VARCHAR(20)"));
        ADDED.put("hz_document", Map.of("plans_shown", "VARCHAR(100)"));
    }

    /**
     * Adds the columns an older database lacks. Looked up first rather than ALTER … ADD COLUMN IF NOT EXISTS on
     * every start: PostgreSQL takes the table's exclusive lock even when the column is there, so a start-up would
     * queue behind (and stall) a running job's transaction.
     *
     * @return the columns added, as table.column
     */
    static List<String> addMissing(JdbcTemplate jdbc) {
        java.util.Set<String> present = new java.util.HashSet<>();
        jdbc.query("SELECT table_name, column_name FROM information_schema.columns "
                + "WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) LIKE 'hz%'", rs -> {
                    present.add(rs.getString(1).toLowerCase(Locale.ROOT) + "." + rs.getString(2).toLowerCase(Locale.ROOT));
                });
        List<String> added = new ArrayList<>();
        ADDED.forEach((table, columns) -> columns.forEach((column, type) -> {
            if (!present.contains(table + "." + column)) {
                jdbc.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
                added.add(table + "." + column);
            }
        }));
        if (!added.isEmpty()) {
            log.info("added columns: {}", String.join(", ", added));
        }
        return added;
    }
}
