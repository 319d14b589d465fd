package cn.huizong.resolution;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.registry.UnitType;
import cn.huizong.staging.ContentStore;
import cn.huizong.validation.IssueCode;
import cn.huizong.validation.SubmittedText;

/**
 * Set-based rules over everything staged for a run: which file a unit's submission is (duplicates,
 * superseded), what becomes of every row (accepted, rejected, duplicate, over_quota, superseded), quotas in
 * 序号 order, cases sent by two units, and who has not sent what. The same staged data always gives the
 * same answer, whatever order the files arrived in.
 */
public final class Resolution {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Issues resolution adds are numbered after any a file's content can have. */
    private static final int RESOLVER_ISSUES = 100_000_000;

    private final JdbcTemplate jdbc;
    private final Campaign campaign;
    private final Registry registry;
    /** When a run first saw each content of this run (hz_seen): the feedback letter about it was written then. */
    private final Map<String, Instant> firstSeen = new HashMap<>();
    /** One table of a workbook that a newer file replaced, while the workbook's other table still counts. */
    private record Part(int fileNo, String template) {
    }

    private final List<Part> supersededParts = new ArrayList<>();
    /** Files whose content has errors: the feedback letter about them asked for a correction. */
    private final Set<Integer> withErrors = new HashSet<>();
    /** Per unit and template, whether the table that counts came late (for completeness). */
    private final Map<String, Boolean> lateByUnitTemplate = new HashMap<>();

    public Resolution(JdbcTemplate jdbc, Campaign campaign, Registry registry) {
        this.jdbc = jdbc;
        this.campaign = campaign;
        this.registry = registry;
    }

    /** @param templates every table the file holds (a workbook may hold 附件1 and 附件5), empty for the rest */
    private record FileRow(int fileNo, String path, String sha, Instant received, String kind, String rejectCode,
            String rejectDetail, String pathUnit, String contentKey, String template, String contentUnit,
            String unitText, String failureCode, String failureMessage, String failureSheet, Integer failureRow,
            List<String> templates) {
    }

