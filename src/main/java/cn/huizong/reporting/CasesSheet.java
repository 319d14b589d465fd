package cn.huizong.reporting;

import java.util.ArrayList;
import java.util.List;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;

/** 典型案例汇总 (a template with quotas): every accepted case (over-quota ones left out) by unit type, then unit, then 序号. */
final class CasesSheet {

    private final ReportData data;
    private final Campaign campaign;

    CasesSheet(ReportData data, Campaign campaign) {
        this.data = data;
        this.campaign = campaign;
    }

    /** @return the rows written */
    long write(SheetContext ctx, String runId, TemplateSpec t) {
        List<SheetTable.Column> cols = new ArrayList<>(List.of(new SheetTable.Column("序号", 6)));
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnSpec c = t.columns().get(i);
            if (!c.sequence()) { // the province numbers the cases itself
                shown.add(i);
                cols.add(new SheetTable.Column(Labels.display(c.title()), Labels.width(c)));
            }
        }
        cols.add(new SheetTable.Column("推荐单位", 16));
        SheetTable table = ctx.table(ProvincialWorkbook.sheetName(t), cols);
        table.begin(Labels.bare(t.title()) + "（全省汇总，按单位类型排列）");
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
}
