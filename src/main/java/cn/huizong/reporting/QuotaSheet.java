package cn.huizong.reporting;

import java.util.ArrayList;
import java.util.List;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;

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

}
