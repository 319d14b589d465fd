package cn.huizong.web.stats;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import tools.jackson.databind.json.JsonMapper;

/**
 * 统计看板's model: the filters and their choices, the KPI strip, and every chart's data as one JSON document for
 * a data attribute (the page has no inline script: static/js/dashboard.js draws the charts from it).
 */
@Component
class Dashboard {

    record Option(String value, String label) {
    }

    /** One KPI tile: its label, its number, and the roster it opens. */
    record Kpi(String label, int value, String status, String css) {
    }

    record KpiGroup(String template, String label, String deadline, List<Kpi> tiles) {
    }

    record Page(StatsFilter filter, Optional<String> refused, Optional<String> noResult, List<String> cities,
            List<Option> types, List<Option> templates, String asOf, String runId, List<KpiGroup> kpis,
            int unitsWithErrors, String json) {
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Stats stats;
    private final JsonMapper json = JsonMapper.builder().build();

    Dashboard(Stats stats) {
        this.stats = stats;
    }

    Page page(String city, String type, String template) throws IOException {
        Campaign campaign = stats.campaign();
        List<Option> types = campaign.unitTypesInReportOrder().stream()
                .map(t -> new Option(t.type().code(), t.label())).toList();
        List<Option> templates = campaign.templates().stream().map(t -> new Option(t.id(), t.label())).toList();
        StatsFilter f;
        Optional<String> refused = Optional.empty();
        try {
            f = StatsFilter.of(city, type, template, campaign);
        } catch (StatsFilter.BadFilter e) {
            f = StatsFilter.NONE;
            refused = Optional.of(e.getMessage() + "已显示全部。");
        }
        StatsJson.Summary summary;
        try {
            summary = stats.summary(f);
        } catch (Stats.NoResult e) {
            return new Page(f, refused, Optional.of(e.getMessage()), List.of(), types, templates, "", "", List.of(), 0,
                    "{}");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("summary", summary);
        data.put("byCity", stats.byCity(f));
        data.put("byType", stats.byType(f));
        data.put("timeline", stats.timeline(f));
        data.put("quota", stats.quota(f));
        data.put("issues", stats.issues(f));
        data.put("filters", StatsJson.Filters.of(f));
        List<KpiGroup> kpis = new ArrayList<>();
        for (StatsJson.TemplateSummary t : summary.templates()) {
            kpis.add(new KpiGroup(t.template(), t.label(), t.deadline(), List.of(
                    new Kpi("应报", t.expected(), null, "kpi-expected"),
                    new Kpi("已报", t.sent(), null, "sd-ok"),
                    new Kpi("未报", t.missing(), "MISSING", "sd-missing"),
                    new Kpi("逾期", t.late(), "LATE", "sd-late"),
                    new Kpi("退回待复报", t.returned(), "RETURNED", "sd-returned"))));
        }
        String asOf = summary.run().asOf() == null ? "" : SHOWN.format(OffsetDateTime.parse(summary.run().asOf()));
        return new Page(f, refused, Optional.empty(), cities(), types, templates, asOf, summary.run().runId(), kpis,
                summary.unitsWithErrors(), json.writeValueAsString(data));
    }

    /** The cities of the current result, in the order the by-city chart shows them. */
    private List<String> cities() throws IOException {
        return stats.byCity(StatsFilter.NONE).groups().stream().map(StatsJson.Group::key).filter(k -> !k.isEmpty())
                .toList();
    }
}
