package cn.huizong;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import cn.huizong.operations.CliArguments;
import cn.huizong.operations.ConsolidateCommand;

/** Entry point: parses the command line before Spring starts, so that usage errors cost nothing. */
@SpringBootApplication
public class HuizongApplication {

    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs one command and returns its exit code (tests call this in-process). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CliArguments cli;
        try {
            cli = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            err.println("用法错误：" + e.getMessage());
            err.println(CliArguments.usage());
            return ConsolidateCommand.EXIT_USAGE;
        }
        if (cli.command().equals("help")) {
            out.println(CliArguments.usage());
            return 0;
        }
        Map<String, Object> props = new HashMap<>();
        cli.options().forEach((k, v) -> {
            if (k.equals("db")) {
                props.put("spring.datasource.url", v);
            }
        });
        SpringApplication app = new SpringApplication(HuizongApplication.class);
        app.setAddCommandLineProperties(false);
        // command-line choices beat every other property source
        app.addInitializers(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("cli", props)));
        ConfigurableApplicationContext context;
        try {
            context = app.run();
        } catch (RuntimeException e) {
            err.println("系统故障：程序无法启动（" + rootMessage(e) + "）。请检查数据库地址和权限后重试。");
            return ConsolidateCommand.EXIT_FAILURE;
        }
        try (context) {
            return context.getBean(ConsolidateCommand.class).run(cli, out, err);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
