package cn.huizong.web.stats;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.reporting.Standing;
import cn.huizong.web.ServeSettings;
import cn.huizong.web.stats.StatsJson.Breakdown;
import cn.huizong.web.stats.StatsJson.CodeCount;
import cn.huizong.web.stats.StatsJson.Counts;
import cn.huizong.web.stats.StatsJson.Day;
import cn.huizong.web.stats.StatsJson.Filters;
import cn.huizong.web.stats.StatsJson.Group;
import cn.huizong.web.stats.StatsJson.Issues;
import cn.huizong.web.stats.StatsJson.QuotaLine;
import cn.huizong.web.stats.StatsJson.QuotaUse;
import cn.huizong.web.stats.StatsJson.RunInfo;
import cn.huizong.web.stats.StatsJson.Summary;
import cn.huizong.web.stats.StatsJson.TemplateSummary;
import cn.huizong.web.stats.StatsJson.TemplateTimeline;
import cn.huizong.web.stats.StatsJson.Timeline;
import cn.huizong.web.stats.StatsJson.UnitIssues;

/**
 * The statistics of the current result, as the API answers them and 统计看板 draws them: the views' rows (a few
 * hundred units and files, issues and pairing rows grouped in SQL) summed here under the filters.
 */
@Component
class Stats {

    /** No run has finished yet: nothing to count (HTTP 404). */
    static final class NoResult extends RuntimeException {

        NoResult() {
            super("还没有汇总结果：上传文件后在“汇总”页面点击“立即汇总”。");
        }
    }

    private final ViewReader views;
    private final ServeSettings settings;
    private final AcceptedRows acceptedRows;

    Stats(ViewReader views, ServeSettings settings, AcceptedRows acceptedRows) {
        this.views = views;
        this.settings = settings;
        this.acceptedRows = acceptedRows;
    }

    Campaign campaign() throws IOException {
        return settings.campaign();
    }

    StatsFilter filter(String city, String type, String template) throws IOException {
        return StatsFilter.of(city, type, template, campaign());
    }

    /** The units of the current result, their statuses and the files: what most answers start from. */
    private record Result(ViewReader.Current current, RunInfo run, Campaign campaign, List<ViewReader.Unit> units,
            Map<String, Map<String, String>> statuses, List<ViewReader.Submission> files, Standing.Returned returned) {

        Standing state(ViewReader.Unit u, TemplateSpec t) {
            return returned.standing(u.name(), t.id(), statuses.getOrDefault(u.name(), Map.of()).get(t.id()));
        }

        List<ViewReader.Unit> units(StatsFilter f) {
            return units.stream().filter(f::matches).toList();
        }
    }

    private Result result() throws IOException {
        ViewReader.Current c = views.current().orElseThrow(NoResult::new);
        Campaign campaign = campaign();
        List<ViewReader.Submission> files = views.submissions();
        Standing.Returned returned = new Standing.Returned();
        for (ViewReader.Submission s : files) {
            returned.add(s.unit(), s.status(),
                    s.template() == null || s.template().isEmpty() ? List.of() : List.of(s.template().split("\\+")));
        }
        return new Result(c, runInfo(c, campaign.zone()), campaign, views.units(), views.statuses(), files, returned);
    }

    private static RunInfo runInfo(ViewReader.Current c, ZoneId zone) {
        return new RunInfo(c.runId(), iso(c.asOf(), zone), iso(c.finishedAt(), zone), c.latestRunId());
    }

