package cn.huizong.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import cn.huizong.mail.MailFetcher;
import cn.huizong.registry.Registry;

/** {@code fetch-mail}: new messages of the campaign mailbox into the inbox, one Chinese line per message. */
@Component
public class FetchMailCommand {

    private static final Logger log = LoggerFactory.getLogger(FetchMailCommand.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private final MailFetcher fetcher;
    private final Path dataDir;
    private final ZoneId zone;

    public FetchMailCommand(MailFetcher fetcher, @Value("${huizong.data-dir:./data}") String dataDir,
            @Value("${huizong.zone:Asia/Shanghai}") ZoneId zone) {
        this.fetcher = fetcher;
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
        this.zone = zone;
    }

    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        Path input = Path.of(cli.option("input", "input/inbox")).toAbsolutePath().normalize();
        Registry registry;
        try {
            if (!fetcher.settings().imap().configured()) {
                throw new CliArguments.UsageException("未配置收件服务器：请设置 huizong.mail.imap.host、.username 等"
                        + "（密码放在环境变量 HUIZONG_MAIL_IMAP_PASSWORD 中）");
            }
            if (RunRequest.inside(dataDir, input)) {
                throw new CliArguments.UsageException("数据目录不能位于收件箱之内：" + dataDir);
            }
            registry = MailArguments.registry(cli, MailArguments.campaign(cli));
        } catch (CliArguments.UsageException e) {
            err.println("用法错误：" + e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        }
        Outcome o = fetch(input, registry);
        (o.code() == ConsolidationRunner.EXIT_OK ? out : err).println(o.message());
        return o.code();
    }

    record Outcome(int code, String message) {
    }

    /** Fetches into the inbox and says what came; used by serve before each scheduled consolidation too. */
    Outcome fetch(Path input, Registry registry) {
        MailFetcher.Result r;
        try {
            r = fetcher.fetch(input, dataDir, registry);
        } catch (AuthenticationFailedException e) {
            log.error("fetch-mail: login refused", e);
            return new Outcome(ConsolidationRunner.EXIT_FAILURE, "收取邮件失败：收件服务器拒绝登录（用户名或密码错误："
                    + e.getMessage() + "）。请检查 huizong.mail.imap.username 和 HUIZONG_MAIL_IMAP_PASSWORD。");
        } catch (MessagingException | IOException | RuntimeException e) {
            log.error("fetch-mail failed", e);
            return new Outcome(ConsolidationRunner.EXIT_FAILURE, "收取邮件失败（" + HuizongMessages.rootMessage(e)
                    + "）。已保存的附件不会重复保存，再次运行 fetch-mail 会从中断处继续。完整错误信息见日志文件 "
                    + dataDir.resolve("logs").resolve("huizong.log") + "。");
        }
        StringBuilder sb = new StringBuilder("收取邮件完成：" + r.mailbox() + " 的 " + r.folder() + " 共 " + r.seen()
                + " 封，新收 " + r.lines().size() + " 封，保存附件 " + r.files() + " 个（" + input.resolve(MailFetcher.FOLDER)
                + "）。");
        for (MailFetcher.Line l : r.lines()) {
            sb.append("\n  ").append(SHOWN.format(l.receivedAt().atZone(zone))).append("  ")
                    .append(l.sender() == null ? "（无发件人）" : l.sender()).append("  ")
                    .append(l.unit() == null ? "（单位未能确定）" : l.unit()).append("  《").append(l.subject()).append("》  ")
                    .append(l.note());
            if (!l.paths().isEmpty()) {
                sb.append("：").append(String.join("、", l.paths()));
            }
        }
        return new Outcome(ConsolidationRunner.EXIT_OK, sb.toString());
    }

    boolean configured() {
        return fetcher.settings().imap().configured();
    }
}
