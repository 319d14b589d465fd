package cn.huizong.resolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.documents.DocumentFileChecker;
import cn.huizong.registry.Names;
import cn.huizong.staging.ContentStore;
import cn.huizong.validation.IssueCode;

/**
 * The rule that ties a unit's write-ups to its cases, run after {@link Resolution} and {@link DocumentVersions}
 * (only the documents that still count are linked): a write-up is linked to the
 * unit's accepted case whose 案例名称 matches its title (normalised, see {@link #key}); an unlinked write-up is
 * {@link IssueCode#WRITEUP_WITHOUT_CASE}; an accepted case without a write-up is
 * {@link IssueCode#CASE_WITHOUT_WRITEUP} (on its row) where the unit sent write-ups at all; a write-up's pictures
 * not also received as JPG files from the unit (by content hash, then by name) are one
 * {@link IssueCode#DOC_PICTURE_NOT_SENT}. Links and pictures sent go to hz_document_link for the documents feed.
 * A campaign without write-up rules links nothing.
 */
public final class WriteupLinks {

    /** Issues of this rule are numbered after those of a file's content and of {@link Resolution}. */
    private static final int LINK_ISSUES = 200_000_000;
    private static final Pattern NOT_NAME = Pattern.compile("[\\p{P}\\p{S}]");
    private static final int MIN_CONTAINED = 4;

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    public WriteupLinks(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    private record Doc(int fileNo, String path, String unit, String kind, String title, String contentKey) {
    }

    record CaseRow(int fileNo, int rowNo, String unit, String sheet, Integer excelRow, String name) {
    }

    private record Picture(int paragraph, String name, String sha256) {
    }

    private record Jpg(String sha256, String baseName) {
    }

    /** The key a title and a case name are compared by: NFKC, no spaces, quotes, brackets or punctuation. */
    static String key(String s) {
        return NOT_NAME.matcher(Names.compact(s)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    public void link(String runId) {
        jdbc.update("DELETE FROM hz_document_link WHERE run_id = ?", runId);
        List<Doc> docs = jdbc.query("SELECT f.file_no, f.path, f.unit, d.kind, d.title, f.content_key FROM hz_file f "
                + "JOIN hz_document d ON d.content_key = f.content_key WHERE f.run_id = ? AND f.status = 'document' "
                + "ORDER BY f.file_no", (rs, i) -> new Doc(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)), runId);
        Map<String, List<Jpg>> jpgs = jpgsByUnit(runId);
        List<CaseRow> cases = cases(runId);
        boolean judged = !campaign.documents().sections().isEmpty();
        List<Object[]> issues = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        Map<Integer, Integer> issueNo = new HashMap<>();
        Map<CaseRow, Boolean> linked = new LinkedHashMap<>();
        cases.forEach(c -> linked.put(c, false));
        for (Doc d : docs) {
            if (!"writeup".equals(d.kind())) {
                links.add(new Object[] {runId, d.fileNo(), null, null});
                continue;
            }
            String title = d.title() != null && !d.title().isBlank() ? d.title() : baseName(d.path());
            CaseRow match = match(title, d.unit(), cases);
            if (match != null) {
                linked.put(match, true);
            } else if (judged) {
                issues.add(issue(runId, d.fileNo(), issueNo, d.unit(), null, null, null,
                        IssueCode.WRITEUP_WITHOUT_CASE, IssueCode.WRITEUP_WITHOUT_CASE.message(title)));
            }
            List<Picture> notSent = new ArrayList<>();
            int sent = 0;
            List<Jpg> unitJpgs = jpgs.getOrDefault(d.unit(), List.of());
            for (Picture p : pictures(d.contentKey())) {
                if (received(p, unitJpgs)) {
                    sent++;
                } else {
                    notSent.add(p);
                }
            }
            if (!notSent.isEmpty()) {
                // a .doc's pictures have no paragraph (0): the issue is the whole file's, not 第0段
                Integer paragraph = notSent.get(0).paragraph() > 0 ? notSent.get(0).paragraph() : null;
                issues.add(issue(runId, d.fileNo(), issueNo, d.unit(), null, paragraph, null,
                        IssueCode.DOC_PICTURE_NOT_SENT, IssueCode.DOC_PICTURE_NOT_SENT.message(describe(notSent))));
            }
            links.add(new Object[] {runId, d.fileNo(), match == null ? null : ContentStore.text(match.name()), sent});
        }
        if (judged) {
            // only where the unit sent write-ups: a unit that sent none is a matter of completeness, not of linking
            Set<String> sending = new HashSet<>();
            docs.stream().filter(d -> "writeup".equals(d.kind()) && d.unit() != null).forEach(d -> sending.add(d.unit()));
            linked.forEach((c, has) -> {
                if (!has && sending.contains(c.unit())) {
                    issues.add(issue(runId, c.fileNo(), issueNo, c.unit(), c.sheet(), c.excelRow(), c.rowNo(),
                            IssueCode.CASE_WITHOUT_WRITEUP, IssueCode.CASE_WITHOUT_WRITEUP.message(c.name())));
                }
            });
        }
        jdbc.batchUpdate("INSERT INTO hz_document_link (run_id, file_no, case_name, pictures_sent) VALUES (?,?,?,?)",
                links);
        jdbc.batchUpdate("INSERT INTO hz_issue (run_id, file_no, issue_no, unit, sheet, excel_row, col, severity, code, "
                + "message, row_no) VALUES (?,?,?,?,?,?,?,?,?,?,?)", issues);
    }

    /** The unit's case of the same key, else the one case whose key holds the title's or is held by it. */
    static CaseRow match(String title, String unit, List<CaseRow> cases) {
        if (unit == null) {
            return null;
        }
        String k = key(title);
        if (k.isEmpty()) {
            return null;
        }
        CaseRow contained = null;
        int candidates = 0;
        for (CaseRow c : cases) {
            if (!unit.equals(c.unit())) {
                continue;
            }
            String ck = key(c.name());
            if (ck.equals(k)) {
                return c;
            }
            String shorter = ck.length() < k.length() ? ck : k;
            if (shorter.length() >= MIN_CONTAINED && (k.contains(ck) || ck.contains(k))) {
                contained = c;
                candidates++;
            }
        }
        return candidates == 1 ? contained : null;
    }

    private static boolean received(Picture p, List<Jpg> jpgs) {
        String base = baseName(p.name() == null ? "" : p.name()).toLowerCase(Locale.ROOT);
        return jpgs.stream().anyMatch(j -> j.sha256().equals(p.sha256()))
                || !base.isEmpty() && jpgs.stream().anyMatch(j -> j.baseName().equals(base));
    }

    /** 第5段的图片（lab.jpg） or 第5、8段的2张图片. */
    private static String describe(List<Picture> pictures) {
        List<String> paragraphs = pictures.stream().filter(p -> p.paragraph() > 0)
                .map(p -> String.valueOf(p.paragraph())).distinct().limit(5).toList();
        String where = paragraphs.isEmpty() ? "" : "第" + String.join("、", paragraphs) + "段的";
        if (pictures.size() == 1) {
            String name = pictures.get(0).name();
            return where + "图片" + (name == null || name.isBlank() ? "" : "（" + name + "）");
        }
        return where + pictures.size() + "张图片";
    }

    private Object[] issue(String runId, int fileNo, Map<Integer, Integer> issueNo, String unit, String sheet,
            Integer excelRow, Integer rowNo, IssueCode code, String message) {
        int no = issueNo.merge(fileNo, 1, Integer::sum);
        return new Object[] {runId, fileNo, LINK_ISSUES + no, unit, ContentStore.text(sheet), excelRow, null,
                code.severity().code(), code.name(), ContentStore.text(message), rowNo};
    }

    private Map<String, List<Jpg>> jpgsByUnit(String runId) {
        Map<String, List<Jpg>> out = new HashMap<>();
        jdbc.query("SELECT unit, sha256, path FROM hz_file WHERE run_id = ? AND status = 'document' AND unit IS NOT NULL",
                rs -> {
                    String path = rs.getString(3);
                    if (DocumentFileChecker.isPicture(path)) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Jpg(rs.getString(2), baseName(path).toLowerCase(Locale.ROOT)));
                    }
                }, runId);
        return out;
    }

