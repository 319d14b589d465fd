package cn.huizong.reporting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.huizong.campaign.Campaign;
import cn.huizong.documents.DocumentChecker;
import cn.huizong.documents.DocumentKind;

/**
 * 案例材料核查: one row per document a unit sent (its kind, the case its write-up is linked to, its pictures and
 * how many came as JPG files, its status and problems), then, per unit, each accepted case without a
 * write-up (未收到案例材料). Units grouped by city in registry order, then registry order; documents whose unit
 * could not be told last. Written where the campaign has write-up rules.
 */
final class WriteupsSheet {

    static final String NAME = "案例材料核查";
    private static final String UNKNOWN_UNIT = "（未能确定）";

    /** What became of a document, in a word, and its row's colour. */
    private enum Standing {
        REJECTED("无法读取，已退回", TableStyle.Fill.RED),
        NOT_CHECKED("未核查格式", TableStyle.Fill.NONE),
        NOT_CHECKED_PROBLEMS("未核查格式（有问题）", TableStyle.Fill.YELLOW),
        SUPERSEDED("已被新文件替代", TableStyle.Fill.NONE),
        PROBLEMS("有问题", TableStyle.Fill.YELLOW),
        RECORDED("已登记", TableStyle.Fill.NONE),
        OK("符合要求", TableStyle.Fill.NONE);

        final String label;
        final TableStyle.Fill fill;

        Standing(String label, TableStyle.Fill fill) {
            this.label = label;
            this.fill = fill;
        }
    }

    private final ReportData data;
    private final Campaign campaign;

    WriteupsSheet(ReportData data, Campaign campaign) {
        this.data = data;
        this.campaign = campaign;
    }

    /** @return the rows written */
    long write(SheetContext ctx, String runId) {
        List<SheetTable.Column> cols = List.of(new SheetTable.Column("序号", 6), new SheetTable.Column("地市", 9),
                new SheetTable.Column("单位", 20), new SheetTable.Column("文件", 30), new SheetTable.Column("类别", 16),
                new SheetTable.Column("对应案例", 24), new SheetTable.Column("图片", 6),
                new SheetTable.Column("单独报送JPG", 8), new SheetTable.Column("状态", 12),
                new SheetTable.Column("问题", 56));
        SheetTable table = ctx.table(NAME, cols);
        table.begin("案例材料核查（每份来件一行，其后为未收到案例材料的案例；有问题的标黄，无法读取和未收到的标红）");

        // units by city in registry order (a city where its first unit stands), then registry order
        List<ReportData.RosterRow> roster = data.roster(runId, List.of());
        Map<String, List<ReportData.RosterRow>> byCity = new LinkedHashMap<>();
        roster.forEach(r -> byCity.computeIfAbsent(r.city() == null ? "" : r.city(), k -> new ArrayList<>()).add(r));
        Map<String, List<Object[]>> rowsByUnit = new LinkedHashMap<>();
        Map<String, List<TableStyle.Fill>> fillsByUnit = new HashMap<>();
        Map<Integer, List<ReportData.IssueRow>> issues = data.documentIssues(runId);
        for (ReportData.DocumentRow d : data.documents(runId)) {
            String unit = d.unit() == null ? UNKNOWN_UNIT : d.unit();
            List<ReportData.IssueRow> mine = issues.getOrDefault(d.fileNo(), List.of());
            // a document that could not be read has no kind of its content: its file name's words tell
            String kind = "rejected".equals(d.status()) && "other".equals(d.kind())
                    ? DocumentChecker.kindByName(d.path().substring(d.path().lastIndexOf('/') + 1), campaign.documents())
                            .code()
                    : d.kind();
            boolean writeup = "writeup".equals(kind) && !"rejected".equals(d.status()); // pictures known when read
            Standing standing = standing(d, mine);
            rowsByUnit.computeIfAbsent(unit, k -> new ArrayList<>()).add(new Object[] {d.path(), kindLabel(kind),
                    d.caseName() == null ? "" : d.caseName(), writeup ? d.pictures() : "",
                    writeup ? (d.picturesSent() == null ? 0 : d.picturesSent()) : "", standing.label,
                    mine.stream().map(ReportData.IssueRow::message).collect(Collectors.joining("\n"))});
            fillsByUnit.computeIfAbsent(unit, k -> new ArrayList<>()).add(standing.fill);
        }
        for (ReportData.CaseWithoutWriteup c : data.casesWithoutWriteup(runId, campaign.templates())) {
            rowsByUnit.computeIfAbsent(c.unit(), k -> new ArrayList<>()).add(new Object[] {"", "", c.name(), "", "",
                    "未收到案例材料", "请按附件4撰写要求报送该案例的案例材料（Word 文档）及图片（JPG 格式）"});
            fillsByUnit.computeIfAbsent(c.unit(), k -> new ArrayList<>()).add(TableStyle.Fill.RED);
        }
        long n = 0;
        for (List<ReportData.RosterRow> units : byCity.values()) {
            for (ReportData.RosterRow u : units) {
                n = add(table, n, u.city(), u.unit(), rowsByUnit.remove(u.unit()), fillsByUnit.get(u.unit()));
            }
        }
        List<String> rest = new ArrayList<>(rowsByUnit.keySet()); // a unit the registry no longer lists, then none
        rest.remove(UNKNOWN_UNIT);
        rest.add(UNKNOWN_UNIT);
        for (String unit : rest) {
            n = add(table, n, "", unit, rowsByUnit.get(unit), fillsByUnit.get(unit));
        }
        table.finish();
        return n;
    }

    private static long add(SheetTable table, long n, String city, String unit, List<Object[]> rows,
            List<TableStyle.Fill> fills) {
        if (rows == null) {
            return n;
        }
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            Object[] row = new Object[3 + r.length];
            row[0] = ++n;
            row[1] = city == null ? "" : city;
            row[2] = unit;
            System.arraycopy(r, 0, row, 3, r.length);
            table.add(fills.get(i), row);
        }
        return n;
    }

    /** Its problems (linking included: a write-up matching no case) make a document 有问题. */
    private static Standing standing(ReportData.DocumentRow d, List<ReportData.IssueRow> issues) {
        if ("rejected".equals(d.status())) {
            return Standing.REJECTED;
        }
        if ("superseded".equals(d.status())) {
            return Standing.SUPERSEDED;
        }
        // a .pdf/.wps still has problems of its own (not .docx, no case of that name): yellow as the title says
        boolean problems = issues.stream().anyMatch(i -> !"info".equals(i.severity()));
        if ("not_checked".equals(d.status())) {
            return problems ? Standing.NOT_CHECKED_PROBLEMS : Standing.NOT_CHECKED;
        }
        if (problems) {
            return Standing.PROBLEMS;
        }
        return "other".equals(d.kind()) ? Standing.RECORDED : Standing.OK;
    }

    private static String kindLabel(String code) {
        for (DocumentKind k : DocumentKind.values()) {
            if (k.code().equals(code)) {
                return k.label();
            }
        }
        return DocumentKind.OTHER.label();
    }
}
