package cn.huizong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.huizong.campaign.CampaignLoader;
import cn.huizong.fixtures.SampleInbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 统计看板 in headless Debian Chromium on the consolidated sample campaign: each chart is drawn (an ECharts
 * instance on its element) with the campaign's numbers — read from the chart's option, not from pixels — equal to
 * the CSV feeds counted by hand; the KPI strip says the same; a click on a city's bar lands on 报送情况 filtered by
 * that city, template and state. Takes the README's screenshot (target/screenshots, or the folder named by
 * {@code -Dhuizong.screenshots=docs/screenshots}). Skipped where /usr/bin/chromium or /usr/bin/chromedriver is
 * absent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "spring.datasource.url=jdbc:h2:mem:statsbrowser;DB_CLOSE_DELAY=-1",
        "HUIZONG_ADMIN_PASSWORD=admin-secret-1"})
class StatsDashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> STATES = List.of("已报送", "逾期报送", "退回待复报", "未报送");

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

    @Test
    void theDashboardDrawsTheCampaignsNumbersAndACityBarOpensTheRoster() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: Debian chromium and chromium-driver are not installed (/usr/bin/chromium, "
                        + "/usr/bin/chromedriver); apt-get install chromium chromium-driver fonts-noto-cjk");
        SampleInbox.write(work.resolve("input/inbox"), work.resolve("input/received.csv"));
        StatsApiTest.runToTheEnd(ConsoleClient.basic(port, "admin", "admin-secret-1"), json);
        FeedFigures feeds = new FeedFigures(work.resolve("output/latest"),
                CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml")));
        Path shots = Files.createDirectories(Path.of(System.getProperty("huizong.screenshots", "target/screenshots")));

        ChromeDriver driver = chrome();
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            String base = "http://localhost:" + port;
            driver.get(base + "/stats");
            wait.until(ExpectedConditions.urlContains("/login"));
            driver.findElement(By.name("username")).sendKeys("admin");
            driver.findElement(By.name("password")).sendKeys("admin-secret-1");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-rendered", "5"));
            assertThat(driver.getCurrentUrl()).contains("/stats");

            // KPI strip: the same numbers as the feeds, each with its label
            for (String template : List.of("pairing", "cases")) {
                FeedFigures.Counts c = feeds.counts(template, u -> true);
                WebElement group = driver.findElement(By.cssSelector(".kpi-group[data-template='" + template + "']"));
                Map<String, String> tiles = new HashMap<>();
                group.findElements(By.cssSelector(".kpi")).forEach(k -> tiles.put(
                        k.findElement(By.cssSelector(".kpi-label")).getText(), k.findElement(By.cssSelector(".kpi-value")).getText()));
                assertThat(tiles).as(template).containsExactlyInAnyOrderEntriesOf(Map.of("应报", "" + c.expected(),
                        "已报", "" + c.sent(), "未报", "" + c.missing(), "逾期", "" + c.late(), "退回待复报", "" + c.returned()));
            }
            assertThat(driver.findElement(By.id("as-of")).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

            // 各地市报送情况: cities in registry order, one stack per template, one series per state
            JsonNode city = option(driver, "chart-city");
            List<String> cities = feeds.cities();
            assertThat(strings(city.get("xAxis").get(0).get("data"))).containsExactlyElementsOf(cities);
            assertStacks(city, feeds, cities.stream().map(c -> feeds.unitIs(c, null)).toList());

            // 按单位类型
            JsonNode type = option(driver, "chart-type");
            assertThat(strings(type.get("xAxis").get(0).get("data"))).containsExactly("“双一流”建设和创建高校",
                    "其他本科高校", "高职高专院校", "市级教育行政部门");
            assertStacks(type, feeds, List.of("dfc", "undergrad", "vocational", "city").stream()
                    .map(t -> feeds.unitIs(null, t)).toList());

            // 报送进度: cumulative units per day, the deadline marked
            JsonNode timeline = option(driver, "chart-timeline");
            for (String template : List.of("pairing", "cases")) {
                String label = template.equals("pairing") ? "附件1" : "附件5";
                JsonNode line = series(timeline, label + " 累计已报单位");
                List<String> points = new ArrayList<>();
                line.get("data").forEach(p -> points.add(p.get(0).asString() + "=" + p.get(1).asInt()));
                assertThat(points).containsExactlyElementsOf(feeds.timeline(template).stream()
                        .map(d -> d.date() + "=" + d.cumulative()).toList());
                List<String> marks = new ArrayList<>();
                line.get("markLine").get("data").forEach(m -> marks.add(m.get("name").asString()));
                String deadline = feeds.campaign.template(template).orElseThrow().deadline().toString();
                assertThat(marks).contains(label + " 截止 " + deadline);
            }

            // 案例限额使用: the units of quota.csv, the most over quota first
            JsonNode quota = option(driver, "chart-quota");
            List<String> units = strings(quota.get("yAxis").get(0).get("data"));
            assertThat(units).containsExactlyInAnyOrderElementsOf(feeds.quota.stream().map(r -> r.get("unit")).toList());
            assertThat(units.get(0)).isIn("郑州大学", "郑州铁路职业技术学院");
            Map<String, CSVRecord> byUnit = new HashMap<>();
            feeds.quota.forEach(r -> byUnit.put(r.get("unit"), r));
            JsonNode accepted = series(quota, "采用").get("data");
            JsonNode over = series(quota, "超出限额").get("data");
            for (int i = 0; i < units.size(); i++) {
                assertThat(accepted.get(i).asInt()).isEqualTo(Integer.parseInt(byUnit.get(units.get(i)).get("accepted")));
                assertThat(over.get(i).asInt()).isEqualTo(Integer.parseInt(byUnit.get(units.get(i)).get("over_quota")));
            }

            // 问题（按代码）: one bar per code, stacked by severity
            JsonNode issues = option(driver, "chart-issues");
            List<String> codes = strings(issues.get("xAxis").get(0).get("data"));
            Map<String, Integer> drawn = new HashMap<>();
            for (String severity : List.of("error", "warning", "info")) {
                String label = Map.of("error", "错误", "warning", "提醒", "info", "说明").get(severity);
                JsonNode data = series(issues, label).get("data");
                for (int i = 0; i < codes.size(); i++) {
                    if (data.get(i).asInt() > 0) {
                        drawn.put(codes.get(i) + "/" + severity, data.get(i).asInt());
                    }
                }
            }
            assertThat(drawn).isEqualTo(feeds.issuesByCode(u -> true, false));

            screenshot(driver, shots.resolve("dashboard.png"));

            // a click on 郑州市's 附件5 未报送 segment opens 报送情况 filtered by it
            int index = cities.indexOf("郑州市");
            clickStackSegment(driver, "chart-city", "附件5 未报送", index);
            wait.until(ExpectedConditions.urlContains("/roster?"));
            String url = URLDecoder.decode(driver.getCurrentUrl(), StandardCharsets.UTF_8);
            assertThat(url).contains("/roster?", "city=郑州市", "template=cases", "status=MISSING");

            // the filters apply to every chart: 开封市 alone
            driver.get(base + "/stats?city=" + java.net.URLEncoder.encode("开封市", StandardCharsets.UTF_8));
            wait.until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-rendered", "5"));
            assertThat(strings(option(driver, "chart-city").get("xAxis").get(0).get("data"))).containsExactly("开封市");
            JsonNode kaifengTypes = option(driver, "chart-type");
            int sum = 0;
            for (String state : STATES) {
                for (JsonNode v : series(kaifengTypes, "附件5 " + state).get("data")) {
                    sum += v.asInt();
                }
            }
            assertThat(sum).isEqualTo(feeds.units(feeds.unitIs("开封市", null)).size());
        } finally {
            driver.quit();
        }
    }

    /** Each state's series of each template holds, per category, the units of that state counted from the feeds. */
    private static void assertStacks(JsonNode option, FeedFigures feeds,
            List<java.util.function.Predicate<CSVRecord>> categories) {
        for (String template : List.of("pairing", "cases")) {
            String label = template.equals("pairing") ? "附件1" : "附件5";
            for (String state : STATES) {
                JsonNode s = series(option, label + " " + state);
                assertThat(s.get("stack").asString()).isEqualTo(template);
                List<Integer> expected = categories.stream().map(which -> {
                    FeedFigures.Counts c = feeds.counts(template, which);
                    return switch (state) {
                        case "已报送" -> c.onTime();
                        case "逾期报送" -> c.late();
                        case "退回待复报" -> c.returned();
                        default -> c.missing() - c.returned();
                    };
                }).toList();
                List<Integer> actual = new ArrayList<>();
                s.get("data").forEach(v -> actual.add(v.asInt()));
                assertThat(actual).as(label + " " + state).containsExactlyElementsOf(expected);
            }
        }
    }

    /** The chart's option as ECharts holds it (the data drawn), read through its instance on the element. */
    private JsonNode option(ChromeDriver driver, String id) {
        Object o = driver.executeScript("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "if (!c) { return null; } var o = c.getOption();"
                + "return JSON.stringify({xAxis: o.xAxis, yAxis: o.yAxis, series: o.series.map(function (s) {"
                + "return {name: s.name, type: s.type, stack: s.stack, data: s.data, markLine: s.markLine}; })});", id);
        assertThat(o).as("an ECharts instance on #" + id).isNotNull();
        return json.readTree(o.toString());
    }

    private static JsonNode series(JsonNode option, String name) {
        for (JsonNode s : option.get("series")) {
            if (s.get("name").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no series " + name + " in " + option.get("series"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** Clicks the middle of one stacked bar segment, where the chart laid it out. */
    private static void clickStackSegment(ChromeDriver driver, String id, String seriesName, int index) {
        WebElement el = driver.findElement(By.id(id));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", el);
        // the bar as laid out (a category holds one bar per stack side by side, so not the category's centre)
        @SuppressWarnings("unchecked")
        List<Number> xy = (List<Number>) driver.executeScript(
                "var el = arguments[0], c = echarts.getInstanceByDom(el);"
                        + "var r = c.getModel().getSeriesByName(arguments[1])[0].getData().getItemLayout(arguments[2]);"
                        + "return [r.x + r.width / 2 - el.clientWidth / 2, r.y + r.height / 2 - el.clientHeight / 2];",
                el, seriesName, index);
        new Actions(driver).moveToElement(el, xy.get(0).intValue(), xy.get(1).intValue()).click().perform();
    }

    /** The whole page at 1366 wide, then the window back to 1366x768. */
    private static void screenshot(ChromeDriver driver, Path file) throws Exception {
        driver.executeScript("window.scrollTo(0, 0);");
        long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight;")).longValue();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1366, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        Thread.sleep(300);
        File png = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1366, "height", 768,
                "deviceScaleFactor", 1, "mobile", false));
    }

    private static ChromeDriver chrome() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,768", "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory(work, "chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1366, "height", 768,
                "deviceScaleFactor", 1, "mobile", false));
        return driver;
    }
}
