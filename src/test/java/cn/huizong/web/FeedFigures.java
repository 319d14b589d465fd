package cn.huizong.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVRecord;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.fixtures.Feeds;

/**
 * The statistics a dashboard shows, counted by hand from the CSV feeds of {@code output/latest} (not from the
 * database or the console's queries): what the stats API and 统计看板 must agree with.
 */
final class FeedFigures {

    /** Counts of one template over some units: 应报, 按时, 逾期, 未报 (with 退回待复报), accepted rows. */
    record Counts(int expected, int onTime, int late, int missing, int returned, long rows) {

        int sent() {
            return onTime + late;
        }
    }

    record Day(String date, int files, int units, int cumulative) {
    }

    final Campaign campaign;
    final List<CSVRecord> completeness;
    final List<CSVRecord> submissions;
    final List<CSVRecord> issues;
    final List<CSVRecord> quota;
    final Map<String, List<CSVRecord>> rows = new HashMap<>();

    FeedFigures(Path latest, Campaign campaign) throws IOException {
        this.campaign = campaign;
        Path csv = latest.resolve("csv");
        completeness = Feeds.records(csv.resolve("completeness.csv"));
        submissions = Feeds.records(csv.resolve("submissions.csv"));
        issues = Feeds.records(csv.resolve("issues.csv"));
        quota = Feeds.records(csv.resolve("quota.csv"));
        for (TemplateSpec t : campaign.templates()) {
            rows.put(t.id(), Feeds.records(csv.resolve(t.output())));
        }
    }

    Predicate<CSVRecord> unitIs(String city, String type) {
        return u -> (city == null || city.equals(u.get("city"))) && (type == null || type.equals(u.get("unit_type")));
    }

    Set<String> units(Predicate<CSVRecord> which) {
        Set<String> s = new HashSet<>();
        completeness.stream().filter(which).forEach(u -> s.add(u.get("unit")));
        return s;
    }

    private static boolean counts(String fileTemplates, String template) {
        return List.of(fileTemplates.split("\\+")).contains(template);
    }

    /** A unit has a file of the template refused (or a file refused before its template was known). */
    boolean returned(String unit, String template) {
        return submissions.stream().anyMatch(s -> s.get("unit").equals(unit) && s.get("status").equals("rejected")
                && (s.get("template").isEmpty() || counts(s.get("template"), template)));
    }

    Counts counts(String template, Predicate<CSVRecord> which) {
        TemplateSpec t = campaign.template(template).orElseThrow();
        Set<String> required = new HashSet<>();
        t.requiredFrom().forEach(x -> required.add(x.code()));
        int expected = 0, onTime = 0, late = 0, missing = 0, returned = 0;
        for (CSVRecord u : completeness) {
            if (!which.test(u)) {
                continue;
            }
            if (required.contains(u.get("unit_type"))) {
                expected++;
            }
            String status = u.get(template);
            switch (status) {
                case "submitted" -> onTime++;
                case "late" -> late++;
                case "not_required" -> {
                }
                default -> {
                    missing++;
                    if (returned(u.get("unit"), template)) {
                        returned++;
                    }
                }
            }
        }
        Set<String> names = units(which);
        long accepted = rows.get(template).stream().filter(r -> r.get("status").equals("accepted"))
                .filter(r -> names.contains(r.get("unit"))).count();
        return new Counts(expected, onTime, late, missing, returned, accepted);
    }

    int unitsWithErrors(Predicate<CSVRecord> which) {
        Set<String> names = units(which);
        Set<String> s = new HashSet<>();
        issues.stream().filter(i -> i.get("severity").equals("error") && names.contains(i.get("unit")))
                .forEach(i -> s.add(i.get("unit")));
        return s.size();
    }

    /** Cities in completeness.csv (registry) order. */
    List<String> cities() {
        List<String> out = new ArrayList<>();
        completeness.forEach(u -> {
            if (!u.get("city").isEmpty() && !out.contains(u.get("city"))) {
                out.add(u.get("city"));
            }
        });
        return out;
    }

    /** Per day: files of the template received, units whose first accepted/superseded file came, running sum. */
    List<Day> timeline(String template) {
        TreeMap<String, int[]> days = new TreeMap<>();
        Map<String, String> first = new HashMap<>();
        for (CSVRecord s : submissions) {
            if (!counts(s.get("template"), template)) {
                continue;
            }
            String day = s.get("received_at").substring(0, 10);
            days.computeIfAbsent(day, d -> new int[2])[0]++;
            if (!s.get("unit").isEmpty() && Set.of("accepted", "superseded").contains(s.get("status"))) {
                first.merge(s.get("unit"), day, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        first.values().forEach(d -> days.get(d)[1]++);
        List<Day> out = new ArrayList<>();
        int cumulative = 0;
        for (Map.Entry<String, int[]> e : days.entrySet()) {
            cumulative += e.getValue()[1];
            out.add(new Day(e.getKey(), e.getValue()[0], e.getValue()[1], cumulative));
        }
        return out;
    }

    /** Issue counts by code and severity ("CODE/severity" → count). */
    Map<String, Integer> issuesByCode(Predicate<CSVRecord> which, boolean unitFilter) {
        Set<String> names = units(which);
        Map<String, Integer> out = new LinkedHashMap<>();
        issues.stream().filter(i -> !unitFilter || names.contains(i.get("unit")))
                .forEach(i -> out.merge(i.get("code") + "/" + i.get("severity"), 1, Integer::sum));
        return out;
    }
}
