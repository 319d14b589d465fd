package cn.huizong.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.huizong.campaign.CampaignLoader;
import cn.huizong.intake.ReceivedLog;
import cn.huizong.registry.Registry;

/**
 * What one consolidation run reads and writes, checked before anything starts: a wrong path is a usage error
 * (exit 2) with a Chinese message, never a half-started run.
 *
 * @param campaign path of the campaign YAML, or empty for the copy bundled in the jar
 * @param received the mail log, or null
 * @param trigger  who asked: cli, schedule, startup (a missed nightly run) or web
 * @param startedBy the console user who asked, or null
 */
public record RunRequest(Path input, Path registry, Path output, String campaign, Path received, String trigger,
        String startedBy) {

    public RunRequest(Path input, Path registry, Path output, String campaign, Path received, String trigger) {
        this(input, registry, output, campaign, received, trigger, null);
    }

    /** The same run asked for by someone else (the schedule, a console user). */
    public RunRequest by(String newTrigger, String user) {
        return new RunRequest(input, registry, output, campaign, received, newTrigger, user);
    }

    static final String DEFAULT_CAMPAIGN = "jobs/jiaoyu-zhuqi-2025.yml";

    public static RunRequest of(String input, String registry, String output, String campaign, String received,
            String trigger) throws CliArguments.UsageException {
        Path in = Path.of(input).toAbsolutePath().normalize();
        Path reg = Path.of(registry).toAbsolutePath().normalize();
        Path out = Path.of(output).toAbsolutePath().normalize();
        if (!Files.isDirectory(in)) {
            throw new CliArguments.UsageException("收件箱目录不存在：" + in);
        }
        if (inside(out, in)) {
            // the inbox is evidence: nothing may be written into it, not even by a careless --output
            throw new CliArguments.UsageException("输出目录不能位于收件箱之内：" + out);
        }
        // the mail log next to the inbox, when there is one (input/received.csv for input/inbox)
        Path log = received != null ? Path.of(received).toAbsolutePath().normalize() : in.resolveSibling("received.csv");
        if (received != null && !Files.isRegularFile(log)) {
            throw new CliArguments.UsageException("收件记录文件不存在：" + log);
        }
        try {
            ReceivedLog.load(log);
        } catch (IOException | RuntimeException e) {
            throw new CliArguments.UsageException(e.getMessage());
        }
        try {
            Registry.load(reg);
        } catch (IOException | RuntimeException e) {
            throw new CliArguments.UsageException("无法读取报送单位名录 " + reg + "：" + e.getMessage());
        }
        String camp = campaign != null ? campaign : Files.exists(Path.of(DEFAULT_CAMPAIGN)) ? DEFAULT_CAMPAIGN : "";
        try {
            if (camp.isEmpty()) {
                CampaignLoader.loadBundled();
            } else {
                CampaignLoader.load(Path.of(camp));
                camp = Path.of(camp).toAbsolutePath().normalize().toString();
            }
        } catch (IOException | RuntimeException e) {
            throw new CliArguments.UsageException("无法读取活动定义 " + camp + "：" + e.getMessage());
        }
        return new RunRequest(in, reg, out, camp, Files.isRegularFile(log) ? log : null, trigger);
    }

    /** Whether a folder (existing or not yet) lies inside another, links resolved. */
    static boolean inside(Path folder, Path container) {
        return realOrSelf(folder).startsWith(realOrSelf(container));
    }

    /** The real path of a folder, or of its nearest existing parent joined with the rest (not created yet). */
    static Path realOrSelf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    public static RunRequest fromCli(CliArguments cli, String trigger) throws CliArguments.UsageException {
        return of(cli.option("input", "input/inbox"), cli.option("registry", "input/registry.csv"),
                cli.option("output", "output"), cli.options().get("campaign"), cli.options().get("received"), trigger);
    }
}
