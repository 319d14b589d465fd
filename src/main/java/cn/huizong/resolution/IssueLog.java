package cn.huizong.resolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.staging.ContentStore;
import cn.huizong.validation.IssueCode;

/**
 * The issues the rules of resolution add, numbered per file after any its content can have and written in
 * one batch at the end. The same message on the same row is kept once.
 */
final class IssueLog {

    /** Issues resolution adds are numbered after any a file's content can have. */
    private static final int RESOLVER_ISSUES = 100_000_000;

    private final JdbcTemplate jdbc;
    private final String runId;
    private final List<Object[]> rows = new ArrayList<>();
    private final Map<Integer, Integer> next = new HashMap<>();
    private final Set<String> seen = new HashSet<>();

    IssueLog(JdbcTemplate jdbc, String runId) {
        this.jdbc = jdbc;
        this.runId = runId;
    }

    void fileIssue(int fileNo, String unit, IssueCode code, String message) {
        add(fileNo, unit, null, null, null, code, message, null);
    }

    void add(int fileNo, String unit, String sheet, Integer row, String col, IssueCode code, String message,
            Integer rowNo) {
        if (!seen.add(fileNo + "|" + rowNo + "|" + code + "|" + message)) {
            return;
        }
        int no = next.merge(fileNo, 1, Integer::sum) + RESOLVER_ISSUES;
        rows.add(new Object[] {runId, fileNo, no, unit, sheet, row, col, code.severity().code(), code.name(),
                ContentStore.text(message), rowNo});
    }

    void flush() {
        jdbc.batchUpdate("INSERT INTO hz_issue (run_id, file_no, issue_no, unit, sheet, excel_row, col, severity, "
                + "code, message, row_no) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows);
        rows.clear();
    }
}
