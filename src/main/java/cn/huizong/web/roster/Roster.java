package cn.huizong.web.roster;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.registry.UnitType;
import cn.huizong.reporting.FileNames;
import cn.huizong.reporting.ResultQueries;
import cn.huizong.reporting.Standing;
import cn.huizong.web.ServeSettings;
import cn.huizong.web.runs.RunOutputs;

/**
 * 报送情况 and 催报名单 from the current result (the run {@code latest} stands for): every registry unit of that run
 * with its standing per template, the files it sent, their issues and its feedback files.
 */
@Component
public class Roster {

    /** A unit's standing with one template; receivedAt is when the accepted file came in (null when none). */
    public record Cell(TemplateSpec template, Standing standing, Instant receivedAt) {
    }

    /** One unit of the roster. */
    public record Line(ResultQueries.UnitRow unit, List<Cell> cells) {

        public boolean owes() {
            return cells.stream().anyMatch(c -> c.standing().owed());
        }

        /** The templates it still owes, by label: 附件1、附件5. */
        public List<Cell> owed() {
            return cells.stream().filter(c -> c.standing().owed()).toList();
        }
    }

    /** The filters of the roster and the reminder list (blank: all). */
    public record Filter(String city, String type, String status, String template) {

        public static Filter of(String city, String type, String status, String template) {
            return new Filter(blank(city), blank(type), blank(status), blank(template));
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }

        public boolean any() {
            return city != null || type != null || status != null || template != null;
        }
    }

    /** What a roster page shows; {@code current} is empty before any run completed. */
    public record Page(Optional<RunStatus> current, List<TemplateSpec> templates, List<Line> lines, int units,
            List<String> cities, List<Campaign.UnitTypeSpec> types, List<Standing> standings, Filter filter) {
    }

    /** One unit's page: its line, the files it sent with their issues, its feedback files, its contacts. */
    public record UnitPage(RunStatus current, Line line, List<SentFile> files, List<String> feedback,
            List<String> emails) {
    }

    /** A file the unit sent, with its issues. */
    public record SentFile(ResultQueries.FileRow file, List<ResultQueries.IssueRow> issues) {

        public long errors() {
            return issues.stream().filter(i -> "error".equals(i.severity())).count();
        }
    }

    private final RunService runs;
    private final ServeSettings settings;
    private final RunOutputs outputs;
    private final JdbcTemplate jdbc;

    Roster(RunService runs, ServeSettings settings, RunOutputs outputs, JdbcTemplate jdbc) {
        this.runs = runs;
        this.settings = settings;
        this.outputs = outputs;
        this.jdbc = jdbc;
    }

    /** Over the campaign as configured now (the console reloads it when its file changes). */
    private ResultQueries queries() throws IOException {
        return new ResultQueries(jdbc, settings.campaign());
    }

    public Page page(Filter filter) throws IOException {
        Campaign campaign = settings.campaign();
        List<TemplateSpec> templates = campaign.templates();
        Optional<RunStatus> current = runs.status("latest");
        if (current.isEmpty()) {
            return new Page(current, templates, List.of(), 0, List.of(), List.of(), List.of(Standing.values()), filter);
        }
        List<Line> all = lines(current.get().dataRunId(), templates);
        Set<String> cities = new LinkedHashSet<>();
        Set<UnitType> types = new LinkedHashSet<>();
        for (Line l : all) {
            if (l.unit().city() != null && !l.unit().city().isBlank()) {
                cities.add(l.unit().city());
            }
            UnitType.fromCode(l.unit().unitType()).ifPresent(types::add);
        }
        List<Line> shown = all.stream().filter(l -> matches(l, filter)).toList();
        return new Page(current, templates, shown, all.size(), List.copyOf(cities),
                campaign.unitTypes().stream().filter(t -> types.contains(t.type())).toList(), List.of(Standing.values()), filter);
    }

    /** 催报名单: the units still owing a required template (not sent, or only returned files), filtered. */
    public Page reminders(Filter filter) throws IOException {
        Page p = page(new Filter(filter.city(), filter.type(), null, filter.template()));
        List<Line> owing = p.lines().stream().filter(l -> owes(l, filter.template())).toList();
        return new Page(p.current(), p.templates(), owing, p.units(), p.cities(), p.types(), p.standings(), filter);
    }

