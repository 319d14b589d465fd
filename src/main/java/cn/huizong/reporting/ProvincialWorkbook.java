package cn.huizong.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;

/**
 * 省级汇总表.xlsx, the workbook the province's clerks read: 结对包联汇总, 典型案例汇总, 配额核查, 报送情况, 问题清单.
 * Streamed with SXSSF (a window of rows in memory, the rest in compressed temporary files), so a campaign of
 * a million pairing rows is written in a small heap.
 */
final class ProvincialWorkbook {

    public static final String FILE_NAME = "省级汇总表.xlsx";
    /** After one sheet per template (its short name + 汇总): the quota check, the roster, the issues. */
    static final String QUOTA_SHEET = "配额核查";
    static final String ROSTER_SHEET = "报送情况";
    static final String ISSUES_SHEET = "问题清单";

    private static final Logger log = LoggerFactory.getLogger(ProvincialWorkbook.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final ReportData data;
    private final Campaign campaign;

    ProvincialWorkbook(ReportData data, Campaign campaign) {
        this.data = data;
        this.campaign = campaign;
    }

    public void write(String runId, Path file) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        wb.setCompressTempFiles(true);
        try {
            TableStyle style = new TableStyle(wb);
            String footer = "汇总运行 " + runId;
            // one sheet per template, whatever the campaign has: rows by city, or by unit type where quotas apply
            long pairings = 0;
            long accepted = 0;
            for (TemplateSpec t : campaign.templates()) {
                if (t.quotaApplies()) {
                    accepted += cases(wb, style, footer, runId, t);
                } else {
                    pairings += pairings(wb, style, footer, runId, t);
                }
            }
            campaign.templates().stream().filter(TemplateSpec::quotaApplies).findFirst()
                    .ifPresent(t -> quota(wb, style, footer, runId, t));
            roster(wb, style, footer, runId);
            long issues = issues(wb, style, footer, runId);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            log.info("wrote {}: {} pairings, {} cases, {} issues", file.getFileName(), pairings, accepted, issues);
        } finally {
            wb.close();
            wb.dispose(); // the temporary sheet files
        }
    }

    /** A template's sheet: 结对包联汇总, 典型案例汇总 … */
    static String sheetName(TemplateSpec t) {
        return t.shortName() + "汇总";
    }

    /** Every accepted row of a template without quotas (附件1) with its 填报单位, grouped by the unit's registry city. */
    private long pairings(SXSSFWorkbook wb, TableStyle style, String footer, String runId, TemplateSpec t) {
        List<SheetTable.Column> cols = new ArrayList<>(List.of(new SheetTable.Column("序号", 6),
                new SheetTable.Column("地市", 8), new SheetTable.Column("填报单位", 14)));
        for (ColumnSpec c : t.columns()) {
            cols.add(new SheetTable.Column(display(c.title()), width(c)));
        }
        SheetTable table = new SheetTable(wb, style, sheetName(t), cols, footer);
        table.begin(bare(t.title()) + "（全省汇总，按地市排列）");
        long[] n = {0};
        data.recordsByCity(runId, t, r -> {
            Object[] row = new Object[cols.size()];
            row[0] = ++n[0];
            row[1] = r.city();
            row[2] = r.unit();
            for (int i = 0; i < r.values().size(); i++) {
                row[3 + i] = r.values().get(i);
            }
            table.add(row);
        });
        table.finish();
        return n[0];
    }

