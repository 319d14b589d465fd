package cn.huizong.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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

import cn.huizong.fixtures.SampleInbox;
import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryAdditions;
import cn.huizong.web.account.ConsoleUsers;

/**
 * 报送情况, a unit's page, 催报名单 and their Excel exports from the current result of the sample inbox; the
 * admin pages 用户, 单位名册 (an alias and an e-mail go to the side file and count in the next run) and 审计日志.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=jdbc:h2:mem:rosterpages;DB_CLOSE_DELAY=-1", "HUIZONG_ADMIN_PASSWORD=admin-secret-1"})
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RosterAndAdminPagesTest {

    @TempDir
    static Path work;

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

    static String runId;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("huizong.data-dir", () -> work.resolve("data").toString());
        registry.add("huizong.console.input", () -> work.resolve("input/inbox").toString());
        registry.add("huizong.console.output", () -> work.resolve("output").toString());
        registry.add("huizong.console.registry", () -> work.resolve("input/registry.csv").toString());
    }

    @BeforeAll
    static void inbox() throws Exception {
        SampleInbox.write(work.resolve("input/inbox"), work.resolve("input/received.csv"));
        Files.copy(Path.of("input/registry.csv"), work.resolve("input/registry.csv"));
    }

    private String consolidated() throws Exception {
        if (runId == null) {
            runId = runs.start(settings.request("test")).runId();
            await(runId);
        }
        return runId;
    }

    private RunStatus await(String id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end) {
            RunStatus s = runs.status(id).orElse(null);
            if (s != null && s.status() != RunStatus.State.RUNNING) {
                assertThat(s.status()).isIn(RunStatus.State.COMPLETED, RunStatus.State.UNCHANGED);
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end");
    }

    private MockHttpSession clerk() throws Exception {
        if (users.find("clerk1").isEmpty()) {
            users.create("clerk1", "clerk-pass-1", "CLERK", null);
        }
        return login("clerk1", "clerk-pass-1");
    }

    @Test
    @Order(1)
    void beforeAnyRunTheRosterSaysThereIsNoResult() throws Exception {
        mvc.perform(get("/roster").session(clerk())).andExpect(status().isOk())
                .andExpect(content().string(containsString("尚无汇总结果")));
        mvc.perform(get("/reminders").session(clerk())).andExpect(status().isOk())
                .andExpect(content().string(containsString("尚无汇总结果")));
    }

    @Test
    @Order(2)
    void theRosterListsEveryRegistryUnitWithEachTemplatesStandingAsTextAndColour() throws Exception {
        consolidated();
        String html = mvc.perform(get("/roster").session(clerk())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        int units = Registry.load(work.resolve("input/registry.csv")).units().size();
        assertThat(count(html, "<tr data-unit=")).isEqualTo(units);
        // 郑州 sent both tables on time; 新乡 sent 附件1 late; 安阳's only 附件1 was refused (encrypted)
        assertThat(cell(html, "郑州市教育局", "pairing")).contains("sd-ok", "已报送", "2025-12-15 09:12");
        assertThat(cell(html, "新乡市教育局", "pairing")).contains("sd-late", "逾期报送");
        assertThat(cell(html, "安阳市教育局", "pairing")).contains("sd-returned", "退回待复报");
        assertThat(cell(html, "周口市教育局", "pairing")).contains("sd-missing", "未报送");
        assertThat(cell(html, "郑州大学", "pairing")).contains("sd-na", "无需报送");

        String zhengzhou = mvc.perform(get("/roster").param("city", "郑州市").param("type", "city").session(clerk()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(count(zhengzhou, "<tr data-unit=")).isEqualTo(2);
        assertThat(zhengzhou).contains("data-unit=\"郑州市教育局\"", "data-unit=\"航空港区教育局\"")
                .doesNotContain("data-unit=\"郑州大学\"");
        String returned = mvc.perform(get("/roster").param("status", "RETURNED").session(clerk()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(returned).contains("data-unit=\"安阳市教育局\"").doesNotContain("data-unit=\"郑州市教育局\"");
    }

    @Test
    @Order(3)
    void theRosterExportsToExcelWithChineseHeadersAndTheFilteredRows() throws Exception {
        consolidated();
        MvcResult r = mvc.perform(get("/roster/export").param("type", "city").session(clerk()))
                .andExpect(status().isOk()).andReturn();
        assertThat(r.getResponse().getHeader("Content-Disposition")).contains("attachment")
                .contains(java.net.URLEncoder.encode("报送情况", StandardCharsets.UTF_8).replace("+", "%20"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            Sheet s = wb.getSheet("报送情况");
            List<String> header = texts(s.getRow(1));
            assertThat(header).startsWith("序号", "单位", "单位类型", "地市").contains("来件数", "退回数");
            assertThat(header.get(4)).startsWith("附件1");
            assertThat(s.getLastRowNum() - 1).isEqualTo(19); // the 19 city-level bureaus
            Row anyang = rowOf(s, "安阳市教育局");
            assertThat(texts(anyang)).contains("市级教育行政部门", "退回待复报");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_audit WHERE action = 'DOWNLOAD' AND detail LIKE '导出 报送情况%'",
                Integer.class)).isPositive();
    }

    @Test
    @Order(4)
    void aUnitsPageListsItsFilesWithOutcomesAndIssuesAndLinksItsFeedback() throws Exception {
        String id = consolidated();
        MockHttpSession clerk = clerk();
        String html = mvc.perform(get("/roster/unit").param("name", "郑州市教育局").session(clerk))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("郑州市教育局/附件1-郑州市结对包联情况汇总表.xlsx", "郑州市教育局/附件5-郑州市教育助企典型案例汇总表.xlsx",
                "采用", "吴刚 电话待定");
        Matcher link = Pattern.compile("href=\"(/runs/[^\"]+/download\\?path=[^\"]+)\"").matcher(html);
        assertThat(link.find()).as("a feedback link").isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(java.net.URLDecoder.decode(href, StandardCharsets.UTF_8)).contains("反馈/郑州市教育局");
        mvc.perform(get(java.net.URI.create(href)).session(clerk)).andExpect(status().isOk());

        String anyang = mvc.perform(get("/roster/unit").param("name", "安阳市教育局").session(clerk))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(anyang).contains("附件1（加密）.xlsx", "退回", "退回待复报");
        mvc.perform(get("/roster/unit").param("name", "不存在的单位").session(clerk)).andExpect(status().isNotFound());
        assertThat(id).isNotBlank();
    }

    @Test
    @Order(5)
    void theReminderListHasTheUnitsOwingATemplateAndExports() throws Exception {
        consolidated();
        String html = mvc.perform(get("/reminders").session(clerk())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("data-unit=\"安阳市教育局\"", "data-unit=\"周口市教育局\"")
                .doesNotContain("data-unit=\"郑州市教育局\"");
        String pairing = mvc.perform(get("/reminders").param("template", "pairing").session(clerk())).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(pairing).doesNotContain("data-unit=\"郑州大学\""); // universities need not send 附件1
        MvcResult r = mvc.perform(get("/reminders/export").param("template", "pairing").session(clerk()))
                .andExpect(status().isOk()).andReturn();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            Sheet s = wb.getSheet("催报名单");
            assertThat(texts(s.getRow(1))).containsExactly("序号", "单位", "单位类型", "地市", "未报表格", "来件数", "退回数",
                    "联系邮箱");
            assertThat(s.getLastRowNum() - 1).isEqualTo(count(pairing, "<tr data-unit="));
            assertThat(texts(rowOf(s, "安阳市教育局"))).anySatisfy(t -> assertThat(t).contains("附件1", "退回待复报", "截止 2025-12-20"));
        }
    }

    @Test
    @Order(6)
    void clerksCannotOpenTheAdminPages() throws Exception {
        MockHttpSession clerk = clerk();
        for (String page : List.of("/admin/users", "/admin/registry", "/admin/audit")) {
            mvc.perform(get(page).session(clerk)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/registry/additions").session(clerk).with(csrf()).param("unit", "郑州大学")
                .param("kind", "alias").param("value", "郑大")).andExpect(status().isForbidden());
        assertThat(RegistryAdditions.read(work.resolve("input/registry.csv"))).isEmpty();
    }

    @Test
    @Order(7)
    void anAdminCreatesAClerkResetsItsPasswordAndDisablesIt() throws Exception {
        MockHttpSession admin = login("admin", "admin-secret-1");
        mvc.perform(get("/admin/users").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("新建用户")));
        mvc.perform(post("/admin/users").session(admin).with(csrf()).param("username", "wangfang")
                .param("displayName", "王芳").param("password", "first-pass-1").param("role", "CLERK"))
                .andExpect(redirectedUrl("/admin/users")).andExpect(flash().attribute("info", containsString("wangfang")));
        mvc.perform(post("/admin/users").session(admin).with(csrf()).param("username", "wangfang")
                .param("password", "first-pass-1")).andExpect(flash().attribute("refused", containsString("已存在")));
        mvc.perform(post("/admin/users").session(admin).param("username", "nocsrf").param("password", "first-pass-1"))
                .andExpect(status().isForbidden());
        login("wangfang", "first-pass-1");

        mvc.perform(post("/admin/users/wangfang/password").session(admin).with(csrf()).param("password", "second-pass-2"))
                .andExpect(flash().attribute("info", containsString("重置")));
        mvc.perform(formLogin("/login").user("wangfang").password("first-pass-1")).andExpect(redirectedUrl("/login?error"));
        login("wangfang", "second-pass-2");

        mvc.perform(post("/admin/users/wangfang/enabled").session(admin).with(csrf()).param("enabled", "false"))
                .andExpect(flash().attribute("info", containsString("停用")));
        mvc.perform(formLogin("/login").user("wangfang").password("second-pass-2")).andExpect(redirectedUrl("/login?disabled"));
        mvc.perform(post("/admin/users/admin/enabled").session(admin).with(csrf()).param("enabled", "false"))
                .andExpect(flash().attribute("refused", containsString("自己")));
        assertThat(users.find("admin")).hasValueSatisfying(a -> assertThat(a.enabled()).isTrue());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_audit WHERE action IN ('USER_CREATE', 'USER_CHANGE') "
                + "AND detail LIKE '%wangfang%'", Integer.class)).isEqualTo(3);
    }

    @Test
    @Order(8)
    void anAliasAndAnEmailAddedOnTheRegistryPageGoToTheSideFileAndTheNextRunReadsAgain() throws Exception {
        String before = consolidated();
        MockHttpSession admin = login("admin", "admin-secret-1");
        mvc.perform(get("/admin/registry").session(admin).param("q", "郑州大学")).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-unit=\"郑州大学\"")));
        mvc.perform(post("/admin/registry/additions").session(admin).with(csrf()).param("unit", "郑州大学")
                .param("kind", "alias").param("value", "郑大")).andExpect(flash().attribute("info", containsString("下次汇总")));
        mvc.perform(post("/admin/registry/additions").session(admin).with(csrf()).param("unit", "郑州大学")
                .param("kind", "email").param("value", "Keji@ZZU.example.edu.cn"))
                .andExpect(flash().attribute("info", containsString("联系邮箱")));
        // refused: another unit's name, a repeat, not an address
        mvc.perform(post("/admin/registry/additions").session(admin).with(csrf()).param("unit", "郑州大学")
                .param("kind", "alias").param("value", "河南大学")).andExpect(flash().attribute("refused", containsString("河南大学")));
        mvc.perform(post("/admin/registry/additions").session(admin).with(csrf()).param("unit", "郑州大学")
                .param("kind", "alias").param("value", "郑 大")).andExpect(flash().attribute("refused", containsString("已有")));
        mvc.perform(post("/admin/registry/additions").session(admin).with(csrf()).param("unit", "郑州大学")
                .param("kind", "email").param("value", "not-an-address")).andExpect(flash().attribute("refused", containsString("不是有效")));

        assertThat(RegistryAdditions.read(work.resolve("input/registry.csv"))).extracting(RegistryAdditions.Addition::value)
                .containsExactly("郑大", "keji@zzu.example.edu.cn");
        assertThat(Files.readString(work.resolve("input/registry.csv"))).doesNotContain("郑大,");
        Registry merged = settings.registry();
        assertThat(merged.match("郑大")).map(u -> u.name()).contains("郑州大学");
        assertThat(merged.byName("郑州大学").orElseThrow().emails()).endsWith("keji@zzu.example.edu.cn"); // after the registry's own addresses
        mvc.perform(get("/admin/registry").session(admin).param("q", "郑大")).andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"added\"")));
        mvc.perform(get("/roster/unit").param("name", "郑州大学").session(admin))
                .andExpect(content().string(containsString("keji@zzu.example.edu.cn")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_audit WHERE action = 'REGISTRY_CHANGE'", Integer.class))
                .isEqualTo(2);

        // the registry changed: the next run is a new one, not "unchanged"
        String next = runs.start(settings.request("admin")).runId();
        RunStatus s = await(next);
        assertThat(s.status()).isEqualTo(RunStatus.State.COMPLETED);
        assertThat(s.dataRunId()).isNotEqualTo(before);
        runId = next;
    }

    @Test
    @Order(9)
    void theAuditLogIsNewestFirstAndFilterable() throws Exception {
        MockHttpSession admin = login("admin", "admin-secret-1");
        String html = mvc.perform(get("/admin/audit").session(admin)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("登录成功", "修改单位名册");
        String registry = mvc.perform(get("/admin/audit").param("action", "REGISTRY_CHANGE").session(admin)).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(count(registry, "data-action=\"REGISTRY_CHANGE\"")).isEqualTo(2);
        assertThat(registry).doesNotContain("data-action=\"LOGIN_SUCCESS\"");
        // newest first: the e-mail was added after the alias
        assertThat(registry.indexOf("keji@zzu.example.edu.cn")).isLessThan(registry.indexOf("别名：郑大"));
        String byWord = mvc.perform(get("/admin/audit").param("username", "admin").param("q", "100%_").session(admin))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(byWord).contains("没有符合条件的记录");
        mvc.perform(get("/admin/audit").param("from", "2000-01-01").param("to", "2000-01-02").session(admin))
                .andExpect(content().string(containsString("没有符合条件的记录")))
                .andExpect(content().string(not(containsString("data-action="))));
    }

    private MockHttpSession login(String user, String password) throws Exception {
        MvcResult r = mvc.perform(formLogin("/login").user(user).password(password)).andExpect(redirectedUrl("/"))
                .andReturn();
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    /** The HTML of one unit's cell for one template in the roster table. */
    private static String cell(String html, String unit, String template) {
        int row = html.indexOf("data-unit=\"" + unit + "\"");
        assertThat(row).as(unit + " in the roster").isPositive();
        int end = html.indexOf("</tr>", row);
        int at = html.indexOf("data-template=\"" + template + "\"", row);
        assertThat(at).isBetween(row, end);
        return html.substring(at, html.indexOf("</td>", at));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        row.forEach(c -> out.add(c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                ? String.valueOf((long) c.getNumericCellValue()) : c.getStringCellValue()));
        return out;
    }

    private static Row rowOf(Sheet s, String unit) {
        for (Row r : s) {
            if (r.getRowNum() > 1 && unit.equals(r.getCell(1).getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError(unit + " not in " + s.getSheetName());
    }
}
