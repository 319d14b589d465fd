package cn.huizong.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import cn.huizong.intake.InboxFile;
import cn.huizong.support.Sha256;

/** What a run's result depends on, as one hash: every file's path, bytes and received time, and the rules. */
final class InputFingerprint {

    private InputFingerprint() {
    }

    static String of(List<InboxFile> files, String rulesFingerprint) {
        MessageDigest md = Sha256.digest();
        md.update(rulesFingerprint.getBytes(StandardCharsets.UTF_8));
        for (InboxFile f : files) {
            String line = "\n" + f.path() + "\t" + f.sha256() + "\t" + f.receivedAt() + "\t" + f.kind() + "\t"
                    + f.rejectCode();
            md.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(md);
    }
}
