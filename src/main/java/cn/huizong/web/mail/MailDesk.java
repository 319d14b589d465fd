package cn.huizong.web.mail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import cn.huizong.campaign.Campaign;
import cn.huizong.mail.FeedbackMailer;
import cn.huizong.mail.MailFetcher;
import cn.huizong.mail.MailSettings;
import cn.huizong.mail.NoCurrentRun;
import cn.huizong.mail.ReminderMailer;
import cn.huizong.registry.Registry;
import cn.huizong.web.ServeSettings;
import cn.huizong.web.audit.AuditLog;

/**
 * The 邮件 page's buttons: fetch-mail, send-feedback and send-reminders on serve's inbox, output, registry and
 * campaign, through the same services the commands call. One at a time: two clerks pressing 发送反馈 together
 * would otherwise both find the same letters unsent.
 */
@Component
class MailDesk {

    private static final Logger log = LoggerFactory.getLogger(MailDesk.class);

    /** What a button did, in Chinese; ok false shows it as an error. */
    record Done(boolean ok, String message) {
    }

    /** The last fetch the console made (fetches by the command or by serve's schedule are seen in the log only). */
    record LastFetch(Instant at, String user, int seen, int messages, int files) {
    }

    private final MailFetcher fetcher;
    private final FeedbackMailer feedback;
    private final ReminderMailer reminders;
    private final ServeSettings settings;
    private final AuditLog audit;
    private final Environment env;
    private final Path dataDir;
    private final ReentrantLock busy = new ReentrantLock();
    private volatile LastFetch lastFetch;

    MailDesk(MailFetcher fetcher, FeedbackMailer feedback, ReminderMailer reminders, ServeSettings settings,
            AuditLog audit, Environment env, @Value("${huizong.data-dir:./data}") String dataDir) {
        this.fetcher = fetcher;
        this.feedback = feedback;
        this.reminders = reminders;
        this.settings = settings;
        this.audit = audit;
        this.env = env;
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
    }

    MailSettings mailSettings() {
        return fetcher.settings();
    }

    LastFetch lastFetch() {
        return lastFetch;
    }

    Done fetch(String user, String address) {
        if (!mailSettings().imap().configured()) {
            return new Done(false, MailPage.NO_IMAP);
        }
        return exclusively(() -> {
            MailFetcher.Result r;
            try {
                r = fetcher.fetch(settings.inbox(), dataDir, registryOrNull());
            } catch (AuthenticationFailedException e) {
                log.error("fetch from the console: login refused", e);
                return new Done(false, "收取邮件失败：收件服务器拒绝登录（用户名或密码错误）。请检查 huizong.mail.imap.username 和 "
                        + "HUIZONG_MAIL_IMAP_PASSWORD。");
            } catch (MessagingException | IOException | RuntimeException e) {
                log.error("fetch from the console failed", e);
                return new Done(false, "收取邮件失败（" + e.getMessage() + "）。已保存的附件不会重复保存，再次收取会从中断处继续。");
            }
            lastFetch = new LastFetch(Instant.now(), user, r.seen(), r.lines().size(), r.files());
            String message = "收取邮件完成：" + r.folder() + " 共 " + r.seen() + " 封，新收 " + r.lines().size() + " 封，保存附件 "
                    + r.files() + " 个。";
            audit.record(user, address, AuditLog.Action.MAIL_FETCH, message);
            return new Done(true, message);
        });
    }

    /** @param send false only writes the letters (.eml) for review */
    Done feedback(String user, String address, boolean send) {
        if (send && !mailSettings().smtp().configured()) {
            return new Done(false, MailPage.NO_SMTP);
        }
        return exclusively(() -> {
            FeedbackMailer.Result r;
            try {
                Campaign campaign = settings.campaign();
                r = feedback.run(settings.output(), "latest", registry(campaign), campaign, send);
            } catch (NoCurrentRun e) {
                return new Done(false, e.getMessage());
            } catch (IOException | RuntimeException e) {
                log.error("send-feedback from the console failed", e);
                return new Done(false, "发送反馈失败（" + e.getMessage() + "）。已发送的不会重复发送，可再次发送。");
            }
            String message = (send ? "发送反馈" : "生成待发反馈") + "（运行编号 " + r.runId() + "）：有问题的单位 "
                    + r.items().size() + " 个；" + counts(r.items().stream().map(FeedbackMailer.Item::outcome).toList())
                    + noAddress(r.items().stream().filter(i -> i.outcome().equals("NO_ADDRESS"))
                            .map(FeedbackMailer.Item::unit).toList());
            if (send) {
                audit.record(user, address, AuditLog.Action.MAIL_SEND_FEEDBACK, message);
            }
            return new Done(r.count("FAILED") == 0, message);
        });
    }

