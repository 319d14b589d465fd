package cn.huizong.mail;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.Registry;

/**
 * send-reminders (催报): on the days the campaign names ({@code reminderDays}, relative to each template's
 * deadline), a letter to every unit the current result shows still missing a template it must send, saying what
 * is missing and by when. At most one per unit, template and day, however often it runs.
 */
@Component
public class ReminderMailer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private final JdbcTemplate jdbc;
    private final Environment env;

    ReminderMailer(JdbcTemplate jdbc, Environment env) {
        this.jdbc = jdbc;
        this.env = env;
    }

    public record Item(String unit, String template, String outcome, List<String> to, String detail) {
    }

    /** @param due the templates whose reminder day today is */
    public record Result(String runId, LocalDate day, List<String> due, Path outbox, List<Item> items) {

        public long count(String outcome) {
            return items.stream().filter(i -> i.outcome().equals(outcome)).count();
        }
    }

    public Result run(Path output, Registry registry, Campaign campaign, LocalDate today, boolean send)
            throws NoCurrentRun {
        Path out = output.toAbsolutePath().normalize();
        String runId = Letters.run(jdbc, out, "latest");
        Timestamp asOf = jdbc.queryForObject("SELECT started_at FROM hz_run WHERE run_id = ?", Timestamp.class, runId);
        List<Letter> letters = new ArrayList<>();
        List<String> due = new ArrayList<>();
        for (TemplateSpec t : campaign.templates()) {
            long before = ChronoUnit.DAYS.between(today, t.deadline());
            if (!campaign.reminderDays().contains((int) before)) {
                continue;
            }
            due.add(t.id());
            List<String> units = jdbc.queryForList("SELECT c.unit FROM hz_completeness_status c JOIN hz_unit u ON "
                    + "u.run_id = c.run_id AND u.name = c.unit WHERE c.run_id = ? AND c.template = ? AND c.status = ? "
                    + "ORDER BY u.position", String.class, runId, t.id(), t.missingStatus());
            for (String unit : units) {
                letters.add(new Letter(Letters.key("reminder", unit, t.id(), today.toString()), "reminder", runId, unit,
                        t.id(), null, Letters.recipients(jdbc, runId, unit, registry),
                        "【" + campaign.shortTitle() + "】催报：请报送" + t.shortName() + "（" + unit + "）",
                        body(campaign, t, unit, today, asOf), List.of()));
            }
        }
        Path outbox = out.resolve("outbox").resolve("催报").resolve(today.toString());
        List<Item> items = new ArrayList<>();
        for (Outbox.Report r : new Outbox(jdbc, MailSettings.from(env)).deliver(letters, outbox, send)) {
            items.add(new Item(r.letter().unit(), r.letter().template(), r.outcome().name(), r.letter().to(), r.error()));
        }
        return new Result(runId, today, due, outbox, items);
    }

    private static String body(Campaign campaign, TemplateSpec t, String unit, LocalDate today, Timestamp asOf) {
        String org = campaign.organisation().shortName();
        boolean passed = today.isAfter(t.deadline());
        String when = asOf == null ? "" : "截至" + DateTimeFormatter.ofPattern("M月d日 HH:mm")
                .format(asOf.toInstant().atZone(campaign.zone())) + "，";
        StringBuilder sb = new StringBuilder();
        sb.append(unit).append("：\n\n");
        sb.append(when).append(org).append("尚未收到你单位报送的").append(t.title()).append("（截止时间")
                .append(DATE.format(t.deadline())).append("）。\n\n");
        sb.append(passed ? "报送截止时间已过，请尽快将表格以附件形式（Excel 文件）发送至本邮箱；逾期报送将在汇总结果中注明。"
                : "请于" + DATE.format(t.deadline()) + "前将表格以附件形式（Excel 文件）发送至本邮箱。");
        sb.append("请直接发送附件，不要使用超大附件或网盘链接。如已发送，请忽略本提醒。\n\n");
        sb.append("“").append(campaign.title()).append("”材料汇总组　").append(DATE.format(today)).append('\n');
        return sb.toString();
    }
}
