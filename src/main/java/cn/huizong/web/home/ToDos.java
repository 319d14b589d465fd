package cn.huizong.web.home;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.reporting.ResultQueries;

/**
 * 待办: files of the current result that were returned or hold errors, and whose unit has not sent a newer file of
 * the same template since (a file whose template is unknown waits for any newer file of its unit).
 */
public final class ToDos {

    /** A file waiting for its unit to send a corrected one. */
    public record ToDo(String unit, String path, String statusLabel, Instant receivedAt, int errors, String firstError) {
    }

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    ToDos(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    List<ToDo> of(String run) {
        Map<Integer, Integer> errors = new HashMap<>();
        Map<Integer, String> first = new HashMap<>();
        jdbc.query("SELECT file_no, message FROM hz_issue WHERE run_id = ? AND severity = 'error' "
                + "ORDER BY file_no, issue_no", rs -> {
                    int no = rs.getInt(1);
                    errors.merge(no, 1, Integer::sum);
                    first.putIfAbsent(no, rs.getString(2));
                }, run);
        List<ResultQueries.FileRow> files = new ResultQueries(jdbc, campaign).files(run);
        List<ToDo> out = new ArrayList<>();
        for (ResultQueries.FileRow f : files) {
            boolean bad = "rejected".equals(f.status()) || errors.containsKey(f.fileNo());
            // a copy of bytes listed elsewhere, or a file a newer one already replaced, is nobody's to-do
            if (f.unit() == null || !bad || "duplicate_file".equals(f.status()) || "superseded".equals(f.status())
                    || resent(f, files)) {
                continue;
            }
            out.add(new ToDo(f.unit(), f.path() + (f.memberName() == null ? "" : " → " + f.memberName()),
                    f.statusLabel(), f.receivedAt(), errors.getOrDefault(f.fileNo(), 0), first.get(f.fileNo())));
        }
        return out;
    }

    /** Whether the unit sent other bytes of the file's template (any template when unknown) after it. */
    private static boolean resent(ResultQueries.FileRow f, List<ResultQueries.FileRow> files) {
        if (f.receivedAt() == null) {
            return false;
        }
        for (ResultQueries.FileRow g : files) {
            if (g.fileNo() == f.fileNo() || !f.unit().equals(g.unit()) || g.receivedAt() == null
                    || !g.receivedAt().isAfter(f.receivedAt())
                    || g.sha256() != null && g.sha256().equals(f.sha256())) {
                continue;
            }
            if (f.templates().isEmpty() || g.templates().stream().anyMatch(f.templates()::contains)) {
                return true;
            }
        }
        return false;
    }
}
