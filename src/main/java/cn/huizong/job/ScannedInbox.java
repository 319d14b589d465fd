package cn.huizong.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import cn.huizong.intake.InboxFile;

/**
 * The runner's walk of the inbox, handed to the intake step of the same run: the inbox is walked and hashed
 * once per run, so the run's name (its input fingerprint) and its manifest describe the same files even when a
 * file arrives in between.
 */
@Component
public class ScannedInbox {

    private final Map<String, List<InboxFile>> byRunId = new ConcurrentHashMap<>();

    public void put(String runId, List<InboxFile> files) {
        byRunId.put(runId, List.copyOf(files));
    }

    /** The walk made for this run, once; null when the job was started without the runner (then intake walks). */
    public List<InboxFile> take(String runId) {
        return byRunId.remove(runId);
    }
}
