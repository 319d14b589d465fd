package cn.huizong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.huizong.campaign.CampaignLoader;
import cn.huizong.fixtures.SampleInbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stats API against the sample campaign consolidated by serve: every figure of /api/stats/* equals what is
 * counted by hand from the CSV feeds of output/latest ({@link FeedFigures}), unfiltered and under the filters; the
 * OpenAPI document at /api/docs is valid JSON and lists every endpoint; the dashboard's Excel downloads hold the
 * same numbers; bad filters, no result and no credentials get their answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "spring.datasource.url=jdbc:h2:mem:statsapi;DB_CLOSE_DELAY=-1",
        "HUIZONG_ADMIN_PASSWORD=admin-secret-1"})
class StatsApiTest {

    static final List<String> ENDPOINTS = List.of("summary", "by-city", "by-type", "timeline", "quota", "issues");

    @TempDir
    static Path work;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    ConsoleClient api;
    // the run once for the class (the server's port is known only to an instance)
    static FeedFigures feeds;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
        registry.add("huizong.console.input", () -> work.resolve("input/inbox").toString());
        registry.add("huizong.console.output", () -> work.resolve("output").toString());
    }

    @BeforeEach
    void consolidated() throws Exception {
        api = ConsoleClient.basic(port, "admin", "admin-secret-1");
        if (feeds != null) {
            return;
        }
        SampleInbox.write(work.resolve("input/inbox"), work.resolve("input/received.csv"));
        // before any run: 404 with a Chinese message, not an empty dashboard pretending to be data
        HttpResponse<String> none = api.get("/api/stats/summary");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json.readTree(none.body()).get("message").asString()).contains("还没有汇总结果");
        runToTheEnd(api, json);
        feeds = new FeedFigures(work.resolve("output/latest"), CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml")));
    }

    static void runToTheEnd(ConsoleClient api, JsonMapper json) throws Exception {
        HttpResponse<String> started = api.post("/api/runs", Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = json.readTree(started.body()).get("runId").asString();
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String status = "RUNNING";
        while (status.equals("RUNNING") && System.nanoTime() < end) {
            Thread.sleep(200);
            status = json.readTree(api.get("/api/runs/" + runId).body()).get("status").asString();
        }
        assertThat(status).isEqualTo("COMPLETED");
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = api.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return json.readTree(r.body());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theSummaryIsTheFeedsCountedByHand() throws Exception {
        JsonNode s = get("/api/stats/summary");
        assertThat(s.get("run").get("runId").asString()).isEqualTo(work.resolve("output/latest").toRealPath()
                .getFileName().toString());
        assertThat(s.get("run").get("asOf").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+08:00");
        assertThat(s.get("units").asInt()).isEqualTo(feeds.completeness.size()).isEqualTo(197);
        assertThat(s.get("unitsWithErrors").asInt()).isEqualTo(feeds.unitsWithErrors(u -> true)).isPositive();
        assertTemplates(s.get("templates"), u -> true);
        // the sample campaign's own figures, for the record: 19 bureaus owe 附件1, 6 sent (one late), 安阳 returned
        JsonNode pairing = s.get("templates").get(0);
        assertThat(pairing.get("template").asString()).isEqualTo("pairing");
        assertThat(List.of(pairing.get("expected").asInt(), pairing.get("sent").asInt(), pairing.get("late").asInt(),
                pairing.get("missing").asInt(), pairing.get("returned").asInt())).containsExactly(19, 6, 1, 13, 1);
        JsonNode cases = s.get("templates").get(1);
        assertThat(cases.get("expected").asInt()).isEqualTo(197);
        assertThat(cases.get("late").asInt()).isEqualTo(1);
        assertThat(cases.get("returned").asInt()).isEqualTo(3);
    }

    @Test
    void filtersNarrowTheSummaryAsTheFeedsDo() throws Exception {
        JsonNode city = get("/api/stats/summary?city=" + q("郑州市"));
        assertThat(city.get("filters").get("city").asString()).isEqualTo("郑州市");
        assertThat(city.get("units").asInt()).isEqualTo(feeds.units(feeds.unitIs("郑州市", null)).size());
        assertThat(city.get("unitsWithErrors").asInt()).isEqualTo(feeds.unitsWithErrors(feeds.unitIs("郑州市", null)));
        assertTemplates(city.get("templates"), feeds.unitIs("郑州市", null));

        JsonNode dfc = get("/api/stats/summary?type=dfc");
        assertTemplates(dfc.get("templates"), feeds.unitIs(null, "dfc"));

        JsonNode both = get("/api/stats/summary?city=" + q("郑州市") + "&type=vocational&template=cases");
        assertThat(both.get("templates")).hasSize(1);
        assertThat(both.get("templates").get(0).get("template").asString()).isEqualTo("cases");
        assertTemplates(both.get("templates"), feeds.unitIs("郑州市", "vocational"));
    }

    private void assertTemplates(JsonNode templates, Predicate<CSVRecord> which) {
        for (JsonNode t : templates) {
            FeedFigures.Counts c = feeds.counts(t.get("template").asString(), which);
            assertThat(List.of(t.get("expected").asInt(), t.get("sent").asInt(), t.get("onTime").asInt(),
                    t.get("late").asInt(), t.get("missing").asInt(), t.get("returned").asInt()))
                    .as(t.get("template").asString())
                    .containsExactly(c.expected(), c.sent(), c.onTime(), c.late(), c.missing(), c.returned());
            assertThat(t.get("rowsAccepted").asLong()).as("rows " + t.get("template").asString()).isEqualTo(c.rows());
        }
    }

    @Test
    void byCityAndByTypeSplitTheSameCounts() throws Exception {
        JsonNode byCity = get("/api/stats/by-city").get("groups");
        List<String> cities = new ArrayList<>();
        byCity.forEach(g -> cities.add(g.get("key").asString()));
        assertThat(cities).as("registry order").containsExactlyElementsOf(feeds.cities());
        for (JsonNode g : byCity) {
            String city = g.get("key").asString();
            assertThat(g.get("units").asInt()).isEqualTo(feeds.units(feeds.unitIs(city, null)).size());
            assertGroup(g, feeds.unitIs(city, null));
        }
        JsonNode byType = get("/api/stats/by-type").get("groups");
        assertThat(byType).hasSize(4);
        assertThat(byType.get(0).get("label").asString()).isEqualTo("“双一流”建设和创建高校");
        for (JsonNode g : byType) {
            assertGroup(g, feeds.unitIs(null, g.get("key").asString()));
        }
        // a filter applies: 开封市 alone, 附件5 alone
        JsonNode kaifeng = get("/api/stats/by-type?city=" + q("开封市") + "&template=cases").get("groups");
        for (JsonNode g : kaifeng) {
            assertThat(g.get("templates")).hasSize(1);
            assertGroup(g, feeds.unitIs("开封市", g.get("key").asString()));
        }
        int sum = 0;
        for (JsonNode g : kaifeng) {
            sum += g.get("units").asInt();
        }
        assertThat(sum).isEqualTo(feeds.units(feeds.unitIs("开封市", null)).size());
    }

    private void assertGroup(JsonNode g, Predicate<CSVRecord> which) {
        for (JsonNode t : g.get("templates")) {
            FeedFigures.Counts c = feeds.counts(t.get("template").asString(), which);
            assertThat(List.of(t.get("expected").asInt(), t.get("onTime").asInt(), t.get("late").asInt(),
                    t.get("missing").asInt(), t.get("returned").asInt()))
                    .as(g.get("key").asString() + " " + t.get("template").asString())
                    .containsExactly(c.expected(), c.onTime(), c.late(), c.missing(), c.returned());
        }
    }

    @Test
    void theTimelineCountsFilesAndFirstSubmissionsPerDayUpToTheUnitsThatSent() throws Exception {
        JsonNode t = get("/api/stats/timeline").get("templates");
        assertThat(t).hasSize(2);
        for (JsonNode x : t) {
            String template = x.get("template").asString();
            assertThat(x.get("deadline").asString()).isEqualTo(feeds.campaign.template(template).orElseThrow()
                    .deadline().toString());
            List<FeedFigures.Day> days = new ArrayList<>();
            x.get("days").forEach(d -> days.add(new FeedFigures.Day(d.get("date").asString(), d.get("files").asInt(),
                    d.get("units").asInt(), d.get("cumulative").asInt())));
            assertThat(days).as(template).containsExactlyElementsOf(feeds.timeline(template));
            // at the end: every unit that has sent it (accepted), on time or late
            assertThat(days.get(days.size() - 1).cumulative()).isEqualTo(feeds.counts(template, u -> true).sent());
        }
        assertThat(get("/api/stats/timeline?template=pairing&city=" + q("南阳市")).get("templates").get(0).get("days"))
                .hasSize(2); // 南阳's 附件1, then its revised file two days later
    }

    @Test
    void quotaUseIsQuotaCsvWithTheMostOverFirst() throws Exception {
        JsonNode quota = get("/api/stats/quota");
        Map<String, List<String>> expected = new HashMap<>();
        for (CSVRecord r : feeds.quota) {
            expected.put(r.get("unit"), List.of(r.get("quota"), r.get("valid_cases"), r.get("accepted"), r.get("over_quota")));
        }
        Map<String, List<String>> actual = new HashMap<>();
        quota.get("units").forEach(u -> actual.put(u.get("unit").asString(), List.of(u.get("quota").isNull() ? ""
                : u.get("quota").asString(), u.get("validCases").asString(), u.get("accepted").asString(),
                u.get("overQuota").asString())));
        assertThat(actual).isEqualTo(expected);
        assertThat(quota.get("units").get(0).get("overQuota").asInt()).isEqualTo(1);
        assertThat(quota.get("overQuota").asInt()).isEqualTo(feeds.quota.stream()
                .mapToInt(r -> Integer.parseInt(r.get("over_quota"))).sum()).isEqualTo(2);
        assertThat(get("/api/stats/quota?template=pairing").get("units")).as("附件1 has no quota").isEmpty();
        JsonNode dfc = get("/api/stats/quota?type=dfc").get("units");
        assertThat(dfc).hasSize((int) feeds.quota.stream().filter(r -> r.get("unit_type").equals("dfc")).count());
    }

    @Test
    void issuesAreCountedByCodeAndSeverityAndByUnit() throws Exception {
        JsonNode issues = get("/api/stats/issues");
        assertThat(issues.get("total").asInt()).isEqualTo(feeds.issues.size()).isEqualTo(33);
        Map<String, Integer> byCode = new HashMap<>();
        issues.get("byCode").forEach(c -> byCode.put(c.get("code").asString() + "/" + c.get("severity").asString(),
                c.get("count").asInt()));
        assertThat(byCode).isEqualTo(feeds.issuesByCode(u -> true, false));
        assertThat(issues.get("byCode").get(0).get("severity").asString()).isEqualTo("error");
        assertThat(issues.get("byCode").get(0).get("severityLabel").asString()).isEqualTo("错误");
        long errors = 0;
        for (JsonNode u : issues.get("byUnit")) {
            errors += u.get("errors").asLong();
        }
        assertThat(errors).isEqualTo(feeds.issues.stream().filter(i -> i.get("severity").equals("error")).count());

        JsonNode zhengzhou = get("/api/stats/issues?city=" + q("郑州市"));
        Map<String, Integer> zz = new HashMap<>();
        zhengzhou.get("byCode").forEach(c -> zz.put(c.get("code").asString() + "/" + c.get("severity").asString(),
                c.get("count").asInt()));
        assertThat(zz).isEqualTo(feeds.issuesByCode(feeds.unitIs("郑州市", null), true));
        // by the template of the file an issue is in
        Set<String> caseCodes = new TreeSet<>();
        get("/api/stats/issues?template=cases").get("byCode").forEach(c -> caseCodes.add(c.get("code").asString()));
        assertThat(caseCodes).contains("SUMMARY_TOO_LONG", "OVER_QUOTA").doesNotContain("INVALID_PHONE", "ENCRYPTED_FILE");
    }

    @Test
    void badFiltersAndMissingCredentialsAreAnswered() throws Exception {
        HttpResponse<String> type = api.get("/api/stats/summary?type=school");
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(json.readTree(type.body()).get("message").asString()).contains("单位类型“school”无效");
        HttpResponse<String> template = api.get("/api/stats/by-city?template=x");
        assertThat(template.statusCode()).isEqualTo(400);
        assertThat(json.readTree(template.body()).get("message").asString()).contains("表格“x”无效", "pairing");
        assertThat(get("/api/stats/summary?city=" + q("不存在市")).get("units").asInt()).isZero();
        ConsoleClient nobody = ConsoleClient.basic(port, "nobody", "wrong-password"); // not admin: five would lock it
        for (String e : ENDPOINTS) {
            assertThat(nobody.get("/api/stats/" + e).statusCode()).as(e).isEqualTo(401);
        }
    }

    @Test
    void theOpenApiDocumentIsValidJsonAndListsEveryEndpoint() throws Exception {
        JsonNode doc = get("/api/docs");
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        assertThat(doc.get("info").get("title").asString()).isNotBlank();
        JsonNode paths = doc.get("paths");
        for (String e : ENDPOINTS) {
            JsonNode op = paths.get("/api/stats/" + e);
            assertThat(op).as(e).isNotNull();
            assertThat(op.get("get").get("summary").asString()).as(e).isNotBlank();
            List<String> params = new ArrayList<>();
            op.get("get").get("parameters").forEach(p -> params.add(p.get("name").asString() + " in "
                    + p.get("in").asString() + ": " + p.get("description").asString()));
            assertThat(params).as(e).containsExactlyInAnyOrder("city in query: 地市，名录中的写法，如 郑州市；空为全部",
                    "type in query: 单位类型编号：city、dfc、undergrad、vocational；空为全部",
                    "template in query: 表格编号，如 pairing、cases；空为全部");
            assertThat(op.get("get").get("responses").has("200")).isTrue();
        }
        // every /api/stats path in the document is one of them, and the rest of the API is there too
        List<String> stats = new ArrayList<>();
        paths.propertyNames().forEach(p -> {
            if (p.startsWith("/api/stats/")) {
                stats.add(p.substring("/api/stats/".length()));
            }
        });
        assertThat(stats).containsExactlyInAnyOrderElementsOf(ENDPOINTS);
        assertThat(paths.has("/api/runs")).isTrue();
        assertThat(doc.get("components").get("securitySchemes").get("basic").get("scheme").asString()).isEqualTo("basic");
        HttpResponse<String> ui = api.get("/api/docs/ui");
        assertThat(ui.statusCode()).isEqualTo(302);
        HttpResponse<String> page = api.get(ui.headers().firstValue("Location").orElseThrow());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(ConsoleClient.basic(port, "nobody", "wrong").get("/api/docs").statusCode()).isEqualTo(401);
    }

    @Test
    void eachChartDownloadsAsExcelWithTheSameNumbers() throws Exception {
        ConsoleClient browser = ConsoleClient.browser(port, "admin", "admin-secret-1");
        HttpResponse<byte[]> x = browser.bytes("/stats/export?chart=by-city&template=pairing");
        assertThat(x.statusCode()).isEqualTo(200);
        assertThat(x.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("地市");
            assertThat(s.getLastRowNum()).isEqualTo(feeds.cities().size());
            Row zz = s.getRow(1);
            assertThat(zz.getCell(0).getStringCellValue()).isEqualTo("郑州市");
            FeedFigures.Counts c = feeds.counts("pairing", feeds.unitIs("郑州市", null));
            // 地市, 单位数, 表格, 截止日期, 应报, 已报, 按时报送, 逾期报送, 未报, 其中退回待复报
            assertThat(zz.getCell(4).getNumericCellValue()).isEqualTo(c.expected());
            assertThat(zz.getCell(5).getNumericCellValue()).isEqualTo(c.sent());
            assertThat(zz.getCell(8).getNumericCellValue()).isEqualTo(c.missing());
        }
        for (String chart : ENDPOINTS) {
            HttpResponse<byte[]> r = browser.bytes("/stats/export?chart=" + chart);
            assertThat(r.statusCode()).as(chart).isEqualTo(200);
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
                assertThat(wb.getSheetAt(0).getPhysicalNumberOfRows()).as(chart).isGreaterThan(1);
            }
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(browser.bytes("/stats/export?chart=issues").body()))) {
            assertThat(wb.getSheet("按问题代码").getLastRowNum()).isEqualTo(feeds.issuesByCode(u -> true, false).size());
        }
        assertThat(browser.bytes("/stats/export?chart=nope").statusCode()).isEqualTo(404);

        // the page itself: KPI numbers as text, no inline script, chart data in a data attribute
        HttpResponse<String> page = browser.get("/stats?template=pairing");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("统计看板", "数据截至", "退回待复报", "data-stats=", "/webjars/echarts/",
                "/js/dashboard.js").doesNotContain("<script>");
        HttpResponse<String> list = browser.get("/stats/issues?code=INVALID_PHONE&severity=error");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("INVALID_PHONE", "郑州市教育局");
    }
}
