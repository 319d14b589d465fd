package cn.huizong.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.huizong.fixtures.SampleInbox;
import cn.huizong.web.account.ConsoleUsers;

/**
 * Routes, roles, CSRF, lockout and the first admin: anonymous pages go to the login page and the API answers 401,
 * a wrong password is refused, five wrong ones in a row lock the account, a clerk gets 403 on admin pages and
 * {@code POST /api/users}, a POST without a CSRF token gets 403.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=jdbc:h2:mem:consolesecurity;DB_CLOSE_DELAY=-1", "HUIZONG_ADMIN_PASSWORD=admin-secret-1"})
@AutoConfigureMockMvc
class ConsoleSecurityTest {

    @TempDir
    static Path work;

    @Autowired
    MockMvc mvc;

    @Autowired
    ConsoleUsers users;

    @Autowired
    JdbcTemplate jdbc;

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

    private void clerk(String name) throws Exception {
        if (users.find(name).isEmpty()) {
            users.create(name, "clerk-pass-1", "CLERK", null);
        }
    }

    @Test
    void theFirstStartCreatedAdminFromTheEnvironmentAndItCanLogIn() throws Exception {
        assertThat(users.find("admin")).hasValueSatisfying(a -> assertThat(a.role()).isEqualTo(ConsoleUsers.Role.ADMIN));
        assertThat(jdbc.queryForObject("SELECT password_hash FROM hz_user WHERE username = 'admin'", String.class))
                .startsWith("{bcrypt}");
        mvc.perform(formLogin("/login").user("admin").password("admin-secret-1"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_audit WHERE action = 'LOGIN_SUCCESS' AND username = 'admin'",
                Integer.class)).isPositive();
    }

    @Test
    void anonymousPagesRedirectToTheLoginPageAndTheApiAnswers401() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/upload")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("登录")));
        mvc.perform(get("/api/runs")).andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(jsonPath("$.message").exists());
        mvc.perform(get("/api/runs").with(httpBasic("admin", "wrong-password"))).andExpect(status().isUnauthorized());
    }

    @Test
    void theLoginPageAndPagesCarryTheSecurityHeaders() throws Exception {
        mvc.perform(get("/login")).andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        clerk("wrongpw");
        mvc.perform(formLogin("/login").user("wrongpw").password("not-the-password"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", "")).andExpect(content().string(
                org.hamcrest.Matchers.containsString("用户名或密码错误")));
    }

    @Test
    void sixWrongPasswordsInARowLockTheAccountEvenForTheRightPassword() throws Exception {
        clerk("locky");
        for (int i = 1; i <= 5; i++) {
            mvc.perform(formLogin("/login").user("locky").password("wrong-" + i)).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin("/login").user("locky").password("wrong-6")).andExpect(redirectedUrl("/login?locked"));
        mvc.perform(formLogin("/login").user("locky").password("clerk-pass-1")).andExpect(redirectedUrl("/login?locked"));
        mvc.perform(get("/api/runs").with(httpBasic("locky", "clerk-pass-1"))).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("锁定")));
        mvc.perform(get("/login").param("locked", "")).andExpect(content().string(
                org.hamcrest.Matchers.containsString("账号已锁定")));
        assertThat(users.find("locky")).hasValueSatisfying(a -> assertThat(a.lockedAt(java.time.Instant.now())).isTrue());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hz_audit WHERE action = 'ACCOUNT_LOCKED' AND username = 'locky'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void aClerkGets403OnAdminPagesAndWhenCreatingUsers() throws Exception {
        clerk("clerk1");
        MockHttpSession session = login("clerk1", "clerk-pass-1");
        mvc.perform(get("/").session(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("上传与检查")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("审计日志"))));
        mvc.perform(get("/admin/users").session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/audit").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/api/users").with(httpBasic("clerk1", "clerk-pass-1")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"x1\",\"password\":\"password-1\",\"role\":\"CLERK\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.message").exists());
        mvc.perform(get("/api/runs").with(httpBasic("clerk1", "clerk-pass-1"))).andExpect(status().isOk());
    }

    @Test
    void anAdminSeesTheAdminMenu() throws Exception {
        MockHttpSession session = login("admin", "admin-secret-1");
        mvc.perform(get("/").session(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("审计日志")));
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() throws Exception {
        clerk("csrf1");
        MockHttpSession session = login("csrf1", "clerk-pass-1");
        mvc.perform(post("/runs/start").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
    }

    MockHttpSession login(String user, String password) throws Exception {
        MvcResult r = mvc.perform(formLogin("/login").user(user).password(password))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/")).andReturn();
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    @Test
    void healthIsPublicWhileMetricsAreForAdminsOnly() throws Exception {
        // no run has completed in this database yet: lastRun is DOWN, so health answers 503, without an account
        mvc.perform(get("/actuator/health")).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN")).andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        clerk("clerk-metrics");
        mvc.perform(get("/actuator/metrics").with(httpBasic("clerk-metrics", "clerk-pass-1")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/metrics").with(httpBasic("admin", "admin-secret-1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.names").isArray());
        mvc.perform(get("/actuator/health").with(httpBasic("admin", "admin-secret-1")))
                .andExpect(jsonPath("$.components.lastRun.status").value("DOWN"))
                .andExpect(jsonPath("$.components.diskSpace.status").value("UP"));
    }
}
