package cn.huizong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.huizong.fixtures.SampleInbox;
import cn.huizong.app.Cli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console over real HTTP on a random port: a file over the size limit gets 413 (a Chinese page in the
 * browser, JSON for a script) and is not stored; the API uploads and checks a file, starts a run (409 while one
 * runs), whose event stream reaches its outcome, and serves outputs byte-identical to {@code consolidate} on the
 * same inbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "spring.datasource.url=jdbc:h2:mem:consolehttp;DB_CLOSE_DELAY=-1",
        "HUIZONG_ADMIN_PASSWORD=admin-secret-1", "huizong.limits.max-file-bytes=1MB"})
class ConsoleHttpTest {

    static final List<String> FEEDS = List.of("submissions.csv", "pairings.csv", "cases.csv", "quota.csv", "issues.csv",
            "completeness.csv");

    @TempDir
    static Path work;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

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
    void anUploadOverTheLimitIs413WithAChinesePageAndIsNotStored() throws Exception {
        byte[] big = new byte[1536 * 1024];
        new java.util.Random(1).nextBytes(big);
        long before = files();

        ConsoleClient browser = ConsoleClient.browser(port, "admin", "admin-secret-1");
        String token = browser.csrf("/upload");
        HttpResponse<String> page = browser.multipart("/upload", Map.of("receivedAt", ""), "大文件.xlsx", big,
                Map.of("X-CSRF-TOKEN", token));
        assertThat(page.statusCode()).isEqualTo(413);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("文件过大", "超过大小上限（1.0 MB）");

        HttpResponse<String> api = ConsoleClient.basic(port, "admin", "admin-secret-1").multipart("/api/files", Map.of(),
                "大文件.xlsx", big, Map.of());
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(json.readTree(api.body()).get("message").asString()).contains("超过大小上限");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void theApiUploadsRunsStreamsAndServesFeedsByteIdenticalToConsolidate() throws Exception {
        ConsoleClient api = ConsoleClient.basic(port, "admin", "admin-secret-1");
        byte[] bytes = ConsolePagesTest.pairingWithABadPhone();

        HttpResponse<String> up = api.multipart("/api/files", Map.of("receivedAt", "2025-12-10T09:30:00+08:00", "unit",
                "许昌市教育局"), "附件1.xlsx", bytes, Map.of());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode file = json.readTree(up.body());
        assertThat(file.get("path").asString()).isEqualTo("许昌市教育局/附件1.xlsx");
        assertThat(file.get("sha256").asString()).hasSize(64);
        assertThat(file.get("duplicate").asBoolean()).isFalse();
        assertThat(file.get("template").asString()).isEqualTo("pairing");
        assertThat(file.get("unit").asString()).isEqualTo("许昌市教育局");
        assertThat(file.get("errors").asInt()).isPositive();
        JsonNode issue = file.get("issues").get(0);
        for (String field : List.of("sheet", "row", "column", "severity", "code", "message")) {
            assertThat(issue.has(field)).as(field).isTrue();
        }
        HttpResponse<String> again = api.multipart("/api/files", Map.of(), "副本.xlsx", bytes, Map.of());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("duplicate").asBoolean()).isTrue();

        HttpResponse<String> started = api.post("/api/runs", Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = json.readTree(started.body()).get("runId").asString();
        HttpResponse<String> busy = api.post("/api/runs", Map.of());
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(json.readTree(busy.body()).get("message").asString()).contains("另一个汇总运行正在进行", runId);

        // the browser's event stream: progress, then the outcome, then the stream ends
        ConsoleClient browser = ConsoleClient.browser(port, "admin", "admin-secret-1");
        HttpResponse<Stream<String>> events = browser.http.send(browser.request("/runs/" + runId + "/events")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> lines = new ArrayList<>();
        try (Stream<String> s = events.body()) {
            for (Iterator<String> it = s.iterator(); it.hasNext();) {
                lines.add(it.next());
            }
        }
        String stream = String.join("\n", lines);
        assertThat(stream).contains("event:progress", "event:outcome", runId);
        String outcome = stream.substring(stream.indexOf("event:outcome"));
        assertThat(outcome).contains("完成", "汇总完成");

        JsonNode run = json.readTree(api.get("/api/runs/" + runId).body());
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("trigger").asString()).isEqualTo("web");
        assertThat(run.get("filesTotal").asInt()).isEqualTo(run.get("filesDone").asInt()).isEqualTo(32);
        for (String f : List.of("runId", "startedAt", "finishedAt", "rowsAccepted", "rowsRejected")) {
            assertThat(run.has(f)).as(f).isTrue();
        }
        assertThat(json.readTree(api.get("/api/runs/latest").body()).get("runId").asString()).isEqualTo(runId);
        assertThat(json.readTree(api.get("/api/runs?limit=1").body()).get(0).get("runId").asString()).isEqualTo(runId);
        assertThat(api.get("/api/runs/20000101-000000-000").statusCode()).isEqualTo(404);
        List<String> outputs = new ArrayList<>();
        json.readTree(api.get("/api/runs/" + runId + "/outputs").body()).forEach(n -> outputs.add(n.asString()));
        assertThat(outputs).contains("csv/pairings.csv", "省级汇总表.xlsx", "反馈/郑州大学.xlsx");
        HttpResponse<byte[]> xlsx = api.bytes("/api/runs/" + runId + "/outputs/"
                + java.net.URLEncoder.encode("省级汇总表.xlsx", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.body()).startsWith('P', 'K');

        // consolidate on the same inbox (the upload's received time is in the mail log it reads)
        Cli cli = Cli.run("consolidate", "--input", work.resolve("input/inbox").toString(), "--output",
                work.resolve("cli-out").toString(), "--data", work.resolve("cli-data").toString());
        assertThat(cli.code()).as(cli.err()).isZero();
        for (String feed : FEEDS) {
            HttpResponse<byte[]> r = api.bytes("/api/runs/" + runId + "/outputs/csv/" + feed);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).as(feed).isEqualTo(Files.readAllBytes(work.resolve("cli-out/latest/csv").resolve(feed)));
        }

        JsonNode roster = json.readTree(api.get("/api/roster").body());
        assertThat(roster.size()).isEqualTo(197);
        List<String> columns = new ArrayList<>();
        roster.get(0).propertyNames().forEach(columns::add);
        assertThat(columns).startsWith("unit", "unit_type", "city").contains("files_sent", "files_rejected");

        assertThat(api.postJson("/api/users", "{\"username\":\"clerk9\",\"password\":\"clerk-pass-9\",\"role\":\"CLERK\"}")
                .statusCode()).isEqualTo(201);
        assertThat(api.postJson("/api/users", "{\"username\":\"clerk9\",\"password\":\"clerk-pass-9\",\"role\":\"CLERK\"}")
                .statusCode()).isEqualTo(409);
        assertThat(api.postJson("/api/users", "{\"username\":\"x9\",\"password\":\"password-9\",\"role\":\"BOSS\"}")
                .statusCode()).isEqualTo(400);
        ConsoleClient clerk = ConsoleClient.basic(port, "clerk9", "clerk-pass-9");
        assertThat(clerk.get("/api/runs").statusCode()).isEqualTo(200);
        assertThat(clerk.postJson("/api/users", "{\"username\":\"x8\",\"password\":\"password-8\",\"role\":\"ADMIN\"}")
                .statusCode()).isEqualTo(403);
        // no session for scripts
        assertThat(clerk.get("/api/runs").headers().allValues("Set-Cookie")).isEmpty();
    }

    private static long files() throws Exception {
        try (var s = Files.walk(work.resolve("input/inbox"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
