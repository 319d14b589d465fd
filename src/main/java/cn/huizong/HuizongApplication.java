package cn.huizong;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

import cn.huizong.app.CliArguments;
import cn.huizong.app.ConsolidateCommand;
import cn.huizong.app.ConsolidationRunner;
import cn.huizong.app.FetchMailCommand;
import cn.huizong.app.HuizongMessages;
import cn.huizong.app.MailCommand;
import cn.huizong.app.RunsCommand;
import cn.huizong.app.SendFeedbackCommand;
import cn.huizong.app.SendRemindersCommand;
import cn.huizong.app.ServeCommand;
import cn.huizong.app.ValidateCommand;
import cn.huizong.web.WebConsole;

/**
 * Entry point: parses the command line before Spring starts, so that usage errors cost nothing. The web console
 * ({@code cn.huizong.web}) is left out of the component scan and imported only into a web context, which only
 * {@code serve} starts.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {@ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "cn\\.huizong\\.web\\..*")})
@Import(WebConsole.class)
public class HuizongApplication {

    /**
     * An embedded H2 file opened by one process locks out the next; with AUTO_SERVER the second process
     * connects through the first, so it can see the run lock and say who is running.
     */
    static String withAutoServer(String url) {
        boolean h2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:");
        if (!h2File) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String out = upper.contains("AUTO_SERVER") ? url : url + ";AUTO_SERVER=TRUE";
        // H2 writes a commit to its file up to 500 ms later by default: a kill -9 in that window lost the job
        // execution of a committed job instance (seen in the crash test). Each commit is written at once instead.
        return upper.contains("WRITE_DELAY") ? out : out + ";WRITE_DELAY=0";
    }

    /** Puts the command-line choices first, before configuration files are read and logging starts. */
    private record CliProperties(Map<String, Object> props)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("cli", props));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE; // before the logging system reads logging.file.name
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs one command and returns its exit code (tests call this in-process). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Map.of(), out, err);
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream)}, with extra configuration properties (for example
     * {@code huizong.limits.*}) that beat application.properties but not the command line.
     */
    public static int run(String[] args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        CliArguments cli;
        try {
            cli = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            err.println("用法错误：" + e.getMessage());
            err.println(CliArguments.usage());
            return ConsolidationRunner.EXIT_USAGE;
        }
        if (cli.command().equals("help")) {
            out.println(CliArguments.usage());
            return 0;
        }
        if (cli.command().equals("validate")) {
            return ValidateCommand.run(cli, out, err); // no database, no Spring: a clerk's quick check
        }
        Map<String, Object> props = new HashMap<>(properties);
        if (cli.command().equals("serve")) {
            try {
                props.putAll(WebConsole.properties(cli.options()));
            } catch (IllegalArgumentException e) {
                err.println("用法错误：" + e.getMessage());
                err.println(CliArguments.usage());
                return ConsolidationRunner.EXIT_USAGE;
            }
        }
        cli.options().forEach((k, v) -> {
            if (k.equals("db")) {
                props.put("spring.datasource.url", withAutoServer(v));
            }
            if (k.equals("data")) {
                // absolute: the default H2 URL is built from it, and H2 refuses implicitly relative paths
                props.put("huizong.data-dir", java.nio.file.Path.of(v).toAbsolutePath().normalize().toString());
            }
        });
        SpringApplication app = new SpringApplication(HuizongApplication.class);
        app.setAddCommandLineProperties(false);
        // command-line choices beat every other property source, from the start: the log file lives under --data,
        // and logging is set up before any initializer runs
        app.addListeners(new CliProperties(props));
        ConfigurableApplicationContext context;
        try {
            context = app.run();
        } catch (RuntimeException e) {
            err.println("系统故障：程序无法启动（" + HuizongMessages.rootMessage(e) + "）。请检查数据库地址和权限后重试。");
            return ConsolidationRunner.EXIT_FAILURE;
        }
        try (context) {
            return switch (cli.command()) {
                case "runs" -> context.getBean(RunsCommand.class).run(cli, out, err);
                case "serve" -> context.getBean(ServeCommand.class).run(cli, out, err);
                case "fetch-mail" -> context.getBean(FetchMailCommand.class).run(cli, out, err);
                case "send-feedback" -> context.getBean(SendFeedbackCommand.class).run(cli, out, err);
                case "send-reminders" -> context.getBean(SendRemindersCommand.class).run(cli, out, err);
                case "mail" -> context.getBean(MailCommand.class).run(cli, out, err);
                default -> context.getBean(ConsolidateCommand.class).run(cli, out, err);
            };
        }
    }
}
