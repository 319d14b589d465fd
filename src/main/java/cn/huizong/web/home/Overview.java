package cn.huizong.web.home;

import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.reporting.Standing;
import cn.huizong.web.ServeSettings;
import cn.huizong.web.roster.Roster;

/**
 * 首页 (概况): each template's deadline and where the current result stands, the last run, what changed since the
 * result before and the files waiting for a resubmission.
 */
@Component
public class Overview {

    /** One template's line: its deadline and counts from the current result (null counts without a result). */
    public record TemplateLine(String title, LocalDate deadline, long daysLeft, Integer expected, Integer sent,
            Integer missing, Integer late, Integer returned) {

        public String daysText() {
            return daysLeft > 0 ? "还有 " + daysLeft + " 天" : daysLeft == 0 ? "今天截止" : "已截止 " + -daysLeft + " 天";
        }
    }

    /**
     * @param changes what the current result changed since the one before (empty for the first result)
     * @param toDos   files waiting for a resubmission
     */
    public record Page(String campaignTitle, List<TemplateLine> templates, Optional<RunStatus> current,
            Optional<RunStatus> last, Optional<String> lastMessage, Optional<RunStatus> running,
            Optional<RunChanges.Changes> changes, List<ToDos.ToDo> toDos) {
    }

    private final JdbcTemplate jdbc;
    private final RunService runs;
    private final ServeSettings settings;
    private final Roster roster;

    Overview(JdbcTemplate jdbc, RunService runs, ServeSettings settings, Roster roster) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.settings = settings;
        this.roster = roster;
    }

    Page page() throws IOException {
        Campaign campaign = settings.campaign();
        Optional<RunStatus> current = runs.status("latest");
        String dataRun = current.map(RunStatus::dataRunId).orElse(null);
        LocalDate today = LocalDate.now(campaign.zone());
        Map<String, Integer> returned = dataRun == null ? Map.of() : returned();
        List<TemplateLine> lines = new ArrayList<>();
        for (TemplateSpec t : campaign.templates()) {
            long days = ChronoUnit.DAYS.between(today, t.deadline());
            if (dataRun == null) {
                lines.add(new TemplateLine(t.title(), t.deadline(), days, null, null, null, null, null));
                continue;
            }
            Map<String, Integer> byStatus = new HashMap<>();
            jdbc.query("SELECT status, COUNT(*) FROM hz_completeness_status WHERE run_id = ? AND template = ? GROUP BY status",
                    rs -> {
                        byStatus.put(rs.getString(1), rs.getInt(2));
                    }, dataRun, t.id());
            List<String> types = t.requiredFrom().stream().map(u -> u.code()).toList();
            int expected = 0;
            if (!types.isEmpty()) {
                String in = String.join(",", types.stream().map(x -> "?").toList());
                List<Object> args = new ArrayList<>();
                args.add(dataRun);
                args.addAll(types);
                Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM hz_completeness WHERE run_id = ? AND unit_type IN ("
                        + in + ")", Integer.class, args.toArray());
                expected = n == null ? 0 : n;
            }
            int submitted = byStatus.getOrDefault("submitted", 0);
            int late = byStatus.getOrDefault("late", 0);
            lines.add(new TemplateLine(t.title(), t.deadline(), days, expected, submitted + late,
                    byStatus.getOrDefault(t.missingStatus(), 0), late, returned.getOrDefault(t.id(), 0)));
        }
        Optional<RunStatus> last = runs.runs(1).stream().findFirst();
        Optional<RunChanges.Changes> changes = dataRun == null ? Optional.empty()
                : new RunChanges(jdbc, campaign).since(dataRun);
        List<ToDos.ToDo> toDos = dataRun == null ? List.of() : new ToDos(jdbc, campaign).of(dataRun);
        return new Page(campaign.title(), lines, current, last, last.flatMap(r -> runs.outcomeMessage(r.runId())),
                runs.running(), changes, toDos);
    }

    /** 退回待复报 by template, as the roster judges it. */
    private Map<String, Integer> returned() throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (Roster.Line l : roster.page(Roster.Filter.of(null, null, null, null)).lines()) {
            for (Roster.Cell c : l.cells()) {
                if (c.standing() == Standing.RETURNED) {
                    out.merge(c.template().id(), 1, Integer::sum);
                }
            }
        }
        return out;
    }
}
