package cn.huizong.web;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.fixtures.SampleInbox;
import cn.huizong.fixtures.Workbooks;

/**
 * 首页 over two runs of the sample inbox: 退回待复报 as the roster counts it, the to-dos (returned files and files
 * with errors not yet resent), and what the second result changed (new files, units newly complete, new errors);
 * a run's page shows its own log lines, escaped.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=jdbc:h2:mem:homepages;DB_CLOSE_DELAY=-1", "HUIZONG_ADMIN_PASSWORD=admin-secret-1"})
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HomeAndRunLogPagesTest {

    @TempDir
    static Path work;

    @Autowired
    MockMvc mvc;

    @Autowired
    RunService runs;

    @Autowired
    ServeSettings settings;

    static final RequestPostProcessor CLERK = user("clerk1").roles("CLERK");

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
        registry.add("huizong.console.input", () -> work.resolve("input/inbox").toString());
        registry.add("huizong.console.output", () -> work.resolve("output").toString());
    }

    @BeforeAll
    static void inbox() throws Exception {
        SampleInbox.write(work.resolve("input/inbox"), work.resolve("input/received.csv"));
    }

    @Test
    @Order(1)
    void theHomePageCountsReturnedUnitsListsToDosAndWhatChangedSinceTheRunBefore() throws Exception {
        assertThat(page("/")).contains("尚无汇总结果").doesNotContain("待办：等待重新报送的文件");

        RunStatus first = run();
        String home = page("/");
        // 安阳's only pairing file was encrypted, hence returned: the same count as the roster's 退回待复报 filter
        int returnedOnRoster = count(page("/roster?status=RETURNED&template=pairing"), "data-unit=\"");
        assertThat(returnedOnRoster).isPositive();
        assertThat(templateRow(home, "附件1")).endsWith(">" + returnedOnRoster + "</td>");
        assertThat(home).contains("这是第一次汇总结果");
        String todos = section(home, "id=\"todos\"");
        assertThat(todos).contains("href=\"/roster/unit?name=%E5%AE%89%E9%98%B3%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80\"",
                "安阳市教育局/附件1（加密）.xlsx", "data-unit=\"许昌学院\"", "data-unit=\"郑州市教育局\"")
                // 南阳 sent a corrected version after its first one: nothing waits for it
                .doesNotContain("data-unit=\"南阳市教育局\"");

        // 安阳 resends its pairing table, 许昌市教育局 sends one with an error
        upload("安阳市教育局", "附件1.xlsx", Workbooks.xlsxBytes(Workbooks.pairingSheet("安阳市教育局", List.of(
                r("安阳市教育局", "安阳高新区", "段飞 13703720001", "唐宁 13703720002", "钢铁人才", "结对", "推进", "长期")))));
        upload("安阳市教育局", "附件5.xlsx", Workbooks.xlsxBytes(Workbooks.casesSheet("安阳市教育局", List.of(
                r(1, "校企共建钢铁产业学院", "安阳市教育局组织职业院校与钢铁企业共建产业学院，年培训技能人才800人。", "安阳市教育局",
                        "市级教育行政部门", "唐宁", "13703720002")))));
        upload("许昌市教育局", "附件1.xlsx", ConsolePagesTest.pairingWithABadPhone());
        RunStatus second = run();
        assertThat(second.dataRunId()).isNotEqualTo(first.dataRunId());

        home = page("/");
        assertThat(home).contains("对比运行 <a href=\"/runs/" + first.dataRunId() + "\">");
        assertThat(strong(home, "new-files")).isEqualTo(3);
        assertThat(strong(home, "new-complete")).isEqualTo(1);
        String changes = home.substring(home.indexOf("与上一次结果相比"));
        assertThat(changes).contains("安阳市教育局/附件1.xlsx", "许昌市教育局/附件1.xlsx", "INVALID_PHONE")
                .containsPattern("新完成报送的单位</h3>\\s*<ul class=\"changes\">\\s*<li><a href=\"/roster/unit\\?name=[^\"]+\">"
                        + "安阳市教育局</a>");
        // the new errors are exactly those of 许昌市教育局's file: the files of the first run bring none again
        assertThat(strong(home, "new-errors")).isPositive();
        String errors = changes.substring(changes.indexOf("新错误</h3>"));
        List<String> items = List.of(errors.substring(0, errors.indexOf("</ul>")).split("<li>"));
        assertThat(items.subList(1, items.size())).hasSize(strong(home, "new-errors"))
                .allSatisfy(li -> assertThat(li).contains("许昌市教育局"));
        assertThat(templateRow(home, "附件1")).endsWith(">" + (returnedOnRoster - 1) + "</td>");
        todos = section(home, "id=\"todos\"");
        assertThat(todos).contains("data-unit=\"许昌市教育局\"", "data-unit=\"许昌学院\"")
                .doesNotContain("data-unit=\"安阳市教育局\"");
    }

    @Test
    @Order(2)
    void aRunsPageShowsItsLastLogLinesEscaped() throws Exception {
        RunStatus s = run();
        Path log = work.resolve("data/logs/huizong.log");
        Files.createDirectories(log.getParent());
        ZoneOffset z = ZoneOffset.ofHours(8);
        String before = OffsetDateTime.ofInstant(s.startedAt().minusSeconds(3600), z).toString();
        String during = OffsetDateTime.ofInstant(s.startedAt(), z).toString();
        String after = OffsetDateTime.ofInstant(s.finishedAt().plusSeconds(3600), z).toString();
        List<String> lines = new ArrayList<>();
        lines.add(before + "  INFO 1 --- [huizong] [main] c.h.Other : an hour before, not this run");
        lines.add(during + "  WARN 1 --- [huizong] [job] c.h.Reader : odd file <b>x</b> & more");
        lines.add("\tat cn.huizong.Reader.read(Reader.java:1)");
        for (int i = 0; i < 50; i++) {
            lines.add(after + "  INFO 1 --- [huizong] [web] c.h.W : later line " + i + (i == 49 ? " about run " + s.runId() : ""));
        }
        Files.write(log, lines, StandardCharsets.UTF_8);

        String html = page("/runs/" + s.runId());
        String pre = html.substring(html.indexOf("<pre class=\"log\" id=\"run-log\">"), html.indexOf("</pre>",
                html.indexOf("id=\"run-log\"")));
        assertThat(html).contains("日志（最后 <span>3</span> 行）");
        assertThat(pre).contains("odd file &lt;b&gt;x&lt;/b&gt; &amp; more", "\tat cn.huizong.Reader.read",
                "later line 49 about run " + s.runId()).doesNotContain("<b>", "an hour before", "later line 48");
    }

    private RunStatus run() throws Exception {
        RunService.Started started = runs.start(settings.request("clerk1"));
        assertThat(started.started()).isTrue();
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            RunStatus last = runs.status(started.runId()).orElse(null);
            if (last != null && last.status() != RunStatus.State.RUNNING && runs.running().isEmpty()) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + started.runId() + " did not end: " + runs.status(started.runId()));
    }

    private void upload(String unit, String name, byte[] bytes) throws Exception {
        mvc.perform(multipart("/upload").file(new MockMultipartFile("file", name, "application/octet-stream", bytes))
                .param("receivedAt", "2025-12-21T10:00").param("unit", unit).with(CLERK).with(csrf()))
                .andExpect(status().isOk());
    }

    private String page(String url) throws Exception {
        return mvc.perform(get(url).with(CLERK)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The table row of a template on the home page, up to its last cell (退回待复报). */
    private static String templateRow(String html, String title) {
        int at = html.indexOf("<td>" + title);
        return html.substring(at, html.indexOf("</tr>", at)).strip();
    }

    private static String section(String html, String marker) {
        int at = html.indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        return html.substring(at, html.indexOf("</table>", at));
    }

    private static int strong(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int count(String html, String s) {
        int n = 0;
        for (int i = html.indexOf(s); i >= 0; i = html.indexOf(s, i + 1)) {
            n++;
        }
        return n;
    }
}
