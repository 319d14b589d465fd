package cn.huizong.reporting;

import java.util.List;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.UnitType;

/** 配额核查: one row per unit that sent cases, with the names of the cases left out; those rows yellow. */
final class QuotaSheet {

    static final String NAME = "配额核查";

    private final ReportData data;
    private final Campaign campaign;

    QuotaSheet(ReportData data, Campaign campaign) {
        this.data = data;
        this.campaign = campaign;
    }

    void write(SheetContext ctx, String runId, TemplateSpec t) {
        List<SheetTable.Column> cols = List.of(new SheetTable.Column("序号", 6), new SheetTable.Column("单位", 22),
                new SheetTable.Column("单位类型", 16), new SheetTable.Column("限额（项）", 9),
                new SheetTable.Column("有效案例（项）", 9), new SheetTable.Column("采用（项）", 9),
                new SheetTable.Column("超出限额（项）", 9), new SheetTable.Column("未纳入汇总的案例", 48));
        SheetTable table = ctx.table(NAME, cols);
        table.begin("典型案例配额核查（“双一流”建设和创建高校不超过" + quotaText(UnitType.DFC) + "，其他本科高校不超过"
                + quotaText(UnitType.UNDERGRAD) + "，高职高专院校不超过" + quotaText(UnitType.VOCATIONAL) + "）");
        int n = 0;
        for (ReportData.QuotaRow q : data.quota(runId, t)) {
            table.add(q.overQuota() > 0 ? TableStyle.Fill.YELLOW : TableStyle.Fill.NONE, ++n, q.unit(),
                    Labels.typeLabel(q.unitType()), q.quota() == null ? "不限" : q.quota(), q.valid(), q.accepted(),
                    q.overQuota(), String.join("\n", q.leftOut()));
        }
        table.finish();
    }

    private String quotaText(UnitType type) {
        return campaign.quota(type).map(q -> q + "项").orElse("（不限）");
    }
}
