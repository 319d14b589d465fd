package cn.huizong.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.Names;
import cn.huizong.staging.ContentStore;
import cn.huizong.validation.DeadlineParser;

/**
 * The feed columns computed in Java from a staged row — a keyed column's key (enterprise_key), a date column
 * read as a date (deadline) — stored in {@code hz_row_derived} so that the BI views give exactly what the CSV
 * feeds give (NFKC and the campaign's deadline words are not SQL). Keyed by content, like the row: a file
 * read once is derived once, whatever the number of runs that use it.
 */
public final class DerivedValues {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;

    public DerivedValues(JdbcTemplate jdbc) {
        // a template of our own: the fetch size makes PostgreSQL stream inside the step's transaction
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(BATCH);
    }

    /** Whether a template's feed has columns computed in Java. */
    static boolean hasDerived(TemplateSpec t) {
        return t.columns().stream().anyMatch(c -> c.keyed() || c.date());
    }

    /**
     * The derived values of one row, in the order the feed has them (as {@code CsvExporter} writes a row: a
     * date column's date, a keyed column's key).
     */
    static List<String> of(TemplateSpec t, List<String> values, DeadlineParser dates) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnSpec c = t.columns().get(i);
            String v = values.get(i);
            if (c.date()) {
                LocalDate d = v.isEmpty() ? null : dates.dateOf(v);
                out.add(d == null ? "" : d.toString());
            }
            if (c.keyed()) {
                out.add(Names.enterpriseKey(v));
            }
        }
        return out;
    }

    /**
     * Derives the rows a run's feeds show that have not been derived yet (none when every file was read by an
     * earlier run of this version). Idempotent.
     *
     * @return rows derived now
     */
    public int fill(Campaign campaign, String runId) {
        DeadlineParser dates = DeadlineParser.of(campaign);
        int n = 0;
        for (TemplateSpec t : campaign.templates()) {
            if (hasDerived(t)) {
                n += fill(t, dates, runId);
            }
        }
        return n;
    }

    private int fill(TemplateSpec t, DeadlineParser dates, String runId) {
        List<Object[]> batch = new ArrayList<>();
        int[] n = {0};
        int columns = t.columns().size();
        // DISTINCT: two units' copies of the same bytes share their staged rows
        jdbc.query("SELECT DISTINCT r.content_key, r.row_no, r.vals FROM hz_record rec "
                + "JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status IN " + BiViews.feedStatuses(t)
                + " AND NOT EXISTS (SELECT 1 FROM hz_row_derived d WHERE d.content_key = r.content_key "
                + "AND d.row_no = r.row_no)", rs -> {
                    List<String> derived = of(t, ContentStore.decode(rs.getString(3), columns), dates);
                    batch.add(new Object[] {rs.getString(1), rs.getInt(2), ContentStore.encode(derived)});
                    if (batch.size() >= BATCH) {
                        n[0] += insert(batch);
                    }
                }, runId, t.id());
        return n[0] + insert(batch);
    }

    private int insert(List<Object[]> batch) {
        int n = batch.size();
        if (n > 0) {
            jdbc.batchUpdate("INSERT INTO hz_row_derived (content_key, row_no, vals) VALUES (?, ?, ?)", batch);
            batch.clear();
        }
        return n;
    }
}
