package cn.huizong.reporting;

import java.util.List;

/** 问题清单: every issue as in issues.csv, filterable. */
final class IssuesSheet {

    static final String NAME = "问题清单";

    private final ReportData data;

    IssuesSheet(ReportData data) {
        this.data = data;
    }

    /** @return the rows written */
    long write(SheetContext ctx, String runId) {
        List<SheetTable.Column> cols = List.of(new SheetTable.Column("序号", 7), new SheetTable.Column("单位", 18),
                new SheetTable.Column("文件", 30), new SheetTable.Column("工作表", 10),
                new SheetTable.Column("位置", 8), new SheetTable.Column("类别", 6),
                new SheetTable.Column("问题代码", 22), new SheetTable.Column("问题说明及修改方法", 56));
        SheetTable table = ctx.table(NAME, cols);
        table.begin("问题清单（错误须修改后重新报送，提醒请核实，说明无需处理）");
        long[] n = {0};
        data.issues(runId, i -> table.add(++n[0], i.unit() == null ? "（未能确定）" : i.unit(), i.file(),
                i.sheet() == null ? "" : i.sheet(), i.place(), Labels.severityLabel(i.severity()), i.code(),
                i.message()));
        table.finish();
        return n[0];
    }
}
