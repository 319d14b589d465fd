package cn.huizong.mail;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.Workbooks;

/**
 * The loop a clerk lives in, against a real IMAP and SMTP server (GreenMail, in-process): units' mail with
 * attachment names in every encoding Chinese clients use, a forwarded message and an attached .eml, a signature
 * image, a link to a QQ 超大附件, an auto-reply, a bounce, a message without attachment and two attachments of
 * one name; fetch-mail stores each attachment once, consolidate takes the INTERNALDATE as received_at and the
 * unit from the sender's address or the subject; send-feedback sends one letter per unit with issues, once;
 * send-reminders writes only to units missing a template, once a day.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailboxRoundTripTest {

    @TempDir
    static Path work;
    static GreenMail mail;
    static Path inbox;
    static Path registry;
    static String db;
    static Map<String, Object> props;

    static final String ZZU = "kyc@zzu.example.edu.cn";

    @BeforeAll
    static void mailbox() throws Exception {
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser("campaign@example.edu.cn", "campaign", "secret");
        inbox = work.resolve("input/inbox");
        Files.createDirectories(inbox);
        registry = work.resolve("input/registry.csv");
        Files.writeString(registry, """
                unit_name,unit_type,city,aliases,emails
                郑州市教育局,city,郑州市,郑州市教育体育局|郑州市教体局,jyj@zhengzhou.example.edu.cn
                开封市教育局,city,开封市,开封市教育体育局,kf@kaifeng.example.edu.cn
                郑州大学,dfc,郑州市,,kyc@zzu.example.edu.cn; Office@zzu.example.edu.cn
                河南大学,dfc,开封市,,
                河南工业大学,undergrad,郑州市,,hngd@haut.example.edu.cn
                河南科技大学,undergrad,洛阳市,,
                许昌学院,undergrad,许昌市,,
                """);
        db = "jdbc:h2:file:" + work.resolve("data/huizong");
        props = Map.of("huizong.mail.imap.host", "127.0.0.1",
                "huizong.mail.imap.port", mail.getImap().getPort(), "huizong.mail.imap.ssl", false,
                "huizong.mail.imap.username", "campaign", "huizong.mail.imap.password", "secret",
                "huizong.mail.smtp.host", "127.0.0.1", "huizong.mail.smtp.port", mail.getSmtp().getPort(),
                "huizong.mail.smtp.ssl", false, "huizong.mail.smtp.from", "河南省教育厅汇总组 <huizong@example.edu.cn>");
        deliverAll();
        // a file a clerk saved by hand: its unit has issues and no address
        Workbooks.xlsx(inbox.resolve("许昌学院附件5.xlsx"), Workbooks.casesSheet("许昌学院",
                List.of(r(1, "许昌学院案例", "简介", "许昌学院", "其他本科高校", "赵六", "12345"))));
    }

    @AfterAll
    static void stop() {
        mail.stop();
    }

    static byte[] cases(String unitLine, String caseName, String phone) throws IOException {
        return Workbooks.xlsxBytes(Workbooks.casesSheet(unitLine,
                List.of(r(1, caseName, "校企合作共建实验室，服务企业技术攻关。", "某单位", "", "王芳", phone))));
    }

    static void deliverAll() throws Exception {
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        // 1. RFC 2231 in GBK, from an address the registry gives 郑州大学; the sheet names no unit
        RawMail m1 = RawMail.headers(ZZU, RawMail.b("报送材料", RawMail.GBK), "m1")
                .line("Content-Type: multipart/mixed; boundary=\"b1\"").line("")
                .line("--b1").line("Content-Type: text/plain; charset=UTF-8").line("Content-Transfer-Encoding: base64")
                .line("").text("请查收。").line("--b1").line("Content-Type: " + xlsx)
                .line("Content-Disposition: attachment; filename*=" + RawMail.rfc2231("附件5.xlsx", RawMail.GBK, "gbk"))
                .line("Content-Transfer-Encoding: base64").line("").base64(cases("", "郑大案例一", "13800000001"))
                .line("--b1--");
        RawMail.deliver(mail, "campaign", m1.bytes(), "2025-12-08T10:00:07+08:00");
        // 2. RFC 2047 labelled gb2312, two words split inside a character; unknown sender, unit in the subject
        RawMail m2 = RawMail.headers("teacher@mail.example.com", RawMail.b("河南大学报送典型案例", RawMail.GBK), "m2")
                .line("Content-Type: multipart/mixed; boundary=\"b2\"").line("")
                .line("--b2").line("Content-Type: " + xlsx + "; name=\"" + RawMail.bSplit("附件5-典型案例.xlsx", RawMail.GBK, "gb2312") + "\"")
                .line("Content-Disposition: attachment").line("Content-Transfer-Encoding: base64").line("")
                .base64(cases("", "河大案例", "13800000002")).line("--b2--");
        RawMail.deliver(mail, "campaign", m2.bytes(), "2025-12-08T11:00:00+08:00");
        // 3. RFC 2047 UTF-8 Q, and a signature logo the HTML body shows (cid:)
        RawMail m3 = RawMail.headers("jyj@zhengzhou.example.edu.cn", "=?UTF-8?B?6ZmE5Lu2MQ==?=", "m3")
                .line("Content-Type: multipart/mixed; boundary=\"b3\"").line("")
                .line("--b3").line("Content-Type: multipart/related; boundary=\"r3\"").line("")
                .line("--r3").line("Content-Type: text/html; charset=UTF-8").line("Content-Transfer-Encoding: base64").line("")
                .text("<p>附件1请查收</p><img src=\"cid:logo@zz\">")
                .line("--r3").line("Content-Type: image/png; name=\"logo.png\"").line("Content-ID: <logo@zz>")
                .line("Content-Disposition: inline; filename=\"logo.png\"").line("Content-Transfer-Encoding: base64").line("")
                .base64(new byte[] {(byte) 0x89, 'P', 'N', 'G'}).line("--r3--")
                .line("--b3").line("Content-Type: " + xlsx)
                .line("Content-Disposition: attachment; filename=\"" + RawMail.q("附件1-结对包联.xlsx") + "\"")
                .line("Content-Transfer-Encoding: base64").line("")
                .base64(Workbooks.xlsxBytes(Workbooks.pairingSheet("", List.of(r("郑州市教育局", "郑州中原智能装备有限公司",
                        "李明 13812345678", "王强 13712345678", "人才", "政策", "推进中", "2026年6月")))))
                .line("--b3--");
        RawMail.deliver(mail, "campaign", m3.bytes(), "2025-12-15T09:00:00+08:00");
        // 4. a raw 8-bit GBK name; the table has a wrong phone (a letter with a marked copy)
        RawMail m4 = RawMail.headers("hngd@haut.example.edu.cn", "cases", "m4")
                .line("Content-Type: multipart/mixed; boundary=\"b4\"").line("").line("--b4")
                .line("Content-Type: application/octet-stream")
                .rawLine("Content-Disposition: attachment; filename=\"", "附件5典型案例.xlsx", RawMail.GBK, "\"")
                .line("Content-Transfer-Encoding: base64").line("").base64(cases("", "工大案例", "12345")).line("--b4--");
        RawMail.deliver(mail, "campaign", m4.bytes(), "2025-12-08T12:00:00+08:00");
        // 5. a forwarded message (message/rfc822) and an attached .eml, each with an attachment
        byte[] inner = RawMail.headers("lky@haust.example.edu.cn", "附件5", "inner")
                .line("Content-Type: multipart/mixed; boundary=\"i5\"").line("").line("--i5")
                .line("Content-Type: " + xlsx)
                .line("Content-Disposition: attachment; filename*=" + RawMail.rfc2231("河南科技大学附件5.xlsx",
                        java.nio.charset.Charset.forName("GB18030"), "GB18030"))
                .line("Content-Transfer-Encoding: base64").line("").base64(cases("", "科大案例一", "13800000005"))
                .line("--i5--").bytes();
        byte[] eml = RawMail.headers("lky@haust.example.edu.cn", "附件5补充", "eml")
                .line("Content-Type: multipart/mixed; boundary=\"e5\"").line("").line("--e5")
                .line("Content-Type: " + xlsx + "; name=\"" + RawMail.b("河南科技大学附件5（补充）.xlsx", StandardCharsets.UTF_8) + "\"")
                .line("Content-Transfer-Encoding: base64").line("").base64(cases("", "科大案例二", "13800000006"))
                .line("--e5--").bytes();
        RawMail m5 = RawMail.headers("clerk@example.edu.cn", "Fwd: materials", "m5")
                .line("Content-Type: multipart/mixed; boundary=\"b5\"").line("").line("--b5")
                .line("Content-Type: text/plain; charset=UTF-8").line("").line("forwarded").line("--b5")
                .line("Content-Type: message/rfc822").line("").line(new String(inner, StandardCharsets.ISO_8859_1))
                .line("--b5").line("Content-Type: application/octet-stream; name=\"" + RawMail.b("原邮件.eml", StandardCharsets.UTF_8) + "\"")
                .line("Content-Disposition: attachment").line("Content-Transfer-Encoding: base64").line("").base64(eml)
                .line("--b5--");
        RawMail.deliver(mail, "campaign", m5.bytes(), "2025-12-08T13:00:00+08:00");
        // 6. only a link to a QQ mail 超大附件 (开封 sends nothing the server can fetch)
        RawMail m6 = RawMail.headers("kf@kaifeng.example.edu.cn", RawMail.b("附件1", StandardCharsets.UTF_8), "m6")
                .line("Content-Type: text/plain; charset=UTF-8").line("Content-Transfer-Encoding: base64").line("")
                .text("从QQ邮箱发来的超大附件\n附件1.xlsx (2.1M, 2025年12月25日 10:00 到期)\n进入下载页面：https://wx.mail.qq.com/ftn/download?func=3&k=abc");
        RawMail.deliver(mail, "campaign", m6.bytes(), "2025-12-10T09:00:00+08:00");
        // 7. an auto-reply, 8. a bounce: ignored
        RawMail m7 = RawMail.headers(ZZU, RawMail.b("自动回复：您的邮件已收到", StandardCharsets.UTF_8), "m7")
                .line("Auto-Submitted: auto-replied").line("Content-Type: multipart/mixed; boundary=\"b7\"").line("")
                .line("--b7").line("Content-Type: application/octet-stream; name=\"x.xlsx\"").line("")
                .line("AAAA").line("--b7--");
        RawMail.deliver(mail, "campaign", m7.bytes(), "2025-12-08T14:00:00+08:00");
        RawMail m8 = RawMail.headers("MAILER-DAEMON@example.com", "Undelivered Mail Returned to Sender", "m8")
                .line("Content-Type: multipart/report; report-type=delivery-status; boundary=\"b8\"").line("")
                .line("--b8").line("Content-Type: text/plain").line("").line("failed").line("--b8--");
        RawMail.deliver(mail, "campaign", m8.bytes(), "2025-12-08T14:10:00+08:00");
        // 9. the same attachment name again from 郑州大学 the same day (a corrected version)
        RawMail m9 = RawMail.headers(ZZU, "resend", "m9")
                .line("Content-Type: multipart/mixed; boundary=\"b9\"").line("").line("--b9")
                .line("Content-Type: " + xlsx + "; name=\"" + RawMail.b("附件5.xlsx", StandardCharsets.UTF_8) + "\"")
                .line("Content-Disposition: attachment; filename=\"" + RawMail.b("附件5.xlsx", StandardCharsets.UTF_8) + "\"")
                .line("Content-Transfer-Encoding: base64").line("").base64(cases("", "郑大案例二", "13800000009"))
                .line("--b9--");
        RawMail.deliver(mail, "campaign", m9.bytes(), "2025-12-08T15:30:00+08:00");
        // 10. no attachment at all
        RawMail m10 = RawMail.headers("someone@example.com", "question", "m10").line("Content-Type: text/plain")
                .line("").line("When is the deadline?");
        RawMail.deliver(mail, "campaign", m10.bytes(), "2025-12-09T08:00:00+08:00");
    }

    /** What arrived over SMTP (the mailbox's own messages were put there for fetching). */
    static MimeMessage[] sent() {
        return Stream.of(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getMessageID() != null && !m.getMessageID().endsWith("@test>");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    String[] args(String command, String... more) {
        List<String> list = new ArrayList<>(List.of(command, "--data", work.resolve("data").toString(), "--db", db));
        list.addAll(List.of(more));
        return list.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void fetchStoresEveryAttachmentOnceUnderItsDecodedNameAndIgnoresWhatIsNoSubmission() throws Exception {
        Cli r = Cli.run(props, args("fetch-mail", "--input", inbox.toString(), "--registry", registry.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(files(inbox.resolve("邮件"))).containsExactly(
                "2025-12-08/clerk@example.edu.cn/河南科技大学附件5.xlsx",
                "2025-12-08/clerk@example.edu.cn/河南科技大学附件5（补充）.xlsx",
                "2025-12-08/hngd@haut.example.edu.cn/附件5典型案例.xlsx",
                "2025-12-08/kyc@zzu.example.edu.cn/附件5.xlsx",
                "2025-12-08/kyc@zzu.example.edu.cn/附件5（2）.xlsx",
                "2025-12-08/teacher@mail.example.com/附件5-典型案例.xlsx",
                "2025-12-15/jyj@zhengzhou.example.edu.cn/附件1-结对包联.xlsx");
        assertThat(r.out()).contains("共 10 封，新收 10 封，保存附件 7 个")
                .contains("kf@kaifeng.example.edu.cn  开封市教育局  《附件1》  " + IncomingMail.CLOUD_LINK_ISSUE)
                .contains("自动回复，已忽略").contains("退信，已忽略").contains("someone@example.com  （单位未能确定）  《question》  来信没有附件")
                .contains("teacher@mail.example.com  河南大学");

        Cli again = Cli.run(props, args("fetch-mail", "--input", inbox.toString(), "--registry", registry.toString()));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("共 10 封，新收 0 封，保存附件 0 个");
        assertThat(files(inbox.resolve("邮件"))).hasSize(7);
        // read-only: nothing marked, moved or deleted on the server
        assertThat(mail.getManagers().getImapHostManager().getInbox(mail.getManagers().getUserManager()
                .getUser("campaign")).getMessageCount()).isEqualTo(10);
    }

    @Test
    @Order(2)
    void consolidateTakesTheMailServersTimeAndTheUnitFromSenderOrSubject() throws Exception {
        Files.setLastModifiedTime(inbox.resolve("邮件/2025-12-08/kyc@zzu.example.edu.cn/附件5.xlsx"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        Cli r = Cli.run(props, args("consolidate", "--input", inbox.toString(), "--registry", registry.toString(),
                "--output", work.resolve("output").toString()));
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        Map<String, String[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(work.resolve("output/latest/csv/submissions.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.put(f[0], f);
        }
        String[] first = rows.get("邮件/2025-12-08/kyc@zzu.example.edu.cn/附件5.xlsx");
        assertThat(first[2]).isEqualTo("郑州大学");
        assertThat(first[4]).isEqualTo("2025-12-08T10:00:07+08:00"); // INTERNALDATE, not the Date header nor the file time
        assertThat(first[5]).isEqualTo("superseded");
        assertThat(rows.get("邮件/2025-12-08/kyc@zzu.example.edu.cn/附件5（2）.xlsx")[5]).isEqualTo("accepted");
        assertThat(rows.get("邮件/2025-12-08/teacher@mail.example.com/附件5-典型案例.xlsx")[2]).isEqualTo("河南大学");
        assertThat(rows.get("邮件/2025-12-15/jyj@zhengzhou.example.edu.cn/附件1-结对包联.xlsx")[2]).isEqualTo("郑州市教育局");
        assertThat(rows.get("邮件/2025-12-15/jyj@zhengzhou.example.edu.cn/附件1-结对包联.xlsx")[4])
                .isEqualTo("2025-12-15T09:00:00+08:00");
        assertThat(rows.get("邮件/2025-12-08/hngd@haut.example.edu.cn/附件5典型案例.xlsx")[2]).isEqualTo("河南工业大学");
        assertThat(rows.get("邮件/2025-12-08/clerk@example.edu.cn/河南科技大学附件5.xlsx")[2]).isEqualTo("河南科技大学");
        assertThat(Files.readString(work.resolve("output/latest/csv/completeness.csv")))
                .contains("郑州市教育局,city,郑州市,submitted").contains("开封市教育局,city,开封市,missing");
    }

    @Test
    @Order(3)
    void feedbackGoesOncePerUnitWithIssuesWithItsWorkbookAndMarkedCopies() throws Exception {
        Cli dry = Cli.run(props, args("send-feedback", "--output", work.resolve("output").toString(), "--registry",
                registry.toString()));
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(sent()).isEmpty();
        assertThat(dry.out()).contains("许昌学院：无邮箱，请人工发送").contains("待发送");
        Path outbox = Files.list(work.resolve("output/runs")).findFirst().orElseThrow().resolve("outbox");
        assertThat(files(outbox)).contains("河南工业大学.eml", "郑州大学.eml");

        Cli sent = Cli.run(props, args("send-feedback", "--send", "--output", work.resolve("output").toString(),
                "--registry", registry.toString()));
        assertThat(sent.code()).as(sent.err()).isZero();
        Map<String, MimeMessage> byUnit = new HashMap<>();
        Map<String, List<String>> to = new HashMap<>();
        for (MimeMessage m : sent()) {
            String subject = m.getSubject();
            String unit = subject.substring(subject.indexOf('（') + 1, subject.lastIndexOf('）'));
            byUnit.put(unit, m);
            to.computeIfAbsent(unit, k -> new ArrayList<>()).add(m.getHeader("To", ", "));
        }
        // 许昌学院 has no address; each other unit with issues gets one letter (郑州大学 at both its addresses)
        assertThat(new TreeSet<>(byUnit.keySet())).containsExactly("河南工业大学", "河南科技大学", "郑州大学");
        assertThat(byUnit.get("郑州大学").getSubject()).isEqualTo("【教育助企中原行】材料报送情况反馈（郑州大学）");
        assertThat(byUnit.get("郑州大学").getHeader("To", ",")).contains(ZZU).contains("office@zzu.example.edu.cn");
        assertThat(byUnit.get("河南科技大学").getHeader("To", ",")).isEqualTo("clerk@example.edu.cn"); // latest sender
        MimeMessage haut = byUnit.get("河南工业大学");
        assertThat(haut.getHeader("To", ",")).isEqualTo("hngd@haut.example.edu.cn");
        List<String> names = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        Multipart mp = (Multipart) haut.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            Part p = mp.getBodyPart(i);
            if (p.getFileName() == null) {
                body.append(p.getContent());
            } else {
                names.add(MimeUtility.decodeText(p.getFileName()));
                String disposition = String.join("", ((jakarta.mail.internet.MimeBodyPart) p).getHeader("Content-Disposition"));
                assertThat(disposition).contains("filename=\"=?UTF-8?B?").contains("*=UTF-8''");
                assertThat(IncomingMail.name(p)).isEqualTo(names.get(names.size() - 1));
            }
        }
        assertThat(names).containsExactly("河南工业大学.xlsx", "附件5典型案例.xlsx");
        assertThat(body.toString()).contains("材料报送情况反馈").contains("河南工业大学：").contains("附件：河南工业大学.xlsx");
        int delivered = sent().length;

        Cli twice = Cli.run(props, args("send-feedback", "--send", "--output", work.resolve("output").toString(),
                "--registry", registry.toString()));
        assertThat(twice.code()).as(twice.err()).isZero();
        assertThat(twice.out()).contains("此前已发送");
        assertThat(sent()).hasSize(delivered);
    }

    @Test
    @Order(4)
    void remindersOnlyToUnitsMissingATemplateOnTheCampaignsDaysOncePerDay() throws Exception {
        int before = sent().length;
        Map<String, Object> day = new HashMap<>(props);
        day.put("huizong.mail.today", "2025-12-19"); // 附件1 is due in one day
        Cli r = Cli.run(day, args("send-reminders", "--send", "--output", work.resolve("output").toString(),
                "--registry", registry.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        MimeMessage[] all = sent();
        assertThat(all).hasSize(before + 1);
        MimeMessage reminder = all[all.length - 1];
        assertThat(reminder.getSubject()).isEqualTo("【教育助企中原行】催报：请报送结对包联（开封市教育局）");
        assertThat(reminder.getHeader("To", ",")).isEqualTo("kf@kaifeng.example.edu.cn");
        assertThat((String) ((Multipart) reminder.getContent()).getBodyPart(0).getContent()).contains("附件1 各地（校）结对包联情况汇总表").contains("2025年12月20日");

        Cli again = Cli.run(day, args("send-reminders", "--send", "--output", work.resolve("output").toString(),
                "--registry", registry.toString()));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(sent()).hasSize(before + 1);

        day.put("huizong.mail.today", "2025-12-18");
        Cli notToday = Cli.run(day, args("send-reminders", "--send", "--output", work.resolve("output").toString(),
                "--registry", registry.toString()));
        assertThat(notToday.out()).contains("不是催报日");
        assertThat(sent()).hasSize(before + 1);

        Cli list = Cli.run(props, args("mail"));
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("催报  开封市教育局 → kf@kaifeng.example.edu.cn").contains("反馈  河南工业大学")
                .contains(IncomingMail.CLOUD_LINK_ISSUE);
    }
}
