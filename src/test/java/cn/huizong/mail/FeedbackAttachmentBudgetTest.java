package cn.huizong.mail;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.fixtures.Writeups;

/**
 * A letter whose marked copies would make the message too large for the unit's mail server: with a small
 * attachment budget (huizong.mail.max-attachment-bytes) the letter goes with its workbook and the copies that fit,
 * in order — a larger copy left out does not keep a smaller one after it out — and its body names the copy left
 * out. Real SMTP (GreenMail), a real run with two commented write-ups and a marked table.
 */
class FeedbackAttachmentBudgetTest {

    @TempDir
    Path work;
    GreenMail mail;
    Map<String, Object> props;

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        props = new HashMap<>(Map.of("huizong.mail.smtp.host", "127.0.0.1", "huizong.mail.smtp.port",
                mail.getSmtp().getPort(), "huizong.mail.smtp.ssl", false, "huizong.mail.smtp.from",
                "河南省教育厅汇总组 <huizong@example.edu.cn>"));
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void copiesOverTheBudgetStayOutAndTheBodyNamesThem() throws Exception {
        Path inbox = work.resolve("inbox");
        Path zzu = inbox.resolve("郑州大学");
        Files.createDirectories(zzu);
        Workbooks.xlsx(zzu.resolve("附件5.xlsx"), Workbooks.casesSheet("郑州大学", List.of(
                r(1, "产教融合共同体建设", "简介。", "郑州大学", "高校", "王芳", "12345"))));
        // two write-ups of two cases with their photos (none sent as JPG, matching no case): commented copies
        Writeups.direct(zzu.resolve("案例一.docx"), Set.of(), "郑州大学校企协同创新助企典型案例");
        Writeups.direct(zzu.resolve("案例二.docx"), Set.of(Writeups.Mistake.FANGSONG_BODY), "郑州大学黄河流域生态保护做法");
        Path registry = work.resolve("registry.csv");
        Files.writeString(registry, """
                unit_name,unit_type,city,aliases,emails
                郑州大学,dfc,郑州市,,kyc@zzu.example.edu.cn
                """);
        Path output = work.resolve("output");
        String db = "jdbc:h2:file:" + work.resolve("data/huizong");
        Cli run = Cli.run(props, "consolidate", "--input", inbox.toString(), "--registry", registry.toString(),
                "--output", output.toString(), "--data", work.resolve("data").toString(), "--db", db);
        assertThat(run.code()).as(run.err() + run.out()).isZero();

        Path feedback;
        try (Stream<Path> runs = Files.list(output.resolve("runs"))) {
            feedback = runs.findFirst().orElseThrow().resolve("反馈");
        }
        Path letter = feedback.resolve("郑州大学.xlsx");
        Path first = feedback.resolve("郑州大学/案例一.docx");
        Path second = feedback.resolve("郑州大学/案例二.docx");
        Path table = feedback.resolve("郑州大学/附件5.xlsx");
        try (Stream<Path> copies = Files.list(feedback.resolve("郑州大学"))) {
            assertThat(copies.map(p -> p.getFileName().toString()).sorted()).containsExactly("案例一.docx", "案例二.docx",
                    "附件5.xlsx");
        }
        assertThat(Files.size(second)).as("a write-up with photos outweighs the table").isGreaterThan(Files.size(table));
        // room for the letter, the first write-up and the table: the second write-up (in between) stays out
        long budget = AttachmentBudget.encoded(Files.size(letter)) + AttachmentBudget.encoded(Files.size(first))
                + AttachmentBudget.encoded(Files.size(table));
        props.put("huizong.mail.max-attachment-bytes", String.valueOf(budget));

        Cli sent = Cli.run(props, "send-feedback", "--send", "--output", output.toString(), "--registry",
                registry.toString(), "--data", work.resolve("data").toString(), "--db", db);
        assertThat(sent.code()).as(sent.err() + sent.out()).isZero();
        assertThat(sent.out()).contains("郑州大学 → kyc@zzu.example.edu.cn：已发送").contains("未随信附上的标注副本：案例二.docx");

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        long encoded = 0;
        StringBuilder body = new StringBuilder();
        Multipart mp = (Multipart) received[0].getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            Part p = mp.getBodyPart(i);
            if (p.getFileName() == null) {
                body.append(p.getContent());
            } else {
                names.add(MimeUtility.decodeText(p.getFileName()));
                types.add(p.getContentType().replaceAll("(?s);.*", "").strip());
                encoded += p.getSize();
            }
        }
        assertThat(names).containsExactly("郑州大学.xlsx", "案例一.docx", "附件5.xlsx");
        // a Word copy travels as Word, so mail clients offer to open it with Word or WPS
        assertThat(types).containsExactly("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(encoded).as("the attachments as they travel").isLessThanOrEqualTo(budget);
        assertThat(body.toString()).contains("附件：郑州大学.xlsx（反馈意见和问题清单）")
                .contains("在问题段落旁加了批注的文档副本：案例一.docx。")
                .contains("以下标注副本因附件总大小超过邮件限制未随信附上，请联系省教育厅获取：反馈/郑州大学/案例二.docx（");
        String attachedLine = body.substring(body.indexOf("附件：郑州大学.xlsx"));
        assertThat(attachedLine.substring(0, attachedLine.indexOf('\n'))).doesNotContain("案例二.docx");
    }

    @Test
    void theEncodedSizeIsBase64InLinesOf76() {
        assertThat(AttachmentBudget.encoded(0)).isZero();
        assertThat(AttachmentBudget.encoded(1)).isEqualTo(4 + 2);
        assertThat(AttachmentBudget.encoded(57)).isEqualTo(76 + 2);
        assertThat(AttachmentBudget.encoded(58)).isEqualTo(80 + 4);
        // 30 MB of photos travel as about 40 MB
        assertThat(AttachmentBudget.encoded(30L << 20)).isBetween(40L << 20, 42L << 20);
    }
}
