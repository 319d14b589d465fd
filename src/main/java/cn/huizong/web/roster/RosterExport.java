package cn.huizong.web.roster;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.huizong.campaign.TemplateSpec;
import cn.huizong.reporting.ResultQueries;
import cn.huizong.web.Formats;

/** 报送情况 and 催报名单 as Excel, with the rows and filters the page shows. */
@Component
class RosterExport {

    private final Formats fmt;

    RosterExport(Formats fmt) {
        this.fmt = fmt;
    }

    void roster(Roster.Page page, OutputStream out) throws IOException {
        List<XlsxTable.Column> cols = new ArrayList<>(List.of(new XlsxTable.Column("序号", 6),
                new XlsxTable.Column("单位", 24), new XlsxTable.Column("单位类型", 18), new XlsxTable.Column("地市", 10)));
        for (TemplateSpec t : page.templates()) {
            cols.add(new XlsxTable.Column(ResultQueries.shortTitle(t), 14));
            cols.add(new XlsxTable.Column(ResultQueries.shortTitle(t) + " 收到时间", 18));
        }
        cols.add(new XlsxTable.Column("来件数", 8));
        cols.add(new XlsxTable.Column("退回数", 8));
        List<List<Object>> rows = new ArrayList<>();
        for (Roster.Line l : page.lines()) {
            List<Object> row = new ArrayList<>(List.of(l.unit().position(), l.unit().unit(), l.unit().unitTypeLabel(),
                    l.unit().city() == null ? "" : l.unit().city()));
            for (Roster.Cell c : l.cells()) {
                row.add(c.standing().label());
                row.add(fmt.minute(c.receivedAt()));
            }
            row.add(l.unit().filesSent());
            row.add(l.unit().filesRejected());
            rows.add(row);
        }
        XlsxTable.write(out, "报送情况", title("报送情况", page), cols, rows);
    }

    void reminders(Roster.Page page, List<List<String>> emails, OutputStream out) throws IOException {
        List<XlsxTable.Column> cols = List.of(new XlsxTable.Column("序号", 6), new XlsxTable.Column("单位", 24),
                new XlsxTable.Column("单位类型", 18), new XlsxTable.Column("地市", 10),
                new XlsxTable.Column("未报表格", 36), new XlsxTable.Column("来件数", 8), new XlsxTable.Column("退回数", 8),
                new XlsxTable.Column("联系邮箱", 30));
        List<List<Object>> rows = new ArrayList<>();
        int n = 0;
        for (Roster.Line l : page.lines()) {
            rows.add(List.of(++n, l.unit().unit(), l.unit().unitTypeLabel(), l.unit().city() == null ? "" : l.unit().city(),
                    owedText(l), l.unit().filesSent(), l.unit().filesRejected(), String.join("; ", emails.get(n - 1))));
        }
        XlsxTable.write(out, "催报名单", title("催报名单", page), cols, rows);
    }

    /** 附件1 结对包联（未报送，截止 2025-12-20）；… */
    static String owedText(Roster.Line l) {
        List<String> parts = new ArrayList<>();
        for (Roster.Cell c : l.owed()) {
            parts.add(ResultQueries.shortTitle(c.template()) + "（" + c.standing().label() + "，截止 "
                    + c.template().deadline() + "）");
        }
        return String.join("；", parts);
    }

    private String title(String what, Roster.Page page) {
        return what + "（截至运行 " + page.current().map(r -> r.dataRunId() + "，" + fmt.minute(r.finishedAt())).orElse("")
                + "；" + page.lines().size() + " 个单位" + (page.filter().any() ? "，已筛选" : "") + "）";
    }
}
