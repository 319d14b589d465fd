package cn.huizong.web;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The clerks' web console. Only {@code serve} makes a web context (every other command sets
 * {@code spring.main.web-application-type=none}), so only there are these beans created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ComponentScan
public class WebConsole {

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