    private static String iso(OffsetDateTime t, ZoneId zone) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZoneSameInstant(zone));
    }

    private static Counts counts(Result r, List<ViewReader.Unit> units, TemplateSpec t) {
        Set<String> required = new HashSet<>();
        t.requiredFrom().forEach(x -> required.add(x.code()));
        int expected = 0;
        int onTime = 0;
        int late = 0;
        int missing = 0;
        int returned = 0;
        for (ViewReader.Unit u : units) {
            if (required.contains(u.type())) {
                expected++;
            }
            switch (r.state(u, t)) {
                case SUBMITTED -> onTime++;
                case LATE -> late++;
                case RETURNED -> {
                    missing++;
                    returned++;
                }
                case MISSING -> missing++;
                case NOT_REQUIRED -> {
                }
            }
        }
        return new Counts(t.id(), t.label(), t.deadline().toString(), expected, onTime + late, onTime, late, missing,
                returned);
    }

    Summary summary(StatsFilter f) throws IOException {
        Result r = result();
        List<ViewReader.Unit> units = r.units(f);
        Set<String> names = names(units);
        List<TemplateSummary> lines = new ArrayList<>();
        for (TemplateSpec t : f.templates(r.campaign())) {
            Counts c = counts(r, units, t);
            long rows = acceptedRows.of(r.current(), t).entrySet().stream()
                    .filter(e -> !f.byUnit() || names.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            lines.add(new TemplateSummary(t.id(), t.label(), t.title(), c.deadline(), c.expected(), c.sent(),
                    c.onTime(), c.late(), c.missing(), c.returned(), rows));
        }
        Set<String> withErrors = new HashSet<>();
        for (ViewReader.IssueCount i : issueRows(r, f, names)) {
            if ("error".equals(i.severity()) && i.unit() != null) {
                withErrors.add(i.unit());
            }
        }
        return new Summary(r.run(), Filters.of(f), units.size(), withErrors.size(), lines);
    }

    Breakdown byCity(StatsFilter f) throws IOException {
        Result r = result();
        List<String> order = new ArrayList<>();
        for (RegistryUnit u : settings.registry().units()) {
            if (u.city() != null && !order.contains(u.city())) {
                order.add(u.city());
            }
        }
        return breakdown(r, f, u -> u.city() == null || u.city().isBlank() ? "" : u.city(),
                key -> key.isEmpty() ? "（未填地市）" : key, Comparator.comparingInt((String k) -> {
                    int i = order.indexOf(k);
                    return i < 0 ? Integer.MAX_VALUE : i;
                }).thenComparing(Comparator.naturalOrder()));
    }

    Breakdown byType(StatsFilter f) throws IOException {
        Result r = result();
        List<String> order = r.campaign().unitTypesInReportOrder().stream().map(t -> t.type().code()).toList();
        return breakdown(r, f, u -> u.type() == null ? "" : u.type(), key -> r.campaign().typeLabel(key),
                Comparator.comparingInt((String k) -> {
                    int i = order.indexOf(k);
                    return i < 0 ? Integer.MAX_VALUE : i;
                }).thenComparing(Comparator.naturalOrder()));
    }

    private static Breakdown breakdown(Result r, StatsFilter f, Function<ViewReader.Unit, String> key,
            Function<String, String> label, Comparator<String> order) {
        Map<String, List<ViewReader.Unit>> groups = new TreeMap<>(order);
        for (ViewReader.Unit u : r.units(f)) {
            groups.computeIfAbsent(key.apply(u), k -> new ArrayList<>()).add(u);
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((k, units) -> out.add(new Group(k, label.apply(k), units.size(),
                f.templates(r.campaign()).stream().map(t -> counts(r, units, t)).toList())));
        return new Breakdown(r.run(), Filters.of(f), out);
    }

    /**
     * Per template and day (received time, campaign zone): the files of that template received, the units whose
     * first valid file (accepted, or accepted and later replaced by a newer one) came that day, and the running sum
     * of those units — at the end, the units that have reported.
     */
    Timeline timeline(StatsFilter f) throws IOException {
        Result r = result();
        Set<String> names = names(r.units(f));
        List<TemplateTimeline> out = new ArrayList<>();
        for (TemplateSpec t : f.templates(r.campaign())) {
            TreeMap<String, int[]> days = new TreeMap<>(); // day -> files, units
            Map<String, String> firstValid = new HashMap<>();
            for (ViewReader.Submission s : r.files()) {
                if (!s.counts(t.id()) || s.day() == null || f.byUnit() && (s.unit() == null || !names.contains(s.unit()))) {
                    continue;
                }
                days.computeIfAbsent(s.day(), d -> new int[2])[0]++;
                if (s.unit() != null && ("accepted".equals(s.status()) || "superseded".equals(s.status()))) {
                    firstValid.merge(s.unit(), s.day(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            }
            firstValid.values().forEach(d -> days.get(d)[1]++);
            List<Day> list = new ArrayList<>();
            int cumulative = 0;
            for (Map.Entry<String, int[]> e : days.entrySet()) {
                cumulative += e.getValue()[1];
                list.add(new Day(e.getKey(), e.getValue()[0], e.getValue()[1], cumulative));
            }
            Counts c = counts(r, r.units(f), t);
            out.add(new TemplateTimeline(t.id(), t.label(), t.deadline().toString(), c.expected(), list));
        }
        return new Timeline(r.run(), Filters.of(f), out);
    }

    /** Quota use of the units that sent cases, the most over quota first. */
    QuotaUse quota(StatsFilter f) throws IOException {
        ViewReader.Current c = views.current().orElseThrow(NoResult::new);
        Campaign campaign = campaign();
        boolean applies = f.templates(campaign).stream().anyMatch(TemplateSpec::quotaApplies);
        Map<String, ViewReader.Unit> units = new HashMap<>();
        views.units().forEach(u -> units.put(u.name(), u));
        List<QuotaLine> lines = new ArrayList<>();
        if (applies) {
            for (ViewReader.Quota q : views.quota()) {
                ViewReader.Unit u = units.get(q.unit());
                if (u != null && f.matches(u)) {
                    lines.add(new QuotaLine(q.unit(), q.type(), campaign.typeLabel(q.type()), u.city(), q.quota(),
                            q.validCases(), q.accepted(), q.overQuota()));
                }
            }
        }
        lines.sort(Comparator.comparingInt(QuotaLine::overQuota).reversed()
                .thenComparing(Comparator.comparingInt(QuotaLine::accepted).reversed())
                .thenComparing(QuotaLine::unit));
        return new QuotaUse(runInfo(c, campaign.zone()), Filters.of(f),
                lines.stream().mapToInt(QuotaLine::validCases).sum(), lines.stream().mapToInt(QuotaLine::accepted).sum(),
                lines.stream().mapToInt(QuotaLine::overQuota).sum(), lines);
    }

    Issues issues(StatsFilter f) throws IOException {
        Result r = result();
        Map<String, ViewReader.Unit> units = new HashMap<>();
        r.units().forEach(u -> units.put(u.name(), u));
        record Key(String code, String severity) {
        }
        Map<Key, long[]> byCode = new LinkedHashMap<>();
        Map<Key, Set<String>> files = new HashMap<>();
        Map<Key, Set<String>> unitsOf = new HashMap<>();
        Map<String, long[]> byUnit = new LinkedHashMap<>();
        long total = 0;
        for (ViewReader.IssueCount i : issueRows(r, f, names(r.units(f)))) {
            Key k = new Key(i.code(), i.severity());
            byCode.computeIfAbsent(k, x -> new long[1])[0] += i.count();
            files.computeIfAbsent(k, x -> new HashSet<>()).add(i.file());
            if (i.unit() != null) {
                unitsOf.computeIfAbsent(k, x -> new HashSet<>()).add(i.unit());
            }
            long[] u = byUnit.computeIfAbsent(i.unit() == null ? "" : i.unit(), x -> new long[3]);
            u["error".equals(i.severity()) ? 0 : "warning".equals(i.severity()) ? 1 : 2] += i.count();
            total += i.count();
        }
        List<CodeCount> codes = new ArrayList<>();
        byCode.forEach((k, n) -> codes.add(new CodeCount(k.code(), k.severity(), severityLabel(k.severity()), n[0],
                files.get(k).size(), unitsOf.getOrDefault(k, Set.of()).size())));
        codes.sort(Comparator.comparingInt((CodeCount c) -> severityRank(c.severity()))
                .thenComparing(Comparator.comparingLong(CodeCount::count).reversed()).thenComparing(CodeCount::code));
        List<UnitIssues> perUnit = new ArrayList<>();
        byUnit.forEach((name, n) -> {
            ViewReader.Unit u = units.get(name);
            perUnit.add(new UnitIssues(name.isEmpty() ? null : name, u == null ? null : u.city(),
                    u == null ? null : u.type(), n[0], n[1], n[2]));
        });
        perUnit.sort(Comparator.comparingLong(UnitIssues::errors).reversed()
                .thenComparing(Comparator.comparingLong(UnitIssues::warnings).reversed())
                .thenComparing(u -> u.unit() == null ? "\uffff" : u.unit()));
        return new Issues(r.run(), Filters.of(f), total, codes, perUnit);
    }

    /** The issues of a code and severity within the filter (the list a click on 问题统计 opens), the first {@code limit}. */
    record IssueList(RunInfo run, int total, List<ViewReader.Issue> shown) {
    }

    IssueList issueList(StatsFilter f, String code, String severity, int limit) throws IOException {
        Result r = result();
        Set<String> names = names(r.units(f));
        Map<String, ViewReader.Submission> byFile = new HashMap<>();
        r.files().forEach(s -> byFile.put(s.file(), s));
        List<ViewReader.Issue> all = views.issues(blank(code), blank(severity)).stream()
                .filter(i -> !f.byUnit() || i.unit() != null && names.contains(i.unit()))
                .filter(i -> f.template() == null || byFile.containsKey(i.file()) && byFile.get(i.file()).counts(f.template()))
                .toList();
        return new IssueList(r.run(), all.size(), all.subList(0, Math.min(limit, all.size())));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Issue counts within the filter: units of the city/type, files that count for the template. */
    private List<ViewReader.IssueCount> issueRows(Result r, StatsFilter f, Set<String> names) {
        Map<String, ViewReader.Submission> byFile = new HashMap<>();
        r.files().forEach(s -> byFile.put(s.file(), s));
        return views.issues().stream()
                .filter(i -> !f.byUnit() || i.unit() != null && names.contains(i.unit()))
                .filter(i -> f.template() == null || byFile.containsKey(i.file()) && byFile.get(i.file()).counts(f.template()))
                .toList();
    }

    static String severityLabel(String severity) {
        return switch (severity == null ? "" : severity) {
            case "error" -> "错误";
            case "warning" -> "提醒";
            case "info" -> "说明";
            default -> severity;
        };
    }

    private static int severityRank(String severity) {
        return "error".equals(severity) ? 0 : "warning".equals(severity) ? 1 : 2;
    }

    private static Set<String> names(List<ViewReader.Unit> units) {
        Set<String> s = new HashSet<>();
        units.forEach(u -> s.add(u.name()));
        return s;
    }
}
