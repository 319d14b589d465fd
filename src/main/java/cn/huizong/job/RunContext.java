package cn.huizong.job;

import java.io.IOException;
import java.nio.file.Path;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import java.util.List;

import cn.huizong.intake.EvidenceStore;
import cn.huizong.intake.MailReceipt;
import cn.huizong.intake.ReceivedLog;
import cn.huizong.support.Sha256;
import cn.huizong.support.ReadLimits;
import cn.huizong.registry.Registry;
import cn.huizong.validation.IssueCode;

/**
 * Everything one run works with, loaded once from the job parameters: where to read and write (inbox, output,
 * data folder with the evidence store), the campaign,
 * the registry, and the fingerprint of the rules under which files are read.
 */
public record RunContext(
        String runId,
        Path inputDir,
        Path outputDir,
        Path dataDir,
        Campaign campaign,
        Registry registry,
        String rulesFingerprint,
        ReceivedLog receivedLog,
        ReadLimits limits) {

    /**
     * Raise when the reading or checking code changes meaning: every file is then read again. 3: staged text cut
     * at 32,767 characters with a marker, messages quote long values shortened; numbers in one written form.
     * 4: reshaped tables (two-row headers, every table of a workbook, hidden copies, rows that are not data).
     * 5: Word documents checked against 附件4 (their issues, kind, title and pictures staged).
     * 6: Word bodies read through content controls, hyperlinks, fields and tracked changes; the plans a
     * document's headings show staged (plans_shown).
     */
    public static final int CODE_RULES_VERSION = 6;

    public static RunContext load(String runId, Path inputDir, Path outputDir, Path dataDir, String campaignFile,
            Path registryFile, Path receivedFile, ReadLimits limits) throws IOException {
        return load(runId, inputDir, outputDir, dataDir, campaignFile, registryFile, receivedFile, List.of(), limits);
    }

    /** @param fetched attachments fetch-mail wrote into this inbox: their arrival times, senders and subjects */
    public static RunContext load(String runId, Path inputDir, Path outputDir, Path dataDir, String campaignFile,
            Path registryFile, Path receivedFile, List<MailReceipt> fetched, ReadLimits limits) throws IOException {
        Campaign campaign = campaignFile == null || campaignFile.isBlank() ? CampaignLoader.loadBundled()
                : CampaignLoader.load(Path.of(campaignFile));
        Registry registry = Registry.load(registryFile).withNames(campaign.unitNames());
        // the issue texts are staged with each file's issues, so a reworded text reads every file again
        String fp = Sha256.of(campaign.fingerprint() + "|" + campaign.rulesVersion() + "|" + CODE_RULES_VERSION + "|"
                + Sha256.of(Registry.fingerprintBytes(registryFile)) + "|" + IssueCode.textsFingerprint());
        return new RunContext(runId, inputDir, outputDir, dataDir.toAbsolutePath().normalize(), campaign, registry, fp,
                ReceivedLog.load(receivedFile).withMail(fetched), limits);
    }

    /** Staging key of a file's bytes read as a given kind under this run's rules. */
    public String contentKey(String sha256, String kind) {
        return sha256 + ":" + kind + ":" + rulesFingerprint.substring(0, 16);
    }

    /** The received files by content: {@code <data>/store}. */
    public EvidenceStore store() {
        return new EvidenceStore(dataDir);
    }

    /** Scratch space of the parsers (POI may spill there), emptied at each run's intake. */
    public Path tempDir() {
        return dataDir.resolve("tmp");
    }

    public Path runFolder() {
        return outputDir.resolve("runs").resolve(runId);
    }
}
