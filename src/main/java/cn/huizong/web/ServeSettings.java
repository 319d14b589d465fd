package cn.huizong.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.app.CliArguments;
import cn.huizong.app.RunRequest;
import cn.huizong.registry.Registry;

/**
 * What {@code serve} was started with (its --input, --registry, --output, --campaign, --received, with the same
 * defaults): where uploads go, where runs read and write, and the campaign and registry a check uses.
 */
@Component
public class ServeSettings {

    private final String input;
    private final String registry;
    private final String output;
    private final String campaign;
    private final String received;
    private Cached<Registry> registryCache;
    private Cached<Campaign> campaignCache;

    private record Cached<T>(Path file, FileTime modified, T value) {
    }

    ServeSettings(Environment env) {
        this.input = env.getProperty(WebConsole.PREFIX + "input", "input/inbox");
        this.registry = env.getProperty(WebConsole.PREFIX + "registry", "input/registry.csv");
        this.output = env.getProperty(WebConsole.PREFIX + "output", "output");
        this.campaign = env.getProperty(WebConsole.PREFIX + "campaign");
        this.received = env.getProperty(WebConsole.PREFIX + "received");
    }

    /**
     * A run as a console user asks for it, checked now (the mail log an upload created since start-up is found).
     */
    public RunRequest request(String user) throws CliArguments.UsageException {
        return RunRequest.of(input, registry, output, campaign, received, "web").by("web", user);
    }

    public Path inbox() {
        return Path.of(input).toAbsolutePath().normalize();
    }

    /** The mail log (received.csv) a run reads: --received, or the one beside the inbox. */
    public Path mailLog() {
        return received != null ? Path.of(received).toAbsolutePath().normalize() : inbox().resolveSibling("received.csv");
    }

    public Path output() {
        return Path.of(output).toAbsolutePath().normalize();
    }

    /** The registry file serve was started with (--registry). */
    public Path registryFile() {
        return Path.of(registry).toAbsolutePath().normalize();
    }

    /** The registry, read again when its file or its side file of additions changed. */
    public synchronized Registry registry() throws IOException {
        Path file = Path.of(registry).toAbsolutePath().normalize();
        Path side = cn.huizong.registry.RegistryAdditions.fileFor(file);
        FileTime modified = Files.getLastModifiedTime(file);
        if (Files.exists(side)) { // either file changing reads both again
            FileTime s = Files.getLastModifiedTime(side);
            modified = s.compareTo(modified) > 0 ? s : modified;
        }
        if (registryCache == null || !registryCache.file().equals(file) || !registryCache.modified().equals(modified)) {
            registryCache = new Cached<>(file, modified, Registry.load(file));
        }
        return registryCache.value();
    }

    /** The campaign: --campaign, else jobs/jiaoyu-zhuqi-2025.yml where present, else the copy in the jar. */
    public synchronized Campaign campaign() throws IOException {
        Path file = campaign != null ? Path.of(campaign) : Path.of("jobs/jiaoyu-zhuqi-2025.yml");
        if (campaign == null && !Files.exists(file)) {
            if (campaignCache == null || campaignCache.file() != null) {
                campaignCache = new Cached<>(null, null, CampaignLoader.loadBundled());
            }
            return campaignCache.value();
        }
        file = file.toAbsolutePath().normalize();
        FileTime modified = Files.getLastModifiedTime(file);
        if (campaignCache == null || !file.equals(campaignCache.file()) || !modified.equals(campaignCache.modified())) {
            campaignCache = new Cached<>(file, modified, CampaignLoader.load(file));
        }
        return campaignCache.value();
    }
}
