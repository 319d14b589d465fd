package cn.huizong.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import cn.huizong.intake.InboxFile;
import cn.huizong.support.Sha256;

/**
 * What a run's result depends on, as one hash: every file's path, bytes and received time, the rules, and the
 * version of what a run makes of the staged files.
 */
final class InputFingerprint {

    /**
     * Raise when resolution, the feeds or the reports change what they make of the same staged files: the next
     * run over an unchanged inbox then publishes anew (reusing every file's staged reading) instead of reporting
     * the earlier result as current. 1: documents in completeness, 案例材料核查, letters' documents section,
     * commented .docx copies. 2: newer write-ups and plans replace older ones, plan lateness over unreadable
     * attempts and corrections asked for, a plan of the other kind does not count.
     */
    static final int RESULT_VERSION = 2;

    private InputFingerprint() {
    }

    static String of(List<InboxFile> files, String rulesFingerprint) {
        return of(files, rulesFingerprint, RESULT_VERSION);
    }

    static String of(List<InboxFile> files, String rulesFingerprint, int resultVersion) {
        MessageDigest md = Sha256.digest();
        md.update(rulesFingerprint.getBytes(StandardCharsets.UTF_8));
        md.update(("\nresult " + resultVersion).getBytes(StandardCharsets.UTF_8));
        for (InboxFile f : files) {
            String line = "\n" + f.path() + "\t" + f.sha256() + "\t" + f.receivedAt() + "\t" + f.kind() + "\t"
                    + f.rejectCode();
            md.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(md);
    }
}
