package cn.huizong.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import cn.huizong.support.ReadLimits;
import jakarta.servlet.MultipartConfigElement;

/**
 * The clerks' web console. Only {@code serve} makes a web context (every other command sets
 * {@code spring.main.web-application-type=none}), so only there are these beans created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ComponentScan
public class WebConsole {

    private static final Logger log = LoggerFactory.getLogger(WebConsole.class);

    /**
     * Uploads up to {@code huizong.limits.max-file-bytes} (the size a run reads), spooled to the data folder's
     * tmp/ beyond 1 MB; a larger file is answered 413 ({@link WebErrors}).
     */
    @Bean
    MultipartConfigElement multipartConfigElement(ReadLimits limits, @Value("${huizong.data-dir:./data}") String dataDir)
            throws IOException {
        Path spool = Path.of(dataDir).toAbsolutePath().normalize().resolve("tmp").resolve("multipart");
        Files.createDirectories(spool);
        long max = limits.maxFileBytes();
        return new MultipartConfigElement(spool.toString(), max, max + 1024 * 1024, 1024 * 1024);
    }

    /** Says where the console is, once it listens. */
    @EventListener
    void listening(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        log.info("web console listening on port {}", port);
        System.out.println("网页控制台已启动：http://localhost:" + port + "/");
    }

    /** Where the console's runs and uploads go: serve's own options, passed on as properties. */
    static final String PREFIX = "huizong.console.";

    /**
     * The properties that make {@code serve} a web server on its port and tell the console serve's inbox,
     * registry, output, campaign and mail log.
     *
     * @throws IllegalArgumentException with a Chinese message when the port is not a port
     */
    public static Map<String, Object> properties(Map<String, String> options) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.main.web-application-type", "servlet");
        String port = options.getOrDefault("port", "8080");
        int n;
        try {
            n = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > 65535) {
            throw new IllegalArgumentException("端口“" + port + "”无效，应为 0 到 65535 之间的整数");
        }
        props.put("server.port", n);
        for (String key : new String[] {"input", "registry", "output", "campaign", "received"}) {
            String v = options.get(key);
            if (v != null) {
                props.put(PREFIX + key, v);
            }
        }
        return props;
    }
}
