package cn.huizong.reporting;

import java.util.ArrayList;
import java.util.List;

import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;

/**
 * 结对包联汇总 (a template without quotas): every accepted row with 序号, 地市 and 填报单位, grouped by the unit's
 * registry city. Rows arrive from {@link RecordPass}, which reads them once for this sheet and the feed.
 */
final class RecordsSheet {

    private final SheetTable table;
    private final int width;
    private long n;

    RecordsSheet(SheetContext ctx, TemplateSpec t) {
        List<SheetTable.Column> cols = new ArrayList<>(List.of(new SheetTable.Column("序号", 6),
                new SheetTable.Column("地市", 8), new SheetTable.Column("填报单位", 14)));
        for (ColumnSpec c : t.columns()) {
            cols.add(new SheetTable.Column(Labels.display(c.title()), Labels.width(c)));
        }
        width = cols.size();
        table = ctx.table(ProvincialWorkbook.sheetName(t), cols);
        table.begin(Labels.bare(t.title()) + "（全省汇总，按地市排列）");
    }

    void add(String city, String unit, List<String> values) {
        Object[] row = new Object[width];
        row[0] = ++n;
        row[1] = city;
        row[2] = unit;
        for (int i = 0; i < values.size(); i++) {
            row[3 + i] = values.get(i);
        }
        table.add(row);
    }

    /** @return the rows written */
    long finish() {
        table.finish();
        return n;
    }
}
