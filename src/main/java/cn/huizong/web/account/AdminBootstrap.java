package cn.huizong.web.account;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * No default password anywhere: the first start of the console (no user yet) creates {@code admin} with the
 * password in {@code HUIZONG_ADMIN_PASSWORD}, or with a generated one printed once on the console (standard
 * output, not the log file, so it is not kept on disk).
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final ConsoleUsers users;
    private final String password;
    private final PrintStream console;

    @Autowired
    AdminBootstrap(ConsoleUsers users, @Value("${HUIZONG_ADMIN_PASSWORD:}") String password) {
        this(users, password, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    AdminBootstrap(ConsoleUsers users, String password, PrintStream console) {
        this.users = users;
        this.password = password;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = password == null || password.isBlank();
        String chosen = generated ? generate() : password;
        try {
            users.create("admin", chosen, "ADMIN", "管理员");
        } catch (ConsoleUsers.Refused e) {
            throw new IllegalStateException("环境变量 HUIZONG_ADMIN_PASSWORD 的密码不可用：" + e.getMessage(), e);
        }
        if (generated) {
            console.println("已创建网页控制台管理员账号 admin，初始密码：" + chosen);
            console.println("此密码只显示这一次，请登录后在“用户”页面修改；也可在首次启动前用环境变量 HUIZONG_ADMIN_PASSWORD 指定。");
        } else {
            log.info("created the console user admin with the password from HUIZONG_ADMIN_PASSWORD");
        }
    }

    static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
