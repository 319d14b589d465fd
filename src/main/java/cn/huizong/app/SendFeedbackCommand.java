package cn.huizong.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import cn.huizong.mail.FeedbackMailer;
import cn.huizong.mail.MailFetcher;
import cn.huizong.registry.Registry;

/** {@code send-feedback}: the run's letters as .eml files, or sent with --send; one line per unit. */
@Component
public class SendFeedbackCommand {

    private static final Logger log = LoggerFactory.getLogger(SendFeedbackCommand.class);
    private final FeedbackMailer mailer;
    private final MailFetcher fetcher;

    public SendFeedbackCommand(FeedbackMailer mailer, MailFetcher fetcher) {
        this.mailer = mailer;
        this.fetcher = fetcher;
    }

    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        boolean send = cli.options().containsKey("send");
        Campaign campaign;
        Registry registry;
        try {
            if (send && !fetcher.settings().smtp().configured()) {
                throw new CliArguments.UsageException(SendOutcomes.NO_SMTP);
            }
            campaign = MailArguments.campaign(cli);
            registry = MailArguments.registry(cli, campaign);
        } catch (CliArguments.UsageException e) {
            err.println("用法错误：" + e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        }
        FeedbackMailer.Result r;
        try {
            r = mailer.run(Path.of(cli.option("output", "output")), cli.option("run", "latest"), registry, campaign, send);
        } catch (cn.huizong.mail.NoCurrentRun e) {
            err.println(e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        } catch (IOException | RuntimeException e) {
            log.error("send-feedback failed", e);
            err.println("发送反馈失败（" + HuizongMessages.rootMessage(e) + "）。已发送的不会重复发送，可再次运行。");
            return ConsolidationRunner.EXIT_FAILURE;
        }
        StringBuilder sb = new StringBuilder("反馈邮件（运行编号 " + r.runId() + "）：有问题的单位 " + r.items().size() + " 个；"
                + SendOutcomes.counts(r.items().stream().map(FeedbackMailer.Item::outcome).toList(), send)
                + (send ? "" : "。邮件已写入 " + r.outbox() + "，核对后加 --send 发送"));
        for (FeedbackMailer.Item i : r.items()) {
            sb.append("\n  ").append(i.unit()).append(SendOutcomes.to(i.to())).append("：")
                    .append(SendOutcomes.label(i.outcome(), i.detail(), "send-feedback"));
            if (!i.leftOut().isEmpty()) {
                sb.append("（超过附件大小限制、未随信附上的标注副本：").append(String.join("、", i.leftOut())).append("）");
            }
        }
        boolean failed = r.count("FAILED") > 0;
        (failed ? err : out).println(sb);
        return failed ? ConsolidationRunner.EXIT_FAILURE : ConsolidationRunner.EXIT_OK;
    }
}
