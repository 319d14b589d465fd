package cn.huizong.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.registry.Registry;

/** The registry and campaign the mail commands read, checked as consolidate checks them (usage errors, exit 2). */
final class MailArguments {

    private MailArguments() {
    }

    static Campaign campaign(CliArguments cli) throws CliArguments.UsageException {
        String camp = cli.options().get("campaign");
        if (camp == null && Files.exists(Path.of(RunRequest.DEFAULT_CAMPAIGN))) {
            camp = RunRequest.DEFAULT_CAMPAIGN;
        }
        try {
            return camp == null ? CampaignLoader.loadBundled() : CampaignLoader.load(Path.of(camp));
        } catch (IOException | RuntimeException e) {
            throw new CliArguments.UsageException("无法读取活动定义 " + (camp == null ? "（jar 内）" : camp) + "：" + e.getMessage());
        }
    }

    /** The registry under the campaign's name rules; null when the default file is absent (a named one must exist). */
    static Registry registry(CliArguments cli, Campaign campaign) throws CliArguments.UsageException {
        Path reg = Path.of(cli.option("registry", "input/registry.csv")).toAbsolutePath().normalize();
        if (!cli.options().containsKey("registry") && !Files.isRegularFile(reg)) {
            return null;
        }
        try {
            Registry r = Registry.load(reg);
            return campaign == null ? r : r.withNames(campaign.unitNames());
        } catch (IOException | RuntimeException e) {
            throw new CliArguments.UsageException("无法读取报送单位名录 " + reg + "：" + e.getMessage());
        }
    }
}