    /** Every accepted 附件5 case (over-quota ones left out) by unit type, then unit, then the unit's 序号. */
    private long cases(SXSSFWorkbook wb, TableStyle style, String footer, String runId, TemplateSpec t) {
        List<SheetTable.Column> cols = new ArrayList<>(List.of(new SheetTable.Column("序号", 6)));
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnSpec c = t.columns().get(i);
            if (!c.sequence()) { // the province numbers the cases itself
                shown.add(i);
                cols.add(new SheetTable.Column(display(c.title()), width(c)));
            }
        }
        cols.add(new SheetTable.Column("推荐单位", 16));
        SheetTable table = new SheetTable(wb, style, sheetName(t), cols, footer);
        table.begin(bare(t.title()) + "（全省汇总，按单位类型排列）");
        long[] n = {0};
        data.recordsByType(runId, t, r -> {
            Object[] row = new Object[cols.size()];
            row[0] = ++n[0];
            for (int k = 0; k < shown.size(); k++) {
                ColumnSpec c = t.columns().get(shown.get(k));
                // 单位类型 as the registry has it: the type the quota was counted by
                row[1 + k] = c.unitType() ? campaign.typeLabel(r.unitType()) : r.values().get(shown.get(k));
            }
            row[cols.size() - 1] = r.unit();
            table.add(row);
        });
        table.finish();
        return n[0];
    }

    private void quota(SXSSFWorkbook wb, TableStyle style, String footer, String runId, TemplateSpec t) {
        List<SheetTable.Column> cols = List.of(new SheetTable.Column("序号", 6), new SheetTable.Column("单位", 22),
                new SheetTable.Column("单位类型", 16), new SheetTable.Column("限额（项）", 9),
                new SheetTable.Column("有效案例（项）", 9), new SheetTable.Column("采用（项）", 9),
                new SheetTable.Column("超出限额（项）", 9), new SheetTable.Column("未纳入汇总的案例", 48));
        SheetTable table = new SheetTable(wb, style, QUOTA_SHEET, cols, footer);
        // the limits of the types that have one, in report order: （“双一流”建设和创建高校不超过5项，…）
        List<String> limits = new ArrayList<>();
        for (Campaign.UnitTypeSpec type : campaign.unitTypesInReportOrder()) {
            campaign.quota(type.type()).ifPresent(q -> limits.add(type.label() + "不超过" + q + "项"));
        }
        table.begin(t.shortName() + "配额核查（" + String.join("，", limits) + "）");
        int n = 0;
        for (ReportData.QuotaRow q : data.quota(runId, t)) {
            table.add(q.overQuota() > 0 ? TableStyle.Fill.YELLOW : TableStyle.Fill.NONE, ++n, q.unit(),
                    campaign.typeLabel(q.unitType()), q.quota() == null ? "不限" : q.quota(), q.valid(), q.accepted(),
                    q.overQuota(), String.join("\n", q.leftOut()));
        }
        table.finish();
    }

    /**
     * One row per registry unit, missing ones light red and late ones light yellow. The totals come first in
     * the same table (全省, then each unit type, then each city), so that filtering by 单位类型 or 地市 keeps its
     * total in view and the frozen header stays one row high.
     */
    private void roster(SXSSFWorkbook wb, TableStyle style, String footer, String runId) {
        List<TemplateSpec> templates = campaign.templates();
        List<SheetTable.Column> cols = new ArrayList<>(List.of(new SheetTable.Column("序号", 6),
                new SheetTable.Column("单位", 22), new SheetTable.Column("单位类型", 14),
                new SheetTable.Column("地市", 9)));
        for (TemplateSpec t : templates) {
            cols.add(new SheetTable.Column(shortTitle(t), 18));
        }
        cols.addAll(List.of(new SheetTable.Column("来件数", 7), new SheetTable.Column("退回数", 7),
                new SheetTable.Column("来件及处理结果", 44)));
        SheetTable table = new SheetTable(wb, style, ROSTER_SHEET, cols, footer);
        ZoneId zone = campaign.zone();
        String asOf = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").format(data.runStartedAt(runId).atZone(zone));
        table.begin("报送情况（截至" + asOf + "；合计在前；缺报必报表格的单位整行标红，逾期报送的标黄）");

        List<ReportData.RosterRow> roster = data.roster(runId, templates);
        Map<String, List<ReportData.FileRow>> filesByUnit = new HashMap<>();
        Map<String, Instant> acceptedAt = new HashMap<>(); // unit + template -> received
        for (ReportData.FileRow f : data.files(runId)) {
            if (f.unit() == null || "archive".equals(f.template())) {
                continue;
            }
            filesByUnit.computeIfAbsent(f.unit(), k -> new ArrayList<>()).add(f);
            if ("accepted".equals(f.status())) {
                // a workbook with several tables (pairing+cases) was received for each; the latest file counts
                for (String t : f.template().split("\\+")) {
                    acceptedAt.merge(f.unit() + "\u0000" + t, f.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        // totals: the province, each unit type, each city in registry order
        Map<String, Totals> totals = new LinkedHashMap<>();
        totals.put("全省合计", new Totals("全省合计", "", ""));
        for (Campaign.UnitTypeSpec type : campaign.unitTypes()) { // as the campaign lists them
            totals.put("type:" + type.type().code(), new Totals("合计：" + type.label(), type.label(), ""));
        }
        for (ReportData.RosterRow r : roster) {
            totals.computeIfAbsent("city:" + r.city(), k -> new Totals("合计：" + r.city(), "", r.city()));
        }
        for (ReportData.RosterRow r : roster) {
            for (String key : List.of("全省合计", "type:" + r.unitType(), "city:" + r.city())) {
                Totals tot = totals.get(key);
                if (tot != null) {
                    tot.add(r, templates);
                }
            }
        }
        for (Totals tot : totals.values()) {
            if (tot.units == 0) {
                continue;
            }
            Object[] row = new Object[cols.size()];
            row[0] = "";
            row[1] = tot.label + "（" + tot.units + "个单位）";
            row[2] = tot.type;
            row[3] = tot.city;
            for (int i = 0; i < templates.size(); i++) {
                row[4 + i] = tot.describe(templates.get(i).id());
            }
            row[4 + templates.size()] = tot.filesSent;
            row[5 + templates.size()] = tot.filesRejected;
            row[6 + templates.size()] = "";
            table.add(TableStyle.Fill.GREY, row);
        }
        for (ReportData.RosterRow r : roster) {
            Object[] row = new Object[cols.size()];
            TableStyle.Fill[] cells = new TableStyle.Fill[cols.size()];
            row[0] = r.position();
            row[1] = r.unit();
            row[2] = campaign.typeLabel(r.unitType());
            row[3] = r.city();
            boolean missing = false;
            boolean late = false;
            for (int i = 0; i < templates.size(); i++) {
                String status = r.statuses().getOrDefault(templates.get(i).id(), "");
                Instant at = acceptedAt.get(r.unit() + "\u0000" + templates.get(i).id());
                String when = at == null ? "" : "\n" + WHEN.format(at.atZone(zone)) + " 收到";
                // a correction sent within the days its letter gave keeps the unit on time, and says so
                boolean corrected = at != null && at.isAfter(campaign.deadlineEnd(templates.get(i)).toInstant());
                row[4 + i] = switch (status) {
                    case "submitted" -> (corrected ? "已报送（已按期更正）" : "已报送") + when;
                    case "late" -> "逾期报送" + when;
                    case "not_required" -> "无需报送";
                    case "" -> "";
                    default -> "未报送";
                };
                cells[4 + i] = switch (status) {
                    case "late" -> TableStyle.Fill.YELLOW;
                    case "missing", "none" -> TableStyle.Fill.RED;
                    default -> null;
                };
                missing |= status.equals("missing");
                late |= status.equals("late");
            }
            row[4 + templates.size()] = r.filesSent();
            row[5 + templates.size()] = r.filesRejected();
            List<String> sent = new ArrayList<>();
            for (ReportData.FileRow f : filesByUnit.getOrDefault(r.unit(), List.of())) {
                sent.add(f.path() + "：" + statusLabel(f.status()) + "（" + WHEN.format(f.receivedAt().atZone(zone)) + "）");
            }
            row[6 + templates.size()] = String.join("\n", sent);
            // a required table missing colours the row red, a late one yellow; the status cell itself always
            // shows its own colour (a 典型案例 not sent is “none”, not “missing”: red cell, row left as is)
            table.addCells(cells, missing ? TableStyle.Fill.RED : late ? TableStyle.Fill.YELLOW : TableStyle.Fill.NONE,
                    row);
        }
        table.finish();
    }

    /** Counts of a group of registry units, per template. */
    private static final class Totals {
        final String label;
        final String type;
        final String city;
        int units;
        int filesSent;
        int filesRejected;
        final Map<String, int[]> byTemplate = new HashMap<>(); // {sent, late, missing}

        Totals(String label, String type, String city) {
            this.label = label;
            this.type = type;
            this.city = city;
        }

        void add(ReportData.RosterRow r, List<TemplateSpec> templates) {
            units++;
            filesSent += r.filesSent();
            filesRejected += r.filesRejected();
            for (TemplateSpec t : templates) {
                int[] c = byTemplate.computeIfAbsent(t.id(), k -> new int[3]);
                String s = r.statuses().getOrDefault(t.id(), "");
                if (s.equals("submitted") || s.equals("late")) {
                    c[0]++;
                }
                if (s.equals("late")) {
                    c[1]++;
                }
                if (s.equals("missing") || s.equals("none")) {
                    c[2]++;
                }
            }
        }

        String describe(String template) {
            int[] c = byTemplate.getOrDefault(template, new int[3]);
            if (c[0] == 0 && c[2] == 0) {
                return "无需报送";
            }
            return "已报送 " + c[0] + (c[1] > 0 ? "（逾期 " + c[1] + "）" : "") + "\n未报送 " + c[2];
        }
    }

    private long issues(SXSSFWorkbook wb, TableStyle style, String footer, String runId) {
        List<SheetTable.Column> cols = List.of(new SheetTable.Column("序号", 7), new SheetTable.Column("单位", 18),
                new SheetTable.Column("文件", 30), new SheetTable.Column("工作表", 10),
                new SheetTable.Column("位置", 8), new SheetTable.Column("类别", 6),
                new SheetTable.Column("问题代码", 22), new SheetTable.Column("问题说明及修改方法", 56));
        SheetTable table = new SheetTable(wb, style, ISSUES_SHEET, cols, footer);
        table.begin("问题清单（错误须修改后重新报送，提醒请核实，说明无需处理）");
        long[] n = {0};
        data.issues(runId, i -> table.add(++n[0], i.unit() == null ? "（未能确定）" : i.unit(), i.file(),
                i.sheet() == null ? "" : i.sheet(), i.place(), severityLabel(i.severity()), i.code(), i.message()));
        table.finish();
        return n[0];
    }

    // ---- labels shared with the feedback workbooks ----

    static String severityLabel(String severity) {
        return switch (severity == null ? "" : severity) {
            case "error" -> "错误";
            case "info" -> "说明";
            default -> "提醒";
        };
    }

    static String statusLabel(String fileStatus) {
        return switch (fileStatus == null ? "" : fileStatus) {
            case "accepted" -> "采用";
            case "rejected" -> "退回";
            case "duplicate_file" -> "重复来件，已忽略";
            case "superseded" -> "已被新文件替代";
            case "document" -> "文档，已登记";
            default -> fileStatus;
        };
    }

    /** 附件1 结对包联情况 style short names for column headers and letters. */
    static String shortTitle(TemplateSpec t) {
        return t.label().equals(t.shortName()) ? t.shortName() : t.label() + " " + t.shortName();
    }

    /** The template's title without its 附件N label. */
    static String bare(String title) {
        return title.replaceFirst("^附件\\d+\\s*", "");
    }

    /** Titles as printed in the notice: full-width brackets. */
    static String display(String title) {
        return title.replace('(', '（').replace(')', '）');
    }

    /** Column widths in characters, by what the column holds. */
    static int width(ColumnSpec c) {
        if (c.sequence()) {
            return 6;
        }
        if (c.date()) {
            return 14;
        }
        if (c.phone()) {
            return 18;
        }
        if (c.maxLength() > 0) {
            return 44;
        }
        if (c.unitType()) {
            return 16;
        }
        return c.required() ? 16 : 18;
    }
}
