package cn.huizong.web;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.huizong.fixtures.SampleInbox;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.web.account.ConsoleUsers;

/**
 * A clerk's journey in headless Debian Chromium: log in, upload three files (one with an error), see its issue at
 * its cell, 立即汇总, watch the progress reach 完成, download 省级汇总表.xlsx, see the unit as 已报送 on the roster,
 * log out. On the way it checks that Chinese text is drawn with the CJK font (not boxes) and takes the README's
 * screenshots: into target/screenshots, or the folder named by {@code -Dhuizong.screenshots=docs/screenshots}.
 * Skipped where /usr/bin/chromium or /usr/bin/chromedriver is absent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "spring.datasource.url=jdbc:h2:mem:consolebrowser;DB_CLOSE_DELAY=-1",
        "HUIZONG_ADMIN_PASSWORD=admin-secret-1"})
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path work;

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUsers users;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws Exception {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
        registry.add("huizong.console.input", () -> work.resolve("input/inbox").toString());
        registry.add("huizong.console.output", () -> work.resolve("output").toString());
        // the sample inbox: a run long enough to watch, and a roster with something on it
        SampleInbox.write(work.resolve("input/inbox"), work.resolve("input/received.csv"));
    }

    @Test
    void aClerkUploadsChecksConsolidatesDownloadsAndFindsTheUnitOnTheRoster() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: Debian chromium and chromium-driver are not installed (/usr/bin/chromium, "
                        + "/usr/bin/chromedriver); apt-get install chromium chromium-driver fonts-noto-cjk");
        users.create("wangfang", "clerk-pass-1", "CLERK", "王芳");
        Path files = Files.createDirectories(work.resolve("mail"));
        Path good = files.resolve("鹤壁市教育局-附件1.xlsx");
        Workbooks.xlsx(good, Workbooks.pairingSheet("鹤壁市教育局", List.of(
                r("鹤壁市教育局", "鹤壁经济技术开发区", "张伟 13803920001", "李娜 0392-3310002", "电子信息人才",
                        "共建产业学院", "已签约", LocalDate.of(2026, 6, 30)))));
        Path bad = files.resolve("濮阳市教育局-附件1.xlsx");
        Workbooks.xlsx(bad, Workbooks.pairingSheet("濮阳市教育局", List.of(
                r("濮阳市教育局", "濮阳经济技术开发区", "赵强 13903930001", "孙丽 0393-4410002", "石化人才", "订单班", "推进中",
                        "2026年底"),
                r("清丰县教育局", null, "钱进 13903930003", "孙丽 0393-4410002", "家具技能", "送教入企", "已培训",
                        "长期"))));
        Path cases = files.resolve("河南科技大学-附件5.xlsx");
        Workbooks.xlsx(cases, Workbooks.casesSheet("河南科技大学", List.of(
                r(1, "农机装备校企联合攻关", "与一拖集团共建联合实验室，攻关大马力拖拉机关键技术。", "河南科技大学", "双一流创建高校", "周明",
                        "13837900001"))));
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        Path shots = Files.createDirectories(Path.of(System.getProperty("huizong.screenshots", "target/screenshots")));

        ChromeDriver driver = chrome(downloads);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            String base = "http://localhost:" + port;

            // 登录
            driver.get(base + "/");
            wait.until(ExpectedConditions.urlContains("/login"));
            driver.findElement(By.name("username")).sendKeys("wangfang");
            driver.findElement(By.name("password")).sendKeys("clerk-pass-1");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".topbar .user"), "wangfang"));
            assertDrawnWithTheCjkFont(driver, "h2");

            // 上传与检查: three files at once, received before both deadlines
            driver.findElement(By.linkText("上传与检查")).click();
            WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("files")));
            js(driver, "document.getElementById('receivedAt').value = '2025-12-08T10:00'; arguments[0].hidden = false;", input);
            input.sendKeys(good + "\n" + bad + "\n" + cases);
            wait.withTimeout(Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#results .upload-result h3 .status")).size() == 3);
            WebElement badResult = driver.findElements(By.cssSelector("#results .upload-result")).stream()
                    .filter(e -> e.getText().contains("濮阳市教育局-附件1.xlsx")).findFirst().orElseThrow();
            assertThat(badResult.getText()).contains("已保存，有错误", "濮阳市教育局");
            List<WebElement> issue = badResult.findElements(By.cssSelector("table.issues tbody tr")).stream()
                    .filter(tr -> tr.findElement(By.cssSelector("td.cell")).getText().equals("附件1!B6")).toList();
            assertThat(issue).as("the missing 包联产业园区 name is reported at its cell").hasSize(1);
            assertThat(issue.get(0).getText()).contains("错误");
            assertThat(driver.findElement(By.id("results")).getText()).contains("鹤壁市教育局-附件1.xlsx", "河南科技大学-附件5.xlsx");
            js(driver, "window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 260);", badResult);
            shot(driver, shots, "upload.png");

            // 汇总: 立即汇总, live progress, then 完成
            driver.findElement(By.linkText("汇总")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("start-run"))).click();
            wait.until(ExpectedConditions.urlContains("/run?id="));
            boolean sawProgress = waitForLiveProgress(driver);
            shot(driver, shots, "run-progress.png");
            new WebDriverWait(driver, Duration.ofMinutes(4)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".outcome-line"), "完成"));
            assertThat(sawProgress).as("progress was shown while the run went on").isTrue();

            // download 省级汇总表.xlsx from the run's page
            driver.findElement(By.linkText("查看运行详情并下载结果")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText("省级汇总表.xlsx"))).click();
            Path xlsx = downloads.resolve("省级汇总表.xlsx");
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(xlsx) && noPartial(downloads));
            try (XSSFWorkbook wb = new XSSFWorkbook(xlsx.toFile())) {
                assertThat(wb.getNumberOfSheets()).isGreaterThanOrEqualTo(5);
            }

            // 报送情况: 鹤壁 has sent 附件1
            driver.findElement(By.linkText("报送情况")).click();
            WebElement hebi = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-unit='鹤壁市教育局'] td[data-template='pairing']")));
            assertThat(hebi.getText()).contains("已报送");
            assertThat(hebi.findElement(By.cssSelector(".standing")).getAttribute("class")).contains("sd-ok");
            assertThat(driver.findElement(By.cssSelector("tr[data-unit='濮阳市教育局'] td[data-template='pairing']")).getText())
                    .contains("已报送"); // its first row is good: the file is taken, the bad row returned
            assertDrawnWithTheCjkFont(driver, "#roster-table td");
            shot(driver, shots, "roster.png");

            // 首页 with the result
            driver.findElement(By.linkText("首页")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "数据来自运行"));
            shot(driver, shots, "home.png");

            // 退出
            driver.findElement(By.cssSelector(".topbar .who button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "已退出登录"));
            driver.get(base + "/roster");
            wait.until(ExpectedConditions.urlContains("/login"));
        } finally {
            driver.quit();
        }
    }

    private static ChromeDriver chrome(Path downloads) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,768", "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory(work, "chromium-profile"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // the office laptop's screen: 1366x768 of page, whatever the headless window's frame takes
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1366, "height", 768,
                "deviceScaleFactor", 1, "mobile", false));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                downloads.toString()));
        return driver;
    }

    /**
     * Waits for the event stream's progress of the running run, preferably in its reading step with files done;
     * false when the run ended before any progress was seen.
     */
    private static boolean waitForLiveProgress(ChromeDriver driver) {
        boolean seen = false;
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            // read in one script: the stream replaces these elements every second
            Object n = js(driver, "var e = document.querySelector('#progress .files-done');"
                    + "return document.querySelector('.outcome-line') ? 'ended' : e ? e.textContent.trim() : null;");
            if ("ended".equals(n)) {
                return seen;
            }
            if (n != null) {
                seen = true;
                if (n.toString().matches("\\d+") && Integer.parseInt(n.toString()) > 0) {
                    return true;
                }
            }
            sleep(50);
        }
        return seen;
    }

    /**
     * Chinese text is drawn with a CJK font: the platform fonts Chromium used for the element's text (DevTools)
     * include Noto Sans CJK, as console.css asks, so no glyph fell back to an empty box.
     */
    @SuppressWarnings("unchecked")
    private static void assertDrawnWithTheCjkFont(ChromeDriver driver, String selector) {
        driver.executeCdpCommand("DOM.enable", Map.of());
        driver.executeCdpCommand("CSS.enable", Map.of());
        Map<String, Object> doc = driver.executeCdpCommand("DOM.getDocument", Map.of("depth", 0));
        Object root = ((Map<String, Object>) doc.get("root")).get("nodeId");
        Map<String, Object> node = driver.executeCdpCommand("DOM.querySelector", Map.of("nodeId", root, "selector", selector));
        Map<String, Object> fonts = driver.executeCdpCommand("CSS.getPlatformFontsForNode", Map.of("nodeId", node.get("nodeId")));
        List<String> families = ((List<Map<String, Object>>) fonts.get("fonts")).stream()
                .map(f -> String.valueOf(f.get("familyName"))).toList();
        assertThat(families).as("fonts used for " + selector + " (fonts-noto-cjk)").anyMatch(f -> f.contains("Noto Sans CJK"));
    }

    private static void shot(ChromeDriver driver, Path dir, String name) throws Exception {
        File png = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Object js(ChromeDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static boolean noPartial(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
