package cn.huizong.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import cn.huizong.mail.MailFetcher;
import cn.huizong.mail.NoCurrentRun;
import cn.huizong.mail.ReminderMailer;
import cn.huizong.registry.Registry;

/**
 * {@code send-reminders}: 催报 on the campaign's reminder days. The day is today in the campaign's time zone, or
 * {@code huizong.mail.today} (yyyy-MM-dd) to catch up a missed day.
 */
@Component
public class SendRemindersCommand {

    private static final Logger log = LoggerFactory.getLogger(SendRemindersCommand.class);
    private final ReminderMailer mailer;
    private final MailFetcher fetcher;
    private final Environment env;

    public SendRemindersCommand(ReminderMailer mailer, MailFetcher fetcher, Environment env) {
        this.mailer = mailer;
        this.fetcher = fetcher;
        this.env = env;
    }

    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        boolean send = cli.options().containsKey("send");
        Campaign campaign;
        Registry registry;
        LocalDate today;
        try {
            if (send && !fetcher.settings().smtp().configured()) {
                throw new CliArguments.UsageException(SendOutcomes.NO_SMTP);
            }
            campaign = MailArguments.campaign(cli);
            registry = MailArguments.registry(cli, campaign);
            String day = env.getProperty("huizong.mail.today", "");
            try {
                today = day.isBlank() ? LocalDate.now(campaign.zone()) : LocalDate.parse(day.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new CliArguments.UsageException("huizong.mail.today 应为 2025-12-17 形式的日期，现为“" + day + "”");
            }
        } catch (CliArguments.UsageException e) {
            err.println("用法错误：" + e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        }
        ReminderMailer.Result r;
        try {
            r = mailer.run(Path.of(cli.option("output", "output")), registry, campaign, today, send);
        } catch (NoCurrentRun e) {
            err.println(e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        } catch (RuntimeException e) {
            log.error("send-reminders failed", e);
            err.println("发送催报失败（" + HuizongMessages.rootMessage(e) + "）。已发送的不会重复发送，可再次运行。");
            return ConsolidationRunner.EXIT_FAILURE;
        }
        if (r.due().isEmpty()) {
            out.println("今天（" + today + "）不是催报日（reminderDays：" + campaign.reminderDays()
                    + "，相对各表截止日期的天数），未发送任何催报。");
            return ConsolidationRunner.EXIT_OK;
        }
        StringBuilder sb = new StringBuilder("催报（" + today + "，依据运行 " + r.runId() + " 的报送情况）：未报送的单位和表格 "
                + r.items().size() + " 项；" + SendOutcomes.counts(r.items().stream().map(ReminderMailer.Item::outcome).toList(), send)
                + (send || r.items().isEmpty() ? "" : "。邮件已写入 " + r.outbox() + "，核对后加 --send 发送"));
        for (ReminderMailer.Item i : r.items()) {
            String label = campaign.template(i.template()).map(t -> t.shortName()).orElse(i.template());
            sb.append("\n  ").append(i.unit()).append("（").append(label).append("）").append(SendOutcomes.to(i.to()))
                    .append("：").append(SendOutcomes.label(i.outcome(), i.detail(), "send-reminders"));
        }
        boolean failed = r.count("FAILED") > 0;
        (failed ? err : out).println(sb);
        return failed ? ConsolidationRunner.EXIT_FAILURE : ConsolidationRunner.EXIT_OK;
    }
}
