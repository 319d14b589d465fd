package cn.huizong.web.stats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.huizong.web.stats.StatsJson.Counts;

/** Each chart's data as tables (one per sheet) for its Excel download. */
@Component
class ChartTables {

    /** A sheet: its name, header and rows (numbers stay numbers). */
    record Table(String sheet, List<String> header, List<List<Object>> rows) {
    }

    /** The charts of 统计看板, by the name the download link uses. */
    enum Chart {
        SUMMARY("summary", "报送概况"), BY_CITY("by-city", "按地市"), BY_TYPE("by-type", "按单位类型"),
        TIMELINE("timeline", "报送进度"), QUOTA("quota", "限额使用"), ISSUES("issues", "问题统计");

        final String id;
        final String title;

        Chart(String id, String title) {
            this.id = id;
            this.title = title;
        }

        static java.util.Optional<Chart> of(String id) {
            return java.util.Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
        }
    }

    private static final List<String> COUNTS = List.of("表格", "截止日期", "应报", "已报", "按时报送", "逾期报送", "未报",
            "其中退回待复报");

    private final Stats stats;

    ChartTables(Stats stats) {
        this.stats = stats;
    }

    /** The tables of a chart, and the run they come from. */
    record Export(String runId, List<Table> tables) {
    }

    Export tables(Chart chart, StatsFilter f) throws IOException {
        return switch (chart) {
            case SUMMARY -> {
                StatsJson.Summary s = stats.summary(f);
                List<String> header = new ArrayList<>(COUNTS);
                header.add("采用数据行");
                List<List<Object>> rows = new ArrayList<>();
                s.templates().forEach(t -> rows.add(List.of(t.label(), t.deadline(), t.expected(), t.sent(), t.onTime(),
                        t.late(), t.missing(), t.returned(), t.rowsAccepted())));
                yield new Export(s.run().runId(), List.of(new Table(chart.title, header, rows),
                        new Table("数据来源", List.of("运行编号", "数据截至", "名录单位数", "有错误的单位数"),
                                List.of(List.of(s.run().runId(), s.run().asOf(), s.units(), s.unitsWithErrors())))));
            }
            case BY_CITY, BY_TYPE -> {
                StatsJson.Breakdown b = chart == Chart.BY_CITY ? stats.byCity(f) : stats.byType(f);
                List<String> header = new ArrayList<>(List.of(chart == Chart.BY_CITY ? "地市" : "单位类型", "单位数"));
                header.addAll(COUNTS);
                List<List<Object>> rows = new ArrayList<>();
                for (StatsJson.Group g : b.groups()) {
                    for (Counts c : g.templates()) {
                        rows.add(List.of(g.label(), g.units(), c.label(), c.deadline(), c.expected(), c.sent(), c.onTime(),
                                c.late(), c.missing(), c.returned()));
                    }
                }
                yield new Export(b.run().runId(), List.of(new Table(chart.title, header, rows)));
            }
            case TIMELINE -> {
                StatsJson.Timeline t = stats.timeline(f);
                List<List<Object>> rows = new ArrayList<>();
                t.templates().forEach(x -> x.days().forEach(d -> rows.add(List.of(x.label(), d.date(), d.files(),
                        d.units(), d.cumulative(), x.deadline(), x.expected()))));
                yield new Export(t.run().runId(), List.of(new Table(chart.title, List.of("表格", "日期", "当日收到文件",
                        "当日首次报送单位", "累计报送单位", "截止日期", "应报"), rows)));
            }
            case QUOTA -> {
                StatsJson.QuotaUse q = stats.quota(f);
                List<List<Object>> rows = new ArrayList<>();
                q.units().forEach(u -> rows.add(List.of(u.unit(), u.typeLabel(), nz(u.city()),
                        u.quota() == null ? "不限" : u.quota(), u.validCases(), u.accepted(), u.overQuota())));
                yield new Export(q.run().runId(), List.of(new Table(chart.title, List.of("单位", "单位类型", "地市", "限额",
                        "有效案例", "采用", "超出限额"), rows)));
            }
            case ISSUES -> {
                StatsJson.Issues i = stats.issues(f);
                cn.huizong.campaign.Campaign campaign = stats.campaign();
                List<List<Object>> codes = new ArrayList<>();
                i.byCode().forEach(c -> codes.add(List.of(c.code(), c.severityLabel(), c.count(), c.files(), c.units())));
                List<List<Object>> units = new ArrayList<>();
                i.byUnit().forEach(u -> units.add(List.of(u.unit() == null ? "（未识别单位）" : u.unit(), nz(u.city()),
                        u.unitType() == null ? "" : campaign.typeLabel(u.unitType()), u.errors(), u.warnings(),
                        u.infos())));
                yield new Export(i.run().runId(), List.of(
                        new Table("按问题代码", List.of("问题代码", "级别", "条数", "文件数", "单位数"), codes),
                        new Table("按单位", List.of("单位", "地市", "单位类型", "错误", "提醒", "说明"), units)));
            }
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
