package cn.huizong.operations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.CampaignLoader;
import cn.huizong.registry.Registry;

/** {@code consolidate}: checks the arguments, runs the consolidation job, prints the Chinese summary. */
@Component
public class ConsolidateCommand {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    static final String DEFAULT_CAMPAIGN = "jobs/jiaoyu-zhuqi-2025.yml";

    private static final Logger log = LoggerFactory.getLogger(ConsolidateCommand.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final JobOperator jobOperator;
    private final Job consolidationJob;
    private final JdbcTemplate jdbc;

    public ConsolidateCommand(JobOperator jobOperator, Job consolidationJob, JdbcTemplate jdbc) {
        this.jobOperator = jobOperator;
        this.consolidationJob = consolidationJob;
        this.jdbc = jdbc;
    }

    public int run(CliArguments cli, PrintStream out, PrintStream err) {
        Path input = Path.of(cli.option("input", "input/inbox")).toAbsolutePath().normalize();
        Path registry = Path.of(cli.option("registry", "input/registry.csv")).toAbsolutePath().normalize();
        Path output = Path.of(cli.option("output", "output")).toAbsolutePath().normalize();
        String campaign = cli.option("campaign", Files.exists(Path.of(DEFAULT_CAMPAIGN)) ? DEFAULT_CAMPAIGN : "");
        if (!Files.isDirectory(input)) {
            err.println("用法错误：收件箱目录不存在：" + input);
            return EXIT_USAGE;
        }
        // the mail log next to the inbox, when there is one (input/received.csv for input/inbox)
        Path received = Path.of(cli.option("received", input.resolveSibling("received.csv").toString()))
                .toAbsolutePath().normalize();
        if (cli.options().containsKey("received") && !Files.isRegularFile(received)) {
            err.println("用法错误：收件记录文件不存在：" + received);
            return EXIT_USAGE;
        }
        try {
            cn.huizong.intake.ReceivedLog.load(received);
        } catch (IOException | RuntimeException e) {
            err.println("用法错误：" + e.getMessage());
            return EXIT_USAGE;
        }
        try {
            Registry.load(registry);
        } catch (IOException | RuntimeException e) {
            err.println("用法错误：无法读取报送单位名录 " + registry + "：" + e.getMessage());
            return EXIT_USAGE;
        }
        try {
            if (campaign.isEmpty()) {
                CampaignLoader.loadBundled();
            } else {
                CampaignLoader.load(Path.of(campaign));
                campaign = Path.of(campaign).toAbsolutePath().normalize().toString();
            }
        } catch (IOException | RuntimeException e) {
            err.println("用法错误：无法读取活动定义 " + campaign + "：" + e.getMessage());
            return EXIT_USAGE;
        }
        String runId = RUN_ID.format(ZonedDateTime.now(ZoneId.of("Asia/Shanghai")));
        JobParameters params = new JobParametersBuilder()
                .addString("run.id", runId)
                .addString("input.dir", input.toString())
                .addString("output.dir", output.toString())
                .addString("registry.file", registry.toString())
                .addString("campaign.file", campaign)
                .addString("received.file", Files.isRegularFile(received) ? received.toString() : "")
                .addString("trigger", "cli", false)
                .toJobParameters();
        try {
            Files.createDirectories(output);
            JobExecution execution = jobOperator.start(consolidationJob, params);
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                String why = execution.getAllFailureExceptions().stream().findFirst()
                        .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse(execution.getExitStatus().getExitDescription());
                err.println("汇总运行失败（" + execution.getStatus() + "）：" + why);
                return EXIT_FAILURE;
            }
            new RunSummary(jdbc).print(runId, output, out);
            return EXIT_OK;
        } catch (Exception e) {
            log.error("consolidation failed", e);
            err.println("汇总运行失败：" + e.getMessage());
            return EXIT_FAILURE;
        }
    }
}
