package cn.huizong.web.mail;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.fixtures.SampleInbox;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.web.ServeSettings;
import cn.huizong.web.account.ConsoleUsers;

/**
 * The 邮件 page against a real IMAP/SMTP server (GreenMail): 收取邮件 lists the message fetched with its stored
 * attachment and a message without one flagged; after a run, 发送反馈 sends one letter per unit with issues (and
 * nothing the second time); a clerk may, anonymous may not, and no POST goes through without its CSRF token.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=jdbc:h2:mem:mailpage;DB_CLOSE_DELAY=-1", "HUIZONG_ADMIN_PASSWORD=admin-secret-1"})
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailPageTest {

    @TempDir
    static Path work;
    static final GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});

    static {
        mail.start();
        mail.setUser("campaign@example.edu.cn", "campaign", "secret");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ConsoleUsers users;
    @Autowired
    RunService runs;
    @Autowired
    ServeSettings settings;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
        registry.add("huizong.console.input", () -> work.resolve("input/inbox").toString());
        registry.add("huizong.console.output", () -> work.resolve("output").toString());
        registry.add("huizong.console.registry", () -> work.resolve("input/registry.csv").toString());
        registry.add("huizong.mail.imap.host", () -> "127.0.0.1");
        registry.add("huizong.mail.imap.port", () -> mail.getImap().getPort());
        registry.add("huizong.mail.imap.ssl", () -> false);
        registry.add("huizong.mail.imap.username", () -> "campaign");
        registry.add("huizong.mail.imap.password", () -> "secret");
        registry.add("huizong.mail.smtp.host", () -> "127.0.0.1");
        registry.add("huizong.mail.smtp.port", () -> mail.getSmtp().getPort());
        registry.add("huizong.mail.smtp.ssl", () -> false);
        registry.add("huizong.mail.smtp.from", () -> "汇总组 <huizong@example.edu.cn>");
    }

    @BeforeAll
    static void inbox() throws Exception {
        SampleInbox.write(work.resolve("input/inbox"), work.resolve("input/received.csv"));
        Files.copy(Path.of("input/registry.csv"), work.resolve("input/registry.csv"));
        // 河南大学 (its address is in the registry) sends cases with a wrong phone; someone asks a question
        MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()));
        m.setFrom(new InternetAddress("kjc@henu.example.edu.cn"));
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, "campaign@example.edu.cn");
        m.setSubject("报送典型案例", "UTF-8");
        MimeMultipart mp = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("请查收。", "UTF-8");
        mp.addBodyPart(text);
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(Workbooks.xlsxBytes(
                Workbooks.casesSheet("河南大学", List.of(r(1, "河大案例", "校企合作共建实验室。", "某企业", "", "王芳", "12345")))),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")));
        file.setFileName(jakarta.mail.internet.MimeUtility.encodeText("河南大学附件5.xlsx", "UTF-8", "B"));
        mp.addBodyPart(file);
        m.setContent(mp);
        m.saveChanges();
        mail.getUserManager().getUser("campaign").deliver(m);
        MimeMessage q = new MimeMessage(Session.getInstance(new java.util.Properties()));
        q.setFrom(new InternetAddress("someone@example.com"));
        q.setRecipients(jakarta.mail.Message.RecipientType.TO, "campaign@example.edu.cn");
        q.setSubject("question");
        q.setText("When is the deadline?");
        q.saveChanges();
        mail.getUserManager().getUser("campaign").deliver(q);
    }

    @AfterAll
    static void stop() {
        mail.stop();
    }

    @Test
    @Order(1)
    void anonymousIsSentToLoginAndFetchesNothing() throws Exception {
        mvc.perform(get("/mail")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/mail/fetch").with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(post("/mail/feedback").with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_mail_in", Integer.class)).isZero();
        mvc.perform(post("/mail/fetch").session(clerk())).andExpect(status().isForbidden()); // no CSRF token
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_mail_in", Integer.class)).isZero();
    }

    @Test
    @Order(2)
    void fetchingListsTheMessageWithItsStoredAttachmentAndFlagsTheOneWithout() throws Exception {
        MockHttpSession clerk = clerk();
        String html = page(clerk);
        assertThat(html).contains("尚未收取过邮件").doesNotContain("未配置收件服务器");
        MvcResult r = mvc.perform(post("/mail/fetch").with(csrf()).session(clerk)).andExpect(redirectedUrl("/mail"))
                .andReturn();
        assertThat((String) r.getFlashMap().get("info")).contains("新收 2 封，保存附件 1 个");
        html = page(clerk);
        assertThat(html).contains("kjc@henu.example.edu.cn", "报送典型案例", "河南大学")
                .containsPattern("已保存：邮件/\\d{4}-\\d\\d-\\d\\d/kjc@henu.example.edu.cn/河南大学附件5.xlsx")
                .contains("someone@example.com", "无附件")
                .contains("新收 <b>2</b> 封，保存附件 <b>1</b> 个");
        assertThat(Files.exists(work.resolve("input/inbox/邮件"))).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_audit WHERE action = 'MAIL_FETCH' AND username = 'clerk1'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void feedbackGoesOncePerUnitWithIssuesAfterTheClerkReviewedTheOutbox() throws Exception {
        MockHttpSession clerk = clerk();
        String runId = runs.start(settings.request("test")).runId();
        await(runId);
        String current = runs.latestRunId().orElseThrow();

        mvc.perform(post("/mail/preview").with(csrf()).session(clerk)).andExpect(redirectedUrl("/mail"));
        assertThat(page(clerk)).contains("【教育助企中原行】材料报送情况反馈（河南大学）", "kjc@henu.example.edu.cn");
        assertThat(sent()).isEmpty();

        MvcResult r = mvc.perform(post("/mail/feedback").with(csrf()).session(clerk)).andExpect(redirectedUrl("/mail"))
                .andReturn();
        String message = (String) r.getFlashMap().get("info");
        assertThat(message).as(String.valueOf(r.getFlashMap())).contains("；已发送 4");
        Set<String> withIssues = new HashSet<>(jdbc.queryForList("SELECT DISTINCT unit FROM hz_issue WHERE run_id = ? "
                + "AND unit IS NOT NULL", String.class, current));
        Set<String> noAddress = new HashSet<>();
        int at = message.indexOf("无邮箱，请人工发送：");
        if (at >= 0) {
            String list = message.substring(at + "无邮箱，请人工发送：".length());
            noAddress.addAll(Arrays.asList(list.substring(0, list.indexOf('。')).split("、")));
        }
        // GreenMail keeps a copy per recipient (郑州大学 has two addresses): one message is one Message-ID
        List<String> sentUnits = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : sent()) {
            if (!ids.add(m.getMessageID())) {
                continue;
            }
            String subject = m.getSubject();
            sentUnits.add(subject.substring(subject.indexOf('（') + 1, subject.lastIndexOf('）')));
        }
        withIssues.removeAll(noAddress);
        assertThat(sentUnits).doesNotHaveDuplicates().contains("河南大学");
        assertThat(new HashSet<>(sentUnits)).isEqualTo(withIssues);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_audit WHERE action = 'MAIL_SEND_FEEDBACK'", Integer.class))
                .isEqualTo(1);
        String html = page(clerk);
        assertThat(html).contains("已发送").doesNotContain("失败：");
        assertThat(section(html, "mail-outbox")).doesNotContain("材料报送情况反馈（河南大学）");
        assertThat(section(html, "mail-out")).contains("材料报送情况反馈（河南大学）");

        int delivered = sent().length;
        MvcResult again = mvc.perform(post("/mail/feedback").with(csrf()).session(clerk)).andReturn();
        assertThat((String) again.getFlashMap().get("info")).contains("此前已发送 4").doesNotContain("；已发送");
        assertThat(sent()).hasSize(delivered);
    }

    private String page(MockHttpSession session) throws Exception {
        return mvc.perform(get("/mail").session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static String section(String html, String tableId) {
        int from = html.indexOf("id=\"" + tableId + "\"");
        assertThat(from).as(tableId).isPositive();
        return html.substring(from, html.indexOf("</table>", from));
    }

    private MockHttpSession clerk() throws Exception {
        if (users.find("clerk1").isEmpty()) {
            users.create("clerk1", "clerk-pass-1", "CLERK", null);
        }
        MvcResult r = mvc.perform(formLogin("/login").user("clerk1").password("clerk-pass-1"))
                .andExpect(redirectedUrl("/")).andReturn();
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    private void await(String id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end) {
            RunStatus s = runs.status(id).orElse(null);
            if (s != null && s.status() != RunStatus.State.RUNNING) {
                assertThat(s.status()).isIn(RunStatus.State.COMPLETED, RunStatus.State.UNCHANGED);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end");
    }

    /** What went out over SMTP (the mailbox's own messages were delivered into it directly). */
    static MimeMessage[] sent() throws jakarta.mail.MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getFrom()[0].toString().contains("huizong@example.edu.cn")) {
                out.add(m);
            }
        }
        return out.toArray(MimeMessage[]::new);
    }
}