    public void resolve(String runId) {
        for (String table : List.of("hz_record", "hz_issue", "hz_quota", "hz_completeness", "hz_completeness_status")) {
            jdbc.update("DELETE FROM " + table + " WHERE run_id = ?", runId);
        }
        List<FileRow> files = jdbc.query("SELECT f.file_no, f.path, f.sha256, f.received_at, f.kind, f.reject_code, "
                + "f.reject_detail, f.path_unit, f.content_key, c.template, c.unit, c.unit_text, c.failure_code, "
                + "c.failure_message, c.failure_sheet, c.failure_row, c.templates FROM hz_file f "
                + "LEFT JOIN hz_content c ON c.content_key = f.content_key WHERE f.run_id = ? ORDER BY f.file_no",
                (rs, i) -> new FileRow(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(13), rs.getString(14), rs.getString(15), (Integer) rs.getObject(16),
                        templatesOf(rs.getString(10), rs.getString(17))),
                runId);
        firstSeen.clear();
        jdbc.query("SELECT DISTINCT s.sha256, s.first_seen_at FROM hz_seen s JOIN hz_file f ON f.sha256 = s.sha256 "
                + "WHERE f.run_id = ?", rs -> {
                    firstSeen.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, runId);
        withErrors.clear();
        withErrors.addAll(jdbc.queryForList("SELECT DISTINCT f.file_no FROM hz_file f JOIN hz_content_issue ci "
                + "ON ci.content_key = f.content_key WHERE f.run_id = ? AND ci.severity = 'error'", Integer.class, runId));
        IssueLog issues = new IssueLog(runId);
        Map<Integer, String[]> outcome = decideFiles(files, issues); // file_no -> {status, unit, template, late}
        List<Object[]> updates = new ArrayList<>();
        outcome.forEach((no, o) -> updates.add(new Object[] {o[0], o[1], o[2], Boolean.valueOf(o[3]), runId, no}));
        jdbc.batchUpdate("UPDATE hz_file SET status = ?, unit = ?, template = ?, late = ? WHERE run_id = ? AND file_no = ?",
                updates);

        jdbc.update("INSERT INTO hz_record (run_id, file_no, row_no, content_key, template, unit, status) "
                + "SELECT f.run_id, f.file_no, r.row_no, f.content_key, COALESCE(r.template, f.template), f.unit, CASE "
                + " WHEN f.status = 'superseded' THEN 'superseded' WHEN f.status = 'duplicate_file' THEN 'duplicate' "
                + " WHEN f.status = 'rejected' OR r.has_error THEN 'rejected' "
                + " WHEN r.duplicate_of IS NOT NULL THEN 'duplicate' ELSE 'accepted' END "
                + "FROM hz_file f JOIN hz_row r ON r.content_key = f.content_key WHERE f.run_id = ?", runId);
        // content issues count for files whose rows are judged: not for copies or replaced files
        jdbc.update("INSERT INTO hz_issue (run_id, file_no, issue_no, unit, sheet, excel_row, col, severity, code, "
                + "message, row_no) SELECT f.run_id, f.file_no, ci.issue_no, f.unit, ci.sheet, ci.excel_row, ci.col, "
                + "ci.severity, ci.code, ci.message, ci.row_no FROM hz_file f "
                + "JOIN hz_content_issue ci ON ci.content_key = f.content_key "
                + "WHERE f.run_id = ? AND f.status IN ('accepted', 'rejected', 'document')", runId);
        // one table of a workbook replaced by a newer file while its other table still counts
        List<Object[]> parts = supersededParts.stream().map(p -> new Object[] {runId, p.fileNo(), p.template()}).toList();
        jdbc.batchUpdate("UPDATE hz_record SET status = 'superseded' WHERE run_id = ? AND file_no = ? AND template = ?",
                parts);
        jdbc.batchUpdate("DELETE FROM hz_issue WHERE run_id = ? AND file_no = ? AND row_no IN (SELECT r.row_no FROM "
                + "hz_record r WHERE r.run_id = hz_issue.run_id AND r.file_no = hz_issue.file_no AND r.template = ?)",
                parts);

        applyQuotas(runId, issues);
        flagDuplicateCases(runId, issues);
        flagUnitTypeMismatches(runId, issues);
        issues.flush();
        countRows(runId);
        writeCompleteness(runId);
    }

    /**
     * Each file's status, unit, template and lateness: base judgement per file (rejected, document, archive,
     * unknown unit), then {@link WhichFileCounts} decides which copies and versions count.
     */
    private Map<Integer, String[]> decideFiles(List<FileRow> files, IssueLog issues) {
        Map<Integer, String[]> out = new LinkedHashMap<>();
        Map<Integer, FileRow> byNo = new HashMap<>();
        Map<Integer, WhichFileCounts.Receipt> receipts = new LinkedHashMap<>();
        for (FileRow f : files) {
            byNo.put(f.fileNo(), f);
            receipts.put(f.fileNo(), receipt(f));
        }
        Map<Integer, Integer> copies = WhichFileCounts.copies(List.copyOf(receipts.values()));
        for (FileRow f : files) {
            String unit = unitOf(f);
            String template = f.template() != null ? f.template() : "ARCHIVE".equals(f.kind()) ? "archive"
                    : "DOCUMENT".equals(f.kind()) ? "document" : "";
            String status;
            int kept = copies.get(f.fileNo());
            if (kept != f.fileNo()) {
                status = "duplicate_file";
                FileRow k = byNo.get(kept);
                issues.fileIssue(f.fileNo(), unit, IssueCode.DUPLICATE_FILE,
                        IssueCode.DUPLICATE_FILE.message(shown(k.received()), k.path()));
            } else if (f.rejectCode() != null) {
                status = "rejected";
                issues.fileIssue(f.fileNo(), unit, IssueCode.valueOf(f.rejectCode()), intakeMessage(f));
            } else if (f.failureCode() != null) {
                status = "rejected";
                issues.add(f.fileNo(), unit, f.failureSheet(), f.failureRow(), null,
                        IssueCode.valueOf(f.failureCode()), f.failureMessage(), null);
            } else if ("DOCUMENT".equals(f.kind())) { // write-ups and plans too: recorded, judged by WriteupLinks
                status = "document";
            } else if ("archive".equals(template)) {
                status = "accepted";
            } else if (unit == null) {
                status = "rejected";
                issues.fileIssue(f.fileNo(), null, IssueCode.UNKNOWN_UNIT,
                        IssueCode.unknownUnit(f.unitText(), f.path(), registry));
            } else {
                status = "accepted";
            }
            out.put(f.fileNo(), new String[] {status, unit, template, String.valueOf(isLate(template, f.received()))});
        }
        // a unit's files of one template: which version counts, and whether it came in time. A workbook that
        // holds several tables takes part once for each.
        supersededParts.clear();
        lateByUnitTemplate.clear();
        Map<String, List<WhichFileCounts.Receipt>> counting = new LinkedHashMap<>();
        Map<String, List<WhichFileCounts.Receipt>> received = new LinkedHashMap<>();
        for (FileRow f : files) {
            String[] o = out.get(f.fileNo());
            if (o[1] == null) {
                continue;
            }
            boolean unreadable = f.rejectCode() != null || f.failureCode() != null;
            if (unreadable) {
                // an attempt the unit made (an encrypted or damaged file): its time counts for "first submission on
                // time", and the letter about it asked for a correction; it never counts as data. Its table is not
                // known, so it stands for every table the unit owes.
                List<String> owed = f.templates().isEmpty() ? campaign.templates().stream().map(TemplateSpec::id).toList()
                        : f.templates();
                for (String t : owed) {
                    received.computeIfAbsent(o[1] + "\u0000" + t, k -> new ArrayList<>()).add(receipts.get(f.fileNo()));
                }
                continue;
            }
            for (String t : f.templates()) {
                if (campaign.template(t).isEmpty()) {
                    continue;
                }
                String key = o[1] + "\u0000" + t;
                received.computeIfAbsent(key, k -> new ArrayList<>()).add(receipts.get(f.fileNo()));
                if ("accepted".equals(o[0])) {
                    counting.computeIfAbsent(key, k -> new ArrayList<>()).add(receipts.get(f.fileNo()));
                }
            }
        }
        Map<Integer, Integer> partsLeft = new HashMap<>();
        for (FileRow f : files) {
            partsLeft.put(f.fileNo(), f.templates().size());
        }
        Map<String, Map<Integer, Boolean>> lateness = new HashMap<>();
        received.forEach((key, list) -> {
            TemplateSpec t = campaign.template(key.substring(key.indexOf('\u0000') + 1)).orElseThrow();
            lateness.put(key, WhichFileCounts.late(list, new WhichFileCounts.Deadline(t.deadline(),
                    campaign.correctionDays(), campaign.zone())));
        });
        counting.forEach((key, list) -> {
            String template = key.substring(key.indexOf('\u0000') + 1);
            TemplateSpec spec = campaign.template(template).orElseThrow();
            WhichFileCounts.supersede(list).forEach((no, d) -> {
                String[] o = out.get(no);
                boolean several = byNo.get(no).templates().size() > 1;
                String which = several ? "中的" + spec.label() : "";
                boolean late = lateness.get(key).get(no);
                if (d.outcome() == WhichFileCounts.Outcome.SUPERSEDED) {
                    supersededParts.add(new Part(no, template));
                    if (partsLeft.merge(no, -1, Integer::sum) == 0) {
                        o[0] = "superseded";
                    }
                    List<String> by = d.others().stream().map(byNo::get).map(FileRow::path).toList();
                    issues.fileIssue(no, o[1], IssueCode.SUPERSEDED_FILE, IssueCode.SUPERSEDED_FILE.message(which,
                            shown(byNo.get(d.others().get(0)).received()), String.join("”“", by)));
                    return;
                }
                lateByUnitTemplate.put(key, late);
                if (d.sameTime()) {
                    List<String> with = d.others().stream().map(byNo::get).map(FileRow::path).toList();
                    issues.fileIssue(no, o[1], IssueCode.SAME_TIME_SUBMISSIONS, IssueCode.SAME_TIME_SUBMISSIONS.message(
                            String.join("”“", with), shown(byNo.get(no).received())));
                }
                if (late) {
                    issues.fileIssue(no, o[1], IssueCode.LATE_SUBMISSION, IssueCode.LATE_SUBMISSION.message(
                            spec.title(), spec.deadline() + " 24:00", shown(byNo.get(no).received())));
                }
            });
        });
        // the file's own flag: late when any table it counts for (or, replaced or a copy, would count for) was late
        Map<Integer, Boolean> fileLate = new HashMap<>();
        lateness.values().forEach(byFile -> byFile.forEach((no, late) -> fileLate.merge(no, late, Boolean::logicalOr)));
        fileLate.forEach((no, late) -> {
            FileRow f = byNo.get(no);
            if (f.rejectCode() == null && f.failureCode() == null) { // an unreadable file's table is not known
                out.get(no)[3] = String.valueOf(late);
            }
        });
        for (FileRow f : files) {
            if (f.templates().size() > 1) {
                out.get(f.fileNo())[2] = String.join("+", f.templates());
            }
        }
        return out;
    }

    /** The tables a file counts for: none for a header-only file ("-"), the one template of older stagings. */
    private static List<String> templatesOf(String template, String templates) {
        if ("-".equals(templates)) {
            return List.of();
        }
        if (templates != null) {
            return List.of(templates.split(","));
        }
        return template == null ? List.of() : List.of(template);
    }


    private WhichFileCounts.Receipt receipt(FileRow f) {
        String unit = unitOf(f);
        return new WhichFileCounts.Receipt(f.fileNo(), f.sha(), f.received(),
                f.sha() == null ? Instant.MAX : firstSeen.getOrDefault(f.sha(), Instant.MAX),
                unit == null ? "" : unit, f.rejectCode() != null || f.failureCode() != null || withErrors.contains(f.fileNo()));
    }

    private String shown(Instant t) {
        return SHOWN.format(t.atZone(campaign.zone()));
    }

    private String unitOf(FileRow f) {
        if (f.contentUnit() != null) {
            return f.contentUnit();
        }
        return f.pathUnit();
    }

    private boolean isLate(String template, Instant received) {
        return campaign.template(template).map(t -> received.isAfter(campaign.deadlineEnd(t).toInstant()))
                .orElse(false);
    }

    private static String intakeMessage(FileRow f) {
        IssueCode code = IssueCode.valueOf(f.rejectCode());
        return switch (code) {
            // a zip's password needs other words than a workbook's: intake then gives the whole message
            case ENCRYPTED_FILE -> f.rejectDetail() != null ? f.rejectDetail() : code.message();
            default -> code.message(f.rejectDetail() == null ? "" : f.rejectDetail());
        };
    }

    /** Valid cases of a unit in 序号 order (row order where blank): the first N accepted, the rest over quota. */
    private void applyQuotas(String runId, IssueLog issues) {
        for (TemplateSpec t : campaign.templates()) {
            if (!t.quotaApplies()) {
                continue;
            }
            List<Object[]> ranked = jdbc.query("SELECT rec.file_no, rec.row_no, rec.unit, u.unit_type, r.sheet, "
                    + "r.excel_row FROM hz_record rec JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                    + "JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                    + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status = 'accepted' "
                    + "ORDER BY u.position, CASE WHEN r.seq IS NULL THEN 1 ELSE 0 END, r.seq, rec.file_no, rec.row_no",
                    (rs, i) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6)},
                    runId, t.id());
            List<Object[]> updates = new ArrayList<>();
            String unit = null;
            int rank = 0;
            for (Object[] r : ranked) {
                if (!r[2].equals(unit)) {
                    unit = (String) r[2];
                    rank = 0;
                }
                rank++;
                UnitType type = UnitType.fromCode((String) r[3]).orElseThrow();
                Integer quota = campaign.quota(type).orElse(null);
                boolean over = quota != null && rank > quota;
                updates.add(new Object[] {rank, over ? "over_quota" : "accepted", runId, r[0], r[1]});
                if (over) {
                    issues.add((Integer) r[0], unit, (String) r[4], (Integer) r[5], null, IssueCode.OVER_QUOTA,
                            IssueCode.OVER_QUOTA.message(campaign.typeLabel(type), quota, rank), (Integer) r[1]);
                }
            }
            jdbc.batchUpdate("UPDATE hz_record SET quota_rank = ?, status = ? WHERE run_id = ? AND file_no = ? AND row_no = ?",
                    updates);
        }
    }

    /** The same case name from two units: both kept, each unit told who else sent it. */
    private void flagDuplicateCases(String runId, IssueLog issues) {
        // Two passes: the shared names first (few), then the case rows carrying them. H2 runs a subquery or a
        // derived table again for every outer row, which took minutes at 200,000 rows.
        String caseRows = "FROM hz_record rec JOIN hz_row r ON r.content_key = rec.content_key AND r.row_no = rec.row_no "
                + "WHERE rec.run_id = ? AND rec.status IN ('accepted', 'over_quota') AND r.group_key IS NOT NULL";
        Set<String> shared = new HashSet<>(jdbc.queryForList("SELECT r.group_key " + caseRows
                + " GROUP BY r.group_key HAVING COUNT(DISTINCT rec.unit) > 1", String.class, runId));
        if (shared.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        jdbc.query("SELECT r.group_key, rec.unit, rec.file_no, rec.row_no, r.sheet, r.excel_row, r.vals, rec.template, "
                + "r.group_col " + caseRows + " ORDER BY rec.file_no, rec.row_no", rs -> {
                    if (shared.contains(rs.getString(1))) {
                        rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9)});
                    }
                }, runId);
        Map<String, Set<String>> unitsByKey = new HashMap<>();
        for (Object[] r : rows) {
            unitsByKey.computeIfAbsent((String) r[0], k -> new TreeSet<>()).add((String) r[1]);
        }
        for (Object[] r : rows) {
            TemplateSpec t = campaign.template((String) r[7]).orElseThrow();
            int col = t.columns().indexOf(t.flagged(c -> c.crossUnitDuplicate()).orElseThrow());
            String name = ContentStore.decode((String) r[6], t.columns().size()).get(col);
            Set<String> others = new TreeSet<>(unitsByKey.get((String) r[0]));
            others.remove((String) r[1]);
            issues.add((Integer) r[2], (String) r[1], (String) r[4], (Integer) r[5], (String) r[8], IssueCode.DUPLICATE_CASE,
                    IssueCode.DUPLICATE_CASE.message(SubmittedText.quote(name), String.join("、", others)),
                    (Integer) r[3]);
        }
    }

    /** 单位类型 as written against the registry: the registry decides, the unit is told. */
    private void flagUnitTypeMismatches(String runId, IssueLog issues) {
        jdbc.query("SELECT rec.file_no, rec.row_no, rec.unit, u.unit_type, r.claimed_type, r.claimed_text, r.sheet, "
                + "r.excel_row, r.claimed_col FROM hz_record rec JOIN hz_row r ON r.content_key = rec.content_key "
                + "AND r.row_no = rec.row_no JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                + "JOIN hz_file f ON f.run_id = rec.run_id AND f.file_no = rec.file_no "
                + "WHERE rec.run_id = ? AND f.status = 'accepted' AND rec.status <> 'superseded' AND r.claimed_type IS NOT NULL "
                + "AND r.claimed_type <> u.unit_type ORDER BY rec.file_no, rec.row_no", rs -> {
                    UnitType registered = UnitType.fromCode(rs.getString(4)).orElseThrow();
                    issues.add(rs.getInt(1), rs.getString(3), rs.getString(7), rs.getInt(8), rs.getString(9),
                            IssueCode.UNIT_TYPE_MISMATCH,
                            IssueCode.UNIT_TYPE_MISMATCH.message(SubmittedText.quote(rs.getString(6)),
                                    campaign.typeLabel(registered), campaign.organisation().shortName()),
                            rs.getInt(2));
                }, runId);
    }

    private void countRows(String runId) {
        jdbc.update("UPDATE hz_file SET "
                + "rows_read = (SELECT COUNT(*) FROM hz_record r WHERE r.run_id = hz_file.run_id AND r.file_no = hz_file.file_no), "
                + "rows_accepted = (SELECT COUNT(*) FROM hz_record r WHERE r.run_id = hz_file.run_id AND r.file_no = hz_file.file_no AND r.status = 'accepted'), "
                + "rows_rejected = (SELECT COUNT(*) FROM hz_record r WHERE r.run_id = hz_file.run_id AND r.file_no = hz_file.file_no AND r.status = 'rejected'), "
                + "rows_duplicate = (SELECT COUNT(*) FROM hz_record r WHERE r.run_id = hz_file.run_id AND r.file_no = hz_file.file_no AND r.status = 'duplicate'), "
                + "rows_over_quota = (SELECT COUNT(*) FROM hz_record r WHERE r.run_id = hz_file.run_id AND r.file_no = hz_file.file_no AND r.status = 'over_quota'), "
                + "rows_superseded = (SELECT COUNT(*) FROM hz_record r WHERE r.run_id = hz_file.run_id AND r.file_no = hz_file.file_no AND r.status = 'superseded') "
                + "WHERE run_id = ?", runId);
    }

    private void writeCompleteness(String runId) {
        for (TemplateSpec t : campaign.templates()) {
            if (!t.quotaApplies()) {
                continue;
            }
            jdbc.update("INSERT INTO hz_quota (run_id, unit, unit_type, quota, valid_cases, accepted, over_quota) "
                    + "SELECT rec.run_id, rec.unit, u.unit_type, NULL, COUNT(*), "
                    + "SUM(CASE WHEN rec.status = 'accepted' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN rec.status = 'over_quota' THEN 1 ELSE 0 END) FROM hz_record rec "
                    + "JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                    + "WHERE rec.run_id = ? AND rec.template = ? AND rec.status IN ('accepted', 'over_quota') "
                    + "GROUP BY rec.run_id, rec.unit, u.unit_type", runId, t.id());
        }
        for (UnitType type : UnitType.values()) {
            campaign.quota(type).ifPresent(q -> jdbc.update(
                    "UPDATE hz_quota SET quota = ? WHERE run_id = ? AND unit_type = ?", q, runId, type.code()));
        }
        Map<String, int[]> fileCounts = new HashMap<>(); // unit -> {files sent, files rejected}
        jdbc.query("SELECT unit, status FROM hz_file WHERE run_id = ? AND unit IS NOT NULL AND template <> 'archive'",
                rs -> {
                    int[] c = fileCounts.computeIfAbsent(rs.getString(1), k -> new int[2]);
                    c[0]++;
                    if ("rejected".equals(rs.getString(2))) {
                        c[1]++;
                    }
                }, runId);
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> statuses = new ArrayList<>();
        int pos = 0;
        for (RegistryUnit u : registry.units()) {
            for (TemplateSpec t : campaign.templates()) {
                // late or not, of the table that counts (a workbook with both tables counts for both)
                Boolean late = lateByUnitTemplate.get(u.name() + "\u0000" + t.id());
                String status = late != null ? (late ? "late" : "submitted")
                        : t.requiredFrom().contains(u.type()) ? t.missingStatus() : "not_required";
                statuses.add(new Object[] {runId, u.name(), t.id(), status});
            }
            int[] counts = fileCounts.getOrDefault(u.name(), new int[2]);
            rows.add(new Object[] {runId, ++pos, u.name(), u.type().code(), u.city(), counts[0], counts[1]});
        }
        jdbc.batchUpdate("INSERT INTO hz_completeness (run_id, position, unit, unit_type, city, files_sent, "
                + "files_rejected) VALUES (?,?,?,?,?,?,?)", rows);
        jdbc.batchUpdate("INSERT INTO hz_completeness_status (run_id, unit, template, status) VALUES (?,?,?,?)",
                statuses);
    }

    /** Issues added by resolution, written in one batch. */
    private final class IssueLog {
        private final String runId;
        private final List<Object[]> rows = new ArrayList<>();
        private final Map<Integer, Integer> next = new HashMap<>();
        private final Set<String> seen = new HashSet<>();

        IssueLog(String runId) {
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
        }
    }
}
