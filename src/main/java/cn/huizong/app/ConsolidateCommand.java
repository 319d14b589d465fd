package cn.huizong.app;

import java.io.PrintStream;

import org.springframework.stereotype.Component;

/** {@code consolidate}: checks the arguments, runs the consolidation, prints the Chinese summary. */
@Component
public class ConsolidateCommand {

    private final ConsolidationRunner runner;

    public ConsolidateCommand(ConsolidationRunner runner) {
        this.runner = runner;
    }

    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        RunRequest request;
        try {
            request = RunRequest.fromCli(cli, "cli");
        } catch (CliArguments.UsageException e) {
            err.println("用法错误：" + e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        }
        ConsolidationRunner.Outcome outcome = runner.run(request);
        (outcome.code() == ConsolidationRunner.EXIT_OK ? out : err).println(outcome.message());
        return outcome.code();
    }
}