    public Optional<UnitPage> unit(String name) throws IOException {
        Optional<RunStatus> current = runs.status("latest");
        if (current.isEmpty() || name == null) {
            return Optional.empty();
        }
        String run = current.get().dataRunId();
        List<TemplateSpec> templates = settings.campaign().templates();
        Optional<Line> line = lines(run, templates).stream().filter(l -> l.unit().unit().equals(name)).findFirst();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, List<ResultQueries.IssueRow>> issues = new HashMap<>();
        for (ResultQueries.IssueRow i : queries().issuesOfUnit(run, name)) {
            issues.computeIfAbsent(i.fileNo(), k -> new ArrayList<>()).add(i);
        }
        List<SentFile> files = new ArrayList<>();
        for (ResultQueries.FileRow f : queries().files(run)) {
            if (name.equals(f.unit()) || issues.containsKey(f.fileNo()) && f.unit() == null) {
                files.add(new SentFile(f, issues.getOrDefault(f.fileNo(), List.of())));
            }
        }
        String safe = FEEDBACK + FileNames.safe(name);
        List<String> feedback = outputs.list(current.get().runId()).stream()
                .filter(p -> p.equals(safe + ".xlsx") || p.startsWith(safe + "/")).toList();
        Registry registry = settings.registry();
        List<String> emails = registry.byName(name).map(RegistryUnit::emails).orElse(List.of());
        return Optional.of(new UnitPage(current.get(), line.get(), files, feedback, emails));
    }

    /** Each line's contact e-mails in the registry as serve reads it now (for the reminder list), in order. */
    public List<List<String>> emails(List<Line> lines) throws IOException {
        Registry registry = settings.registry();
        return lines.stream().map(l -> registry.byName(l.unit().unit()).map(RegistryUnit::emails).orElse(List.of()))
                .toList();
    }

    /** The feedback folder of a run (反馈/<unit>.xlsx and 反馈/<unit>/ with the marked copies). */
    static final String FEEDBACK = "反馈/";

    private List<Line> lines(String run, List<TemplateSpec> templates) throws IOException {
        ResultQueries queries = queries();
        List<ResultQueries.UnitRow> units = queries.roster(run, templates);
        Map<String, Instant> acceptedAt = new HashMap<>(); // unit + template -> received
        Standing.Returned returned = new Standing.Returned();
        for (ResultQueries.FileRow f : queries.files(run)) {
            if (f.unit() == null) {
                continue;
            }
            returned.add(f.unit(), f.status(), f.templates());
            if ("accepted".equals(f.status())) {
                for (String t : f.templates()) {
                    // the latest accepted file counts, as on the roster sheet of 省级汇总表
                    acceptedAt.merge(f.unit() + "\u0000" + t, f.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        List<Line> lines = new ArrayList<>(units.size());
        for (ResultQueries.UnitRow u : units) {
            List<Cell> cells = new ArrayList<>(templates.size());
            for (TemplateSpec t : templates) {
                cells.add(new Cell(t, returned.standing(u.unit(), t.id(), u.statuses().get(t.id())),
                        acceptedAt.get(u.unit() + "\u0000" + t.id())));
            }
            lines.add(new Line(u, cells));
        }
        return lines;
    }

    private static boolean matches(Line l, Filter f) {
        if (f.city() != null && !f.city().equals(l.unit().city())) {
            return false;
        }
        if (f.type() != null && !f.type().equals(l.unit().unitType())) {
            return false;
        }
        Optional<Standing> wanted = Standing.parse(f.status());
        if (wanted.isEmpty()) {
            return true;
        }
        return l.cells().stream().filter(c -> f.template() == null || c.template().id().equals(f.template()))
                .anyMatch(c -> c.standing() == wanted.get());
    }

    private static boolean owes(Line l, String template) {
        return l.cells().stream().filter(c -> template == null || c.template().id().equals(template))
                .anyMatch(c -> c.standing().owed());
    }
}