    Done reminders(String user, String address, boolean send) {
        if (send && !mailSettings().smtp().configured()) {
            return new Done(false, MailPage.NO_SMTP);
        }
        return exclusively(() -> {
            ReminderMailer.Result r;
            LocalDate today;
            try {
                Campaign campaign = settings.campaign();
                today = today(campaign);
                r = reminders.run(settings.output(), registry(campaign), campaign, today, send);
            } catch (NoCurrentRun e) {
                return new Done(false, e.getMessage());
            } catch (IOException | RuntimeException e) {
                log.error("send-reminders from the console failed", e);
                return new Done(false, "发送催报失败（" + e.getMessage() + "）。已发送的不会重复发送，可再次发送。");
            }
            String message = r.due().isEmpty()
                    ? "今天（" + today + "）不是催报日（活动定义的 reminderDays），未" + (send ? "发送" : "生成") + "任何催报。"
                    : (send ? "发送催报" : "生成待发催报") + "（" + today + "，依据运行 " + r.runId() + "）：未报送的单位和表格 "
                            + r.items().size() + " 项；" + counts(r.items().stream().map(ReminderMailer.Item::outcome).toList())
                            + noAddress(r.items().stream().filter(i -> i.outcome().equals("NO_ADDRESS"))
                                    .map(ReminderMailer.Item::unit).distinct().toList());
            if (send) {
                audit.record(user, address, AuditLog.Action.MAIL_SEND_REMINDERS, message);
            }
            return new Done(r.count("FAILED") == 0, message);
        });
    }

    /** The reminder day: today in the campaign's zone, or huizong.mail.today as send-reminders reads it. */
    LocalDate today(Campaign campaign) {
        String day = env.getProperty("huizong.mail.today", "");
        return day.isBlank() ? LocalDate.now(campaign.zone()) : LocalDate.parse(day.strip());
    }

    private Done exclusively(java.util.function.Supplier<Done> work) {
        if (!busy.tryLock()) {
            return new Done(false, "正在收取或发送邮件（另一位用户刚刚开始），请稍后再试。");
        }
        try {
            return work.get();
        } finally {
            busy.unlock();
        }
    }

    private Registry registry(Campaign campaign) throws IOException {
        return settings.registry().withNames(campaign.unitNames());
    }

    /** fetch-mail runs without a registry too (units are then named later, by consolidate). */
    private Registry registryOrNull() {
        try {
            return registry(settings.campaign());
        } catch (IOException | RuntimeException e) {
            log.warn("fetching without the registry: {}", e.toString());
            return null;
        }
    }

    private static String noAddress(List<String> units) {
        return units.isEmpty() ? "。" : "。无邮箱，请人工发送：" + String.join("、", units) + "。";
    }

    /** 已发送 2，此前已发送 1 … (the outcomes that occurred). */
    static String counts(List<String> outcomes) {
        StringBuilder sb = new StringBuilder();
        for (String[] w : new String[][] {{"SENT", "已发送"}, {"WRITTEN", "待发送"}, {"ALREADY_SENT", "此前已发送"},
                {"NO_ADDRESS", "无邮箱"}, {"NO_LETTER", "缺反馈文件"}, {"FAILED", "发送失败"}}) {
            long n = outcomes.stream().filter(w[0]::equals).count();
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : "，").append(w[1]).append(" ").append(n);
            }
        }
        return sb.length() == 0 ? "无需发送" : sb.toString();
    }
}
