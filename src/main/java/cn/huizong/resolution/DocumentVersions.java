package cn.huizong.resolution;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.staging.ContentStore;
import cn.huizong.validation.IssueCode;

/**
 * Which of a unit's Word documents count, as a table's latest file does ({@link WhichFileCounts#supersede}). Run
 * after {@link Resolution}, whose rules decide the accepted cases a write-up's title links to, and before
 * {@link WriteupLinks} and {@link DocumentCompleteness}, which then see only the documents that count. Of a unit's
 * write-ups about the same case ({@link WriteupLinks#match}) or with the same title ({@link WriteupLinks#key}), and
 * of its plans of one kind, those received last count; the older ones become {@code superseded}: their problems
 * leave the run's issues (no letter, comment or 案例材料核查 row asks to fix them again) and
 * {@link IssueCode#SUPERSEDED_DOCUMENT} names the file that replaced them. A campaign without write-up rules keeps
 * every document.
 */
public final class DocumentVersions {

    /** Issues of this rule are numbered after those of a file's content and of {@link Resolution}. */
    private static final int VERSION_ISSUES = 190_000_000;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    public DocumentVersions(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    private record Doc(int fileNo, String path, String unit, String kind, String title, String sha256,
            Instant received) {
    }

    public void apply(String runId) {
        if (!DocumentCompleteness.applies(campaign)) {
            return;
        }
        List<Doc> docs = jdbc.query("SELECT f.file_no, f.path, f.unit, d.kind, d.title, f.sha256, f.received_at "
                + "FROM hz_file f JOIN hz_document d ON d.content_key = f.content_key WHERE f.run_id = ? "
                + "AND f.status = 'document' AND f.unit IS NOT NULL AND d.kind IN ('writeup', 'city_plan', 'school_plan') "
                + "ORDER BY f.file_no", (rs, i) -> new Doc(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()), runId);
        if (docs.isEmpty()) {
            return;
        }
        List<WriteupLinks.CaseRow> cases = new WriteupLinks(jdbc, campaign).cases(runId);
        // documents sharing a subject (a case, a title, a plan kind) are versions of one another, also through a
        // third: v1 and v2 of one title, v3 retitled to the case's name
        Map<Integer, Integer> parent = new HashMap<>();
        Map<String, Integer> bySubject = new HashMap<>();
        for (Doc d : docs) {
            parent.put(d.fileNo(), d.fileNo());
            for (String subject : subjects(d, cases)) {
                Integer other = bySubject.putIfAbsent(subject, d.fileNo());
                if (other != null) {
                    parent.put(root(parent, d.fileNo()), root(parent, other));
                }
            }
        }
        Map<Integer, List<Doc>> groups = new LinkedHashMap<>();
        docs.forEach(d -> groups.computeIfAbsent(root(parent, d.fileNo()), k -> new ArrayList<>()).add(d));
        Map<Integer, Doc> byNo = new HashMap<>();
        docs.forEach(d -> byNo.put(d.fileNo(), d));
        List<Object[]> superseded = new ArrayList<>();
        List<Object[]> issues = new ArrayList<>();
        for (List<Doc> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            List<WhichFileCounts.Receipt> receipts = group.stream().map(d -> new WhichFileCounts.Receipt(d.fileNo(),
                    d.sha256(), d.received(), Instant.MAX, d.unit(), false)).toList();
            WhichFileCounts.supersede(receipts).forEach((no, decision) -> {
                if (decision.outcome() != WhichFileCounts.Outcome.SUPERSEDED) {
                    return;
                }
                Doc d = byNo.get(no);
                List<String> by = decision.others().stream().map(byNo::get).map(Doc::path).toList();
                String what = "writeup".equals(d.kind()) ? "同一案例的材料" : "同一种实施方案";
                superseded.add(new Object[] {runId, no});
                issues.add(new Object[] {runId, no, VERSION_ISSUES + 1, d.unit(), null, null, null,
                        IssueCode.SUPERSEDED_DOCUMENT.severity().code(), IssueCode.SUPERSEDED_DOCUMENT.name(),
                        ContentStore.text(IssueCode.SUPERSEDED_DOCUMENT.message(
                                SHOWN.format(byNo.get(decision.others().get(0)).received().atZone(campaign.zone())),
                                String.join("”“", by), what)), null});
            });
        }
        if (superseded.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE hz_file SET status = 'superseded' WHERE run_id = ? AND file_no = ?", superseded);
        // Resolution copied its problems while it still counted: the newer version is the one to judge
        jdbc.batchUpdate("DELETE FROM hz_issue WHERE run_id = ? AND file_no = ?", superseded);
        jdbc.batchUpdate("INSERT INTO hz_issue (run_id, file_no, issue_no, unit, sheet, excel_row, col, severity, code, "
                + "message, row_no) VALUES (?,?,?,?,?,?,?,?,?,?,?)", issues);
    }

    /** What a document is a version of: its case and its title (a write-up), or its kind (a plan), per unit. */
    private static List<String> subjects(Doc d, List<WriteupLinks.CaseRow> cases) {
        String unit = d.unit() + "\u0000";
        if (!"writeup".equals(d.kind())) {
            return List.of(unit + "plan\u0000" + d.kind());
        }
        List<String> out = new ArrayList<>();
        String title = d.title() != null && !d.title().isBlank() ? d.title() : WriteupLinks.baseName(d.path());
        String key = WriteupLinks.key(title);
        if (!key.isEmpty()) {
            out.add(unit + "title\u0000" + key);
        }
        WriteupLinks.CaseRow c = WriteupLinks.match(title, d.unit(), cases);
        if (c != null) {
            out.add(unit + "case\u0000" + c.fileNo() + "\u0000" + c.rowNo());
        }
        return out;
    }

    private static int root(Map<Integer, Integer> parent, int no) {
        int r = no;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        return r;
    }
}
