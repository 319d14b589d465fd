package cn.huizong.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import cn.huizong.intake.MailReceipt;

/**
 * A fetch that dies after writing an attachment and before recording it (the worst moment: the file is in the
 * inbox, the database does not know) is run again: every attachment is stored exactly once, none gets a second
 * copy with a suffix, and each keeps its message's arrival time.
 */
class FetchCrashTest {

    @TempDir
    static Path work;
    static GreenMail mail;

    @BeforeAll
    static void mailbox() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mail.start();
        mail.setUser("crash@example.edu.cn", "crash", "secret");
        for (int n = 1; n <= 3; n++) {
            RawMail m = RawMail.headers("u" + n + "@example.edu.cn", "m" + n, "c" + n)
                    .line("Content-Type: multipart/mixed; boundary=\"b\"").line("");
            for (String name : List.of("附件1.xlsx", "附件5.xlsx")) {
                m.line("--b").line("Content-Type: application/octet-stream; name=\"" + RawMail.b(name, StandardCharsets.UTF_8) + "\"")
                        .line("Content-Transfer-Encoding: base64").line("").base64((n + name).getBytes(StandardCharsets.UTF_8));
            }
            RawMail.deliver(mail, "crash", m.line("--b--").bytes(), "2025-12-0" + n + "T10:00:00+08:00");
        }
    }

    @AfterAll
    static void stop() {
        mail.stop();
    }

    static MailFetcher fetcher(DriverManagerDataSource ds) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("huizong.mail.imap.host", "127.0.0.1",
                "huizong.mail.imap.port", mail.getImap().getPort(), "huizong.mail.imap.ssl", "false",
                "huizong.mail.imap.username", "crash", "huizong.mail.imap.password", "secret")));
        return new MailFetcher(new JdbcTemplate(ds), new DataSourceTransactionManager(ds), env, ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aFetchKilledBetweenWritingAndRecordingStoresEachAttachmentOnceWhenRunAgain() throws Exception {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:fetchcrash;DB_CLOSE_DELAY=-1", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("schema-huizong.sql")).execute(ds);
        Path inbox = work.resolve("inbox");
        MailFetcher dying = fetcher(ds);
        AtomicInteger written = new AtomicInteger();
        dying.afterFileWritten(p -> {
            if (written.incrementAndGet() == 3) { // the first file of the second message: in place, not recorded
                throw new IllegalStateException("killed");
            }
        });
        assertThatThrownBy(() -> dying.fetch(inbox, work.resolve("data"), null)).hasMessageContaining("killed");
        assertThat(MailboxRoundTripTest.files(inbox)).hasSize(3);

        MailFetcher.Result r = fetcher(ds).fetch(inbox, work.resolve("data"), null);
        assertThat(r.lines()).hasSize(2); // the interrupted message and the one never reached
        assertThat(MailboxRoundTripTest.files(inbox)).containsExactly(
                "邮件/2025-12-01/u1@example.edu.cn/附件1.xlsx", "邮件/2025-12-01/u1@example.edu.cn/附件5.xlsx",
                "邮件/2025-12-02/u2@example.edu.cn/附件1.xlsx", "邮件/2025-12-02/u2@example.edu.cn/附件5.xlsx",
                "邮件/2025-12-03/u3@example.edu.cn/附件1.xlsx", "邮件/2025-12-03/u3@example.edu.cn/附件5.xlsx");
        assertThat(Files.readString(inbox.resolve("邮件/2025-12-02/u2@example.edu.cn/附件1.xlsx"))).isEqualTo("2附件1.xlsx");
        assertThat(MailboxRoundTripTest.files(work.resolve("data/mail/tmp"))).isEmpty();

        JdbcTemplate jdbc = new JdbcTemplate(ds);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_mail_file WHERE stored", Integer.class)).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_mail_in WHERE state = 'done'", Integer.class)).isEqualTo(3);
        List<MailReceipt> receipts = new MailLog(jdbc).receipts(inbox);
        assertThat(receipts).extracting(MailReceipt::path).hasSize(6);
        assertThat(receipts.get(2).receivedAt()).isEqualTo(java.time.Instant.parse("2025-12-02T02:00:00Z"));

        assertThat(fetcher(ds).fetch(inbox, work.resolve("data"), null).lines()).isEmpty();
        assertThat(MailboxRoundTripTest.files(inbox)).hasSize(6);
    }
}
