package cn.huizong.reporting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.resolution.DocumentCompleteness;

/**
 * 报送情况: one row per registry unit with the status of each table, files sent and rejected, and every file
 * with its outcome; the totals (全省, each unit type, each city) first in the same table.
 */
final class RosterSheet {

    static final String NAME = "报送情况";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final ReportData data;
    private final Campaign campaign;

    RosterSheet(ReportData data, Campaign campaign) {
        this.data = data;
        this.campaign = campaign;
    }

    /**
     * One row per registry unit, missing ones light red and late ones light yellow. The totals come first in
     * the same table (全省, then each unit type, then each city), so that filtering by 单位类型 or 地市 keeps its
     * total in view and the frozen header stays one row high.
     */
    void write(SheetContext ctx, String runId) {
        List<TemplateSpec> templates = campaign.templates();
        List<SheetTable.Column> cols = new ArrayList<>(List.of(new SheetTable.Column("序号", 6),
                new SheetTable.Column("单位", 22), new SheetTable.Column("单位类型", 14),
                new SheetTable.Column("地市", 9)));
        for (TemplateSpec t : templates) {
            cols.add(new SheetTable.Column(Labels.shortTitle(t), 18));
        }
        cols.addAll(List.of(new SheetTable.Column("来件数", 7), new SheetTable.Column("退回数", 7),
                new SheetTable.Column("来件及处理结果", 44)));
        // after the columns clerks know, where the campaign has write-up rules
        boolean documents = DocumentCompleteness.applies(campaign);
        int docs = cols.size();
        if (documents) {
            cols.addAll(List.of(new SheetTable.Column("案例材料（收到/应报）", 14), new SheetTable.Column("实施方案", 12)));
        }
        SheetTable table = ctx.table(NAME, cols);
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
            if (documents) {
                row[docs] = tot.writeups();
                row[docs + 1] = tot.plans();
            }
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
                sent.add(f.path() + "：" + Labels.statusLabel(f.status()) + "（" + WHEN.format(f.receivedAt().atZone(zone)) + "）");
            }
            row[6 + templates.size()] = String.join("\n", sent);
            if (documents && r.documents() != null) {
                ReportData.UnitDocuments d = r.documents();
                row[docs] = writeups(d);
                // cases without a write-up yellow; a plan's cell coloured as a table's (the row keeps the tables')
                cells[docs] = d.writeupsLinked() < d.writeupsExpected() ? TableStyle.Fill.YELLOW : null;
                row[docs + 1] = statusLabel(d.plan());
                cells[docs + 1] = switch (d.plan()) {
                    case "late" -> TableStyle.Fill.YELLOW;
                    case "missing" -> TableStyle.Fill.RED;
                    default -> null;
                };
            }
            // a required table missing colours the row red, a late one yellow; the status cell itself always
            // shows its own colour (a 典型案例 not sent is “none”, not “missing”: red cell, row left as is)
            table.addCells(cells, missing ? TableStyle.Fill.RED : late ? TableStyle.Fill.YELLOW : TableStyle.Fill.NONE,
                    row);
        }
        table.finish();
    }

    /**
     * 2/3: write-ups received of cases accepted, and how many cases have none where that is not plain from it
     * (a write-up may match no case); empty for a unit with neither.
     */
    static String writeups(ReportData.UnitDocuments d) {
        if (d.writeupsReceived() == 0 && d.writeupsExpected() == 0) {
            return "";
        }
        int without = d.writeupsExpected() - d.writeupsLinked();
        return d.writeupsReceived() + "/" + d.writeupsExpected()
                + (without > 0 && d.writeupsReceived() > 0 ? "\n" + without + "个案例缺材料" : "");
    }

    /** A plan's status as the table columns say theirs. */
    static String statusLabel(String plan) {
        return switch (plan == null ? "" : plan) {
            case "submitted" -> "已报送";
            case "late" -> "逾期报送";
            case "missing" -> "未报送";
            case "not_required" -> "无需报送";
            default -> "";
        };
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
        int writeupsReceived;
        int writeupsExpected;
        int casesWithout;
        final int[] plan = new int[3]; // {sent, late, missing}

        Totals(String label, String type, String city) {
            this.label = label;
            this.type = type;
            this.city = city;
        }

        void add(ReportData.RosterRow r, List<TemplateSpec> templates) {
            units++;
            filesSent += r.filesSent();
            filesRejected += r.filesRejected();
            ReportData.UnitDocuments d = r.documents();
            if (d != null) {
                writeupsReceived += d.writeupsReceived();
                writeupsExpected += d.writeupsExpected();
                casesWithout += d.writeupsExpected() - d.writeupsLinked();
                count(plan, d.plan());
            }
            for (TemplateSpec t : templates) {
                count(byTemplate.computeIfAbsent(t.id(), k -> new int[3]), r.statuses().getOrDefault(t.id(), ""));
            }
        }

        private static void count(int[] c, String s) {
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

        String describe(String template) {
            return describe(byTemplate.getOrDefault(template, new int[3]));
        }

        String plans() {
            return describe(plan);
        }

        String writeups() {
            return RosterSheet.writeups(new ReportData.UnitDocuments(writeupsReceived, writeupsExpected - casesWithout,
                    writeupsExpected, ""));
        }

        private static String describe(int[] c) {
            if (c[0] == 0 && c[2] == 0) {
                return "无需报送";
            }
            return "已报送 " + c[0] + (c[1] > 0 ? "（逾期 " + c[1] + "）" : "") + "\n未报送 " + c[2];
        }
    }
}
