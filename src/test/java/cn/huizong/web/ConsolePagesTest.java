package cn.huizong.web;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.huizong.fixtures.SampleInbox;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.app.CliArguments;
import cn.huizong.app.RunLock;
import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.app.ValidateCommand;

/**
 * The pages with a real inbox, registry and run: an upload lands in serve's inbox without overwriting anything,
 * shows validate's issues cell by cell and records its received time; same bytes are not stored twice; a run
 * started on 汇总 can be followed, listed and downloaded from; a path out of the run folder answers 400; a press
 * while another run holds the lock says which run.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=jdbc:h2:mem:consolepages;DB_CLOSE_DELAY=-1", "HUIZONG_ADMIN_PASSWORD=admin-secret-1"})
@AutoConfigureMockMvc
class ConsolePagesTest {

    @TempDir
    static Path work;

    @Autowired
    MockMvc mvc;

    @Autowired
    RunService runs;

    @Autowired
    RunLock lock;

    @Autowired
    cn.huizong.web.account.ConsoleUsers users;

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

    static byte[] pairingWithABadPhone() throws Exception {
        return Workbooks.xlsxBytes(Workbooks.pairingSheet("许昌市教育局", List.of(
                r("许昌市教育局", "许昌经济技术开发区", "王强 13812345678", "李明 电话待定", "电力装备人才", "共建实训基地", "推进中",
                        "2026年6月"),
                r("禹州市教育局", "", "赵六 13912345678", "李明 0374-2961234", "陶瓷技能", "送教入企", "已开展", "长期"))));
    }

    @Test
    void anUploadNeverOverwritesShowsValidatesIssuesAndRecordsItsReceivedTime() throws Exception {
        Path inbox = work.resolve("input/inbox");
        Path taken = inbox.resolve("许昌市教育局/附件1.xlsx");
        Files.createDirectories(taken.getParent());
        Files.writeString(taken, "an older, different file");
        byte[] bytes = pairingWithABadPhone();

        MvcResult r = mvc.perform(multipart("/upload").file(new MockMultipartFile("file", "附件1.xlsx",
                "application/octet-stream", bytes)).param("receivedAt", "2025-12-10T09:30").param("unit", "许昌市教育局")
                .with(CLERK).with(csrf())).andExpect(status().isOk()).andReturn();
        String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);

        Path stored = inbox.resolve("许昌市教育局/附件1（2）.xlsx");
        assertThat(Files.readString(taken)).isEqualTo("an older, different file");
        assertThat(stored).hasBinaryContent(bytes);
        assertThat(Files.readString(work.resolve("input/received.csv")))
                .contains("许昌市教育局/附件1（2）.xlsx,2025-12-10T09:30:00+08:00");
        assertThat(html).contains("许昌市教育局/附件1（2）.xlsx", "已保存，有错误", "许昌市教育局（");

        // validate on the same file (its time set to the received time) reports the same issues, cell by cell
        Files.setLastModifiedTime(stored, FileTime.from(OffsetDateTime.parse("2025-12-10T09:30:00+08:00").toInstant()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ValidateCommand.run(CliArguments.parse(new String[] {"validate", stored.toString()}),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        List<String[]> issues = issueLines(out.toString(StandardCharsets.UTF_8));
        assertThat(issues).extracting(i -> i[2]).contains("INVALID_PHONE", "MISSING_REQUIRED");
        for (String[] i : issues) {
            assertThat(html).contains("<td class=\"cell\">" + i[0] + "</td>", ">" + i[1] + "<", ">" + i[2] + "<", i[3]);
        }

        // the same bytes again, under another name and without a unit: recognised, not stored again
        long files = countFiles(inbox);
        String again = mvc.perform(multipart("/upload").file(new MockMultipartFile("file", "C:\\fakepath\\转发的附件.xlsx",
                "application/octet-stream", bytes)).with(CLERK).with(csrf())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(again).contains("重复文件，未再保存", "许昌市教育局/附件1（2）.xlsx");
        assertThat(countFiles(inbox)).isEqualTo(files);
        assertThat(Files.readString(work.resolve("input/received.csv"))).doesNotContain("转发的附件");
    }

    @Test
    void anUploadWithAnUnknownUnitIsRefusedAndNothingIsStored() throws Exception {
        long files = countFiles(work.resolve("input/inbox"));
        String html = mvc.perform(multipart("/upload").file(new MockMultipartFile("file", "x.xlsx", "application/octet-stream",
                pairingWithABadPhone())).param("unit", "不存在的单位").with(CLERK).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("不在单位名录中");
        assertThat(countFiles(work.resolve("input/inbox"))).isEqualTo(files);
    }

    @Test
    void aRunStartedOnThePageIsListedShownAndItsOutputsDownloadedButNothingOutsideItsFolder() throws Exception {
        MvcResult started = mvc.perform(post("/runs/start").with(CLERK).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        String runId = started.getResponse().getRedirectedUrl().replaceAll(".*id=", "");
        RunStatus done = await(runId);
        assertThat(done.status()).isIn(RunStatus.State.COMPLETED, RunStatus.State.UNCHANGED);
        assertThat(done.trigger()).isEqualTo("web");
        assertThat(done.startedBy()).isEqualTo("clerk1");

        String run = page("/run?id=" + runId);
        assertThat(run).contains(runId, "汇总完成", "查看运行详情并下载结果").doesNotContain("sse-connect");
        assertThat(page("/runs")).contains(runId, "网页（clerk1）");
        assertThat(page("/runs?status=FAILED")).doesNotContain(runId).contains("没有符合条件的运行");
        String detail = page("/runs/" + runId);
        assertThat(detail).contains("省级汇总表.xlsx", "csv/pairings.csv", "下载全部反馈（zip）", "读取并检查文件",
                "INVALID_PHONE");
        Path folder = work.resolve("output/runs").resolve(done.dataRunId());
        byte[] csv = mvc.perform(get("/runs/" + runId + "/download").param("path", "csv/pairings.csv").with(CLERK))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(csv).isEqualTo(Files.readAllBytes(folder.resolve("csv/pairings.csv")));
        MvcResult streaming = mvc.perform(get("/runs/" + runId + "/feedback.zip").with(CLERK)).andReturn();
        byte[] zip = mvc.perform(asyncDispatch(streaming)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("反馈/郑州大学.xlsx").allMatch(n -> n.startsWith("反馈/"));

        Files.writeString(work.resolve("output/secret.txt"), "not a run output");
        for (String bad : List.of("../../secret.txt", "csv/../../../secret.txt", "/etc/passwd", "..", "csv\\..\\..\\x")) {
            mvc.perform(get("/runs/" + runId + "/download").param("path", bad).with(CLERK))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(get("/api/runs/" + runId + "/outputs/csv/../../../secret.txt").with(httpBasic("admin", "admin-secret-1")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/runs/" + runId + "/outputs/..%2F..%2Fsecret.txt").with(httpBasic("admin", "admin-secret-1")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/runs/" + runId + "/download").param("path", "csv/nothing.csv").with(CLERK))
                .andExpect(status().isNotFound());
    }

    @Test
    void aPressWhileAnotherRunHoldsTheLockSaysWhichRunWhenAndByWhom() throws Exception {
        try (RunLock.Lease lease = lock.acquire("schedule", null, () -> {
        })) {
            lease.runId("20251209-020000-000");
            mvc.perform(post("/runs/start").with(CLERK).with(csrf())).andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("refused", org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("另一个汇总运行正在进行"),
                            org.hamcrest.Matchers.containsString("20251209-020000-000"),
                            org.hamcrest.Matchers.containsString("定时任务"))));
            assertThat(page("/run")).contains("正在进行的运行：20251209-020000-000");
        }
    }

    @Test
    void theHomePageShowsDeadlinesAndTheUploadPageTheUnits() throws Exception {
        assertThat(page("/")).contains("报送进度", "附件1 各地（校）结对包联情况汇总表", "2025-12-20", "应报");
        assertThat(page("/upload")).contains("收到时间", "郑州大学", "拖到这里");
    }

    private String page(String url) throws Exception {
        return mvc.perform(get(url).with(CLERK)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private RunStatus await(String runId) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        RunStatus last = null;
        while (System.nanoTime() < end) {
            last = runs.status(runId).orElse(null);
            // ended, and this process has recorded its summary (a moment after it released the lock)
            if (last != null && last.status() != RunStatus.State.RUNNING && runs.outcomeMessage(runId).isPresent()) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end; last seen: " + last);
    }

    /** validate's table: cell, level, code, message. */
    static List<String[]> issueLines(String out) {
        List<String[]> lines = new ArrayList<>();
        boolean table = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("单元格")) {
                table = true;
                continue;
            }
            if (table && !line.isBlank()) {
                lines.add(line.strip().split("\\s+", 4));
            }
        }
        return lines;
    }

    private static long countFiles(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