    private List<Picture> pictures(String contentKey) {
        return jdbc.query("SELECT paragraph, name, sha256 FROM hz_document_picture WHERE content_key = ? "
                + "ORDER BY picture_no", (rs, i) -> new Picture(rs.getInt(1), rs.getString(2), rs.getString(3)),
                contentKey);
    }

    /** Accepted rows of every template with a 案例名称 column ({@code case_name}), in file and row order. */
    List<CaseRow> cases(String runId) {
        List<CaseRow> out = new ArrayList<>();
        for (TemplateSpec t : campaign.templates()) {
            int index = t.indexOf("case_name");
            if (index < 0) {
                continue;
            }
            int columns = t.columns().size();
            jdbc.query("SELECT rec.file_no, rec.row_no, rec.unit, r.sheet, r.excel_row, r.vals FROM hz_record rec "
                    + "JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                    + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status = 'accepted' AND rec.unit IS NOT NULL "
                    + "ORDER BY rec.file_no, rec.row_no", rs -> {
                        String name = ContentStore.decode(rs.getString(6), columns).get(index);
                        if (!name.isBlank()) {
                            out.add(new CaseRow(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                    (Integer) rs.getObject(5), name));
                        }
                    }, runId, t.id());
        }
        return out;
    }

    static String baseName(String path) {
        String n = path.substring(path.lastIndexOf('/') + 1);
        n = n.substring(n.lastIndexOf('!') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
