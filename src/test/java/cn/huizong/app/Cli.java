package cn.huizong.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import cn.huizong.HuizongApplication;

/** The command line run in-process, with what it printed. */
public record Cli(int code, String out, String err) {

    public static Cli run(String... args) {
        return run(Map.of(), args);
    }

    /** With configuration properties as -D would give them (credentials, lock timings). */
    public static Cli run(Map<String, Object> properties, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HuizongApplication.run(args, properties, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
