package cn.huizong.web.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Without a mail server configured the 邮件 page says so in Chinese, its buttons are disabled and refuse. */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=jdbc:h2:mem:mailunconfigured;DB_CLOSE_DELAY=-1", "huizong.mail.imap.host=",
        "huizong.mail.smtp.host="})
@AutoConfigureMockMvc
class MailPageUnconfiguredTest {

    @Autowired
    MockMvc mvc;

    @Test
    void thePageSaysNoServerIsConfiguredAndTheButtonsAreDisabled() throws Exception {
        String html = mvc.perform(get("/mail").with(user("clerk1").roles("CLERK"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("未配置收件服务器", "未配置发信服务器")
                .containsPattern("id=\"mail-fetch\" disabled")
                .containsPattern("id=\"mail-feedback\" disabled")
                .containsPattern("id=\"mail-reminders\" disabled");
        MvcResult r = mvc.perform(post("/mail/feedback").with(csrf()).with(user("clerk1").roles("CLERK")))
                .andExpect(redirectedUrl("/mail")).andReturn();
        assertThat((String) r.getFlashMap().get("refused")).contains("未配置发信服务器");
    }
}
