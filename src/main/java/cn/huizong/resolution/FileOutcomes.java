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

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.Registry;
import cn.huizong.validation.IssueCode;

/**
 * Each file's outcome (status, unit, template, late): rejected, document, archive or unknown unit from what
 * intake and reading found, then {@link WhichFileCounts} decides which copies and versions count and whether
 * they came in time. Writes the outcome into hz_file and the file-level issues (copies, replaced files, the
 * same time, late) into the log.
 */
final class FileOutcomes {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One table of a workbook that a newer file replaced, while the workbook's other table still counts. */
    record Part(int fileNo, String template) {
    }

    /**
     * What later rules need of the decision.
     *
     * @param supersededParts tables of files replaced by a newer file
     * @param lateByUnitTemplate per unit and template ("unit\0template"), whether the table that counts came late
     */
    record Decided(List<Part> supersededParts, Map<String, Boolean> lateByUnitTemplate) {
    }

    /** @param templates every table the file holds (a workbook may hold 附件1 and 附件5), empty for the rest */
    private record FileRow(int fileNo, String path, String sha, Instant received, String kind, String rejectCode,
            String rejectDetail, String pathUnit, String contentKey, String template, String contentUnit,
            String unitText, String failureCode, String failureMessage, String failureSheet, Integer failureRow,
            List<String> templates) {
    }

    private final JdbcTemplate jdbc;
    private final Campaign campaign;
    private final Registry registry;
    /** When a run first saw each content of this run (hz_seen): the feedback letter about it was written then. */
    private final Map<String, Instant> firstSeen = new HashMap<>();
    /** Files whose content has errors: the feedback letter about them asked for a correction. */
    private final Set<Integer> withErrors = new HashSet<>();
    private final List<Part> supersededParts = new ArrayList<>();
    private final Map<String, Boolean> lateByUnitTemplate = new HashMap<>();

    FileOutcomes(JdbcTemplate jdbc, Campaign campaign, Registry registry) {
        this.jdbc = jdbc;
        this.campaign = campaign;
        this.registry = registry;
    }

    Decided decide(String runId, IssueLog issues) {
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
        Map<Integer, String[]> outcome = decideFiles(files, issues); // file_no -> {status, unit, template, late}
        List<Object[]> updates = new ArrayList<>();
        outcome.forEach((no, o) -> updates.add(new Object[] {o[0], o[1], o[2], Boolean.valueOf(o[3]), runId, no}));
        jdbc.batchUpdate("UPDATE hz_file SET status = ?, unit = ?, template = ?, late = ? WHERE run_id = ? AND file_no = ?",
                updates);
        return new Decided(List.copyOf(supersededParts), Map.copyOf(lateByUnitTemplate));
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
}
