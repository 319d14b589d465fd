package cn.huizong.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;

/**
 * The short letter at the top of a unit's feedback workbook, the text a clerk would otherwise type: what
 * arrived, what was taken, what must be fixed and by when, where the marked copies are, and what is wrong
 * with files that could not be read at all.
 */
final class FeedbackLetter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");
    private static final int MAX_FILES_LISTED = 20;

    /** What the letter speaks of, for one unit (unit null: files whose unit could not be told). */
    record Facts(String unit, String unitType, Instant asOf, List<ReportData.FileRow> files,
            Map<String, ReportData.RowCounts> rowsByTemplate, Integer quota,
            Map<String, Map<String, Integer>> issuesByTemplate, List<ReportData.IssueRow> fileIssues,
            List<MarkedCopies.Outcome> copies, Map<Integer, String> pathByFileNo,
            List<ReportData.IssueRow> documentIssues) {

        /** Facts without document problems. */
        Facts(String unit, String unitType, Instant asOf, List<ReportData.FileRow> files,
                Map<String, ReportData.RowCounts> rowsByTemplate, Integer quota,
                Map<String, Map<String, Integer>> issuesByTemplate, List<ReportData.IssueRow> fileIssues,
                List<MarkedCopies.Outcome> copies, Map<Integer, String> pathByFileNo) {
            this(unit, unitType, asOf, files, rowsByTemplate, quota, issuesByTemplate, fileIssues, copies, pathByFileNo,
                    List.of());
        }

        int count(String severity) {
            return issuesByTemplate.values().stream().mapToInt(m -> m.getOrDefault(severity, 0)).sum();
        }
    }

    private final Campaign campaign;
    private final ZoneId zone;

    FeedbackLetter(Campaign campaign) {
        this.campaign = campaign;
        this.zone = campaign.zone();
    }

    String heading() {
        return "材料报送情况反馈";
    }

    List<String> paragraphs(Facts f) {
        List<String> p = new ArrayList<>();
        p.add(f.unit() == null ? "以下来件未能确定报送单位，请根据来件邮箱确认单位后转告：" : f.unit() + "：");
        p.add(received(f));
        if (f.unit() != null) {
            p.add(taken(f));
        }
        p.add(toFix(f));
        String copies = copies(f);
        if (!copies.isEmpty()) {
            p.add(copies);
        }
        String whole = wholeFiles(f);
        if (!whole.isEmpty()) {
            p.add(whole);
        }
        p.addAll(documents(f));
        String reading = howTablesWereRead(f);
        if (!reading.isEmpty()) {
            p.add(reading);
        }
        p.add("“" + campaign.title() + "”材料汇总组　" + DATE.format(f.asOf().atZone(zone))
                + "（本反馈根据 " + WHEN.format(f.asOf().atZone(zone)) + " 的汇总结果生成）");
        return p;
    }

    private String received(Facts f) {
        List<ReportData.FileRow> files = f.files().stream().filter(x -> !"archive".equals(x.template()))
                .sorted(java.util.Comparator.comparing(ReportData.FileRow::receivedAt)
                        .thenComparing(ReportData.FileRow::fileNo))
                .toList();
        StringBuilder sb = new StringBuilder("截至" + DATE.format(f.asOf().atZone(zone)) + " "
                + DateTimeFormatter.ofPattern("HH:mm").format(f.asOf().atZone(zone)) + "，" + campaign.organisation().shortName() + "共收到"
                + (f.unit() == null ? "此类" : "你单位报送的") + "文件 " + files.size() + " 个");
        if (files.isEmpty()) {
            return sb.append("。").toString();
        }
        sb.append("：");
        List<String> items = new ArrayList<>();
        for (ReportData.FileRow x : files.subList(0, Math.min(files.size(), MAX_FILES_LISTED))) {
            items.add(x.path() + "（" + WHEN.format(x.receivedAt().atZone(zone)) + " 收到，"
                    + Labels.statusLabel(x.status()) + lateness(x) + "）");
        }
        sb.append(String.join("；", items));
        if (files.size() > MAX_FILES_LISTED) {
            sb.append("；等");
        }
        return sb.append("。").toString();
    }

    /** Late, or a correction in time after the deadline (the unit stays on time: say so, not "逾期"). */
    private String lateness(ReportData.FileRow x) {
        if (!"accepted".equals(x.status())) {
            return "";
        }
        if (x.late()) {
            return "，逾期";
        }
        // a workbook with several tables (pairing+cases): corrected in time if any of its tables was due before it
        boolean corrected = java.util.Arrays.stream(x.template() == null ? new String[0] : x.template().split("\\+"))
                .map(campaign::template).flatMap(java.util.Optional::stream)
                .anyMatch(t -> x.receivedAt().isAfter(campaign.deadlineEnd(t).toInstant()));
        return corrected ? "，在反馈要求的期限内更正，按期报送" : "";
    }

    /** Rows taken per template, with what was left out and why. */
    private String taken(Facts f) {
        List<String> parts = new ArrayList<>();
        for (TemplateSpec t : campaign.templates()) {
            ReportData.RowCounts c = f.rowsByTemplate().get(t.id());
            if (c == null) {
                continue;
            }
            String unit = t.quotaApplies() ? "项" : "行";
            StringBuilder sb = new StringBuilder(Labels.shortTitle(t) + "采用 " + c.get("accepted") + " " + unit);
            if (c.get("rejected") > 0) {
                sb.append("，因错误未采用 ").append(c.get("rejected")).append(" ").append(unit);
            }
            if (c.get("duplicate") > 0) {
                sb.append("，重复 ").append(c.get("duplicate")).append(" ").append(unit).append("只计一次");
            }
            if (c.get("over_quota") > 0) {
                sb.append("，超出限额未纳入 ").append(c.get("over_quota")).append(" ").append(unit);
                if (f.quota() != null) {
                    sb.append("（你单位属于").append(campaign.typeLabel(f.unitType())).append("，限报 ")
                            .append(f.quota()).append(" 项）");
                }
            }
            parts.add(sb.toString());
        }
        return parts.isEmpty() ? "采用情况：尚无采用的数据。" : "采用情况：" + String.join("；", parts) + "。";
    }

    private String toFix(Facts f) {
        int errors = f.count("error");
        int warnings = f.count("warning");
        if (errors == 0 && warnings == 0) {
            return "无需修改：来件的处理情况（被替代、重复等）见下表说明。";
        }
        if (errors == 0) {
            return "请核实：发现提醒 " + warnings + " 处，明细见下表。提醒不影响采用；确需调整的，请修改后重新报送完整表格"
                    + "（以最新收到的文件为准），无需调整的不必回复。";
        }
        return "需要修改：共发现错误 " + errors + " 处" + (warnings > 0 ? "、提醒 " + warnings + " 处" : "")
                + "，明细见下表。错误须改正：请按“问题说明及修改方法”逐条修改，" + deadlines(f)
                + "将修改后的完整表格重新报送（以最新收到的文件为准）" + (warnings > 0 ? "；提醒请核实，确需调整的一并修改" : "")
                + "。";
    }

    /** 于…前: the template's deadline while it lies ahead, else a few days from the run. */
    String deadlines(Facts f) {
        LocalDate today = f.asOf().atZone(zone).toLocalDate();
        Map<String, String> byTemplate = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Integer>> e : f.issuesByTemplate().entrySet()) {
            if (e.getValue().getOrDefault("error", 0) == 0) {
                continue;
            }
            TemplateSpec t = campaign.template(e.getKey()).orElse(null);
            LocalDate by = t == null || t.deadline().isBefore(today) ? today.plusDays(campaign.correctionDays()) : t.deadline();
            String text = DATE.format(by) + (t != null && t.deadline().isBefore(today)
                    ? "（原定截止时间" + DATE.format(t.deadline()) + "已过）" : "");
            byTemplate.put(t == null ? "" : Labels.shortTitle(t), text);
        }
        if (byTemplate.size() == 1 || byTemplate.values().stream().distinct().count() == 1) {
            return "于" + byTemplate.values().iterator().next() + "前";
        }
        List<String> parts = new ArrayList<>();
        byTemplate.forEach((t, d) -> parts.add((t.isEmpty() ? "其他文件" : t) + "于" + d + "前"));
        return String.join("、", parts) + "，";
    }

    private String copies(Facts f) {
        List<String> made = new ArrayList<>();
        List<String> notMade = new ArrayList<>();
        for (MarkedCopies.Outcome o : f.copies()) {
            if (o.copy() != null && commentedDocument(f, o)) {
                continue; // the section on documents names it
            }
            if (o.copy() != null) {
                made.add(o.copy().substring(o.copy().indexOf('/') + 1));
            } else {
                notMade.add(f.pathByFileNo().get(o.fileNo()) + "：" + o.reason());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (!made.isEmpty()) {
            String folder = f.copies().stream().filter(o -> o.copy() != null && !commentedDocument(f, o)).findFirst()
                    .orElseThrow().copy();
            folder = folder.substring(0, folder.indexOf('/'));
            sb.append("为便于修改，已在原表的副本中把有问题的单元格标为浅红色并加批注（鼠标移到单元格上即可看到说明），见“反馈/")
                    .append(folder).append("/”文件夹：").append(String.join("、", made)).append("。");
        }
        if (!notMade.isEmpty()) {
            sb.append(String.join("；", notMade)).append("。");
        }
        return sb.toString();
    }

    /** A marked .docx whose problems the section on documents lists (its comments, not red cells). */
    private static boolean commentedDocument(Facts f, MarkedCopies.Outcome o) {
        return o.copy() != null && "docx".equals(FileNames.extension(o.copy()))
                && f.documentIssues().stream().anyMatch(i -> i.fileNo() == o.fileNo());
    }

    /**
     * The section on Word documents, for a unit with document problems only: per file (a write-up, a plan, or the
     * case table whose cases lack a write-up), what is wrong in plain words, where its copy with Word comments is;
     * then, once per kind of problem, how to fix it in Word or WPS (texts: messages/document-advice.properties).
     */
    List<String> documents(Facts f) {
        if (f.documentIssues().isEmpty()) {
            return List.of();
        }
        Map<Integer, List<ReportData.IssueRow>> byFile = new LinkedHashMap<>();
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        for (ReportData.IssueRow i : f.documentIssues()) {
            byFile.computeIfAbsent(i.fileNo(), k -> new ArrayList<>()).add(i);
            codes.add(i.code());
        }
        List<String> p = new ArrayList<>();
        p.add(DocumentAdvice.line("heading"));
        byFile.forEach((fileNo, issues) -> {
            StringBuilder sb = new StringBuilder(DocumentAdvice.line("file", issues.get(0).file()));
            int n = 0;
            for (ReportData.IssueRow i : issues) {
                sb.append('\n').append(++n).append(". ").append(DocumentAdvice.problem(i.message()));
            }
            f.copies().stream().filter(o -> o.fileNo() == fileNo && commentedDocument(f, o)).findFirst()
                    .ifPresent(o -> sb.append('\n').append(DocumentAdvice.line("copy", o.copy())));
            p.add(sb.toString());
        });
        StringBuilder fixes = new StringBuilder(DocumentAdvice.line("fixes"));
        DocumentAdvice.codes().stream().filter(codes::contains)
                .forEach(c -> fixes.append('\n').append("· ").append(DocumentAdvice.fix(c)));
        fixes.append('\n').append(DocumentAdvice.line("resend"));
        p.add(fixes.toString());
        return p;
    }

    /** How a reshaped table was read: what was left out on purpose, what was joined, so nothing surprises. */
    private static final java.util.Set<String> READING_NOTES = java.util.Set.of("HIDDEN_SHEET_SKIPPED",
            "HIDDEN_SHEET_READ", "SKIPPED_ROWS", "SKIPPED_NOTE_ROWS", "JOINED_COLUMNS", "HIDDEN_DATA_READ",
            "EXTRA_COLUMN_IGNORED");

    private String howTablesWereRead(Facts f) {
        List<String> items = new ArrayList<>();
        for (ReportData.IssueRow i : f.fileIssues()) {
            if (READING_NOTES.contains(i.code())) {
                items.add(i.file() + "：" + i.message());
            }
        }
        return items.isEmpty() ? "" : "表格读取说明（按你单位表格的实际样式读取，以下情况请知悉）：\n"
                + String.join("\n", items);
    }

    /** Errors about whole files: these files could not be taken at all, and the copy cannot show why. */
    private String wholeFiles(Facts f) {
        List<String> items = new ArrayList<>();
        for (ReportData.IssueRow i : f.fileIssues()) {
            if ("error".equals(i.severity())) {
                items.add(i.file() + "：" + i.message());
            }
        }
        return items.isEmpty() ? "" : "以下文件整体未能汇总，请按说明处理后重新发送：" + String.join("\n", items);
    }
}
