package cn.huizong.web.stats;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.TemplateSpec;
import cn.huizong.reporting.BiViews;

/**
 * Reads the current result from the BI views ({@code hz_current_*}) and nothing else: the views are the contract
 * (which run is current is theirs to know, not the console's). Each method is one small query; the sums over
 * many rows (pairing rows, issues) are grouped in SQL.
 */
@Component
class ViewReader {

    /** The run whose rows the views show: asOf is the data's 截至 time, finishedAt when it became current. */
    record Current(String runId, OffsetDateTime asOf, OffsetDateTime finishedAt, String latestRunId) {
    }

    /** A registry unit of the current result. */
    record Unit(String name, String type, String city) {
    }

    /** A file or archive member: template as in submissions.csv (pairing, cases, pairing+cases, archive …). */
    record Submission(String file, String unit, String template, String receivedAt, String status, boolean late) {

        boolean counts(String templateId) {
            return template != null && ("+" + template + "+").contains("+" + templateId + "+");
        }

        /** The day it was received, in the campaign's zone (received_at carries the campaign's offset). */
        String day() {
            return receivedAt == null || receivedAt.length() < 10 ? null : receivedAt.substring(0, 10);
        }
    }

    /** Issues of one file, unit, severity and code. */
    record IssueCount(String file, String unit, String severity, String code, long count) {
    }

    record Quota(String unit, String type, Integer quota, int validCases, int accepted, int overQuota) {
    }

    private final JdbcTemplate jdbc;

    ViewReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Current> current() {
        return jdbc.query("SELECT run_id, started_at, finished_at, latest_run_id FROM " + BiViews.CURRENT_RUN,
                (rs, i) -> new Current(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class), rs.getString(4))).stream().findFirst();
    }

    List<Unit> units() {
        return jdbc.query("SELECT unit, unit_type, city FROM hz_current_completeness",
                (rs, i) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** Status by unit, then by template (submitted, late, missing, none, not_required). */
    Map<String, Map<String, String>> statuses() {
        Map<String, Map<String, String>> out = new HashMap<>();
        jdbc.query("SELECT unit, template, status FROM hz_current_completeness_status", rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
        });
        return out;
    }

    List<Submission> submissions() {
        return jdbc.query("SELECT file, unit, template, received_at, status, late FROM hz_current_submissions",
                (rs, i) -> new Submission(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)));
    }

    /** Accepted rows of a template by unit (its feed's view; over-quota rows are not accepted). */
    Map<String, Long> acceptedRows(TemplateSpec t) {
        Map<String, Long> out = new HashMap<>();
        jdbc.query("SELECT unit, COUNT(*) FROM " + BiViews.viewName(t) + " WHERE status = 'accepted' GROUP BY unit",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    List<IssueCount> issues() {
        return jdbc.query("SELECT file, unit, severity, code, COUNT(*) FROM hz_current_issues "
                + "GROUP BY file, unit, severity, code", (rs, i) -> new IssueCount(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getLong(5)));
    }

    /** One issue as in issues.csv. */
    record Issue(String file, String unit, String sheet, Integer row, String column, String severity, String code,
            String message) {

        public String severityLabel() {
            return Stats.severityLabel(severity);
        }

        /** 工作表“…”第 N 行 C 列, as far as known. */
        public String place() {
            if (sheet == null) {
                return "";
            }
            return "工作表“" + sheet + "”" + (row == null ? "" : "第 " + row + " 行") + (column == null ? "" : " " + column + " 列");
        }
    }

    /** The issues with a code and a severity (null: any), in file, row and column order. */
    List<Issue> issues(String code, String severity) {
        StringBuilder sql = new StringBuilder(
                // * and positions: "row" and "column" are quoted, and upper case on H2 (run_id comes first)
                "SELECT * FROM hz_current_issues WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (code != null) {
            sql.append(" AND code = ?");
            args.add(code);
        }
        if (severity != null) {
            sql.append(" AND severity = ?");
            args.add(severity);
        }
        sql.append(" ORDER BY 2, 5, 6, 8");
        List<Issue> out = new ArrayList<>();
        jdbc.query(sql.toString(), rs -> {
            int row = rs.getInt(5);
            out.add(new Issue(rs.getString(2), rs.getString(3), rs.getString(4), rs.wasNull() ? null : row,
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
        }, args.toArray());
        return out;
    }

    List<Quota> quota() {
        List<Quota> out = new ArrayList<>();
        jdbc.query("SELECT unit, unit_type, quota, valid_cases, accepted, over_quota FROM hz_current_quota", rs -> {
            int q = rs.getInt(3);
            Integer quota = rs.wasNull() ? null : q; // empty: no limit
            out.add(new Quota(rs.getString(1), rs.getString(2), quota, rs.getInt(4), rs.getInt(5), rs.getInt(6)));
        });
        return out;
    }
}
