package cn.huizong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.SampleInbox;
import cn.huizong.intake.EvidenceStore;
import cn.huizong.intake.InboxFile;
import cn.huizong.intake.InboxScanner;
import cn.huizong.intake.ReceivedLog;
import cn.huizong.support.ReadLimits;

/**
 * An upgrade that changes what a run makes of staged files (a new sheet, new completeness columns) must not
 * leave the earlier result standing as "unchanged" over the same inbox, rules and registry.
 */
class InputFingerprintTest {

    @TempDir
    Path work;

    @Test
    void theSameInboxUnderANewResultVersionIsANewInput() throws Exception {
        Path inbox = work.resolve("inbox");
        SampleInbox.write(inbox, work.resolve("received.csv"));
        List<InboxFile> files = new InboxScanner(ReadLimits.DEFAULT, new EvidenceStore(work.resolve("data")))
                .scan(inbox, ReceivedLog.load(work.resolve("received.csv")));

        String now = InputFingerprint.of(files, "rules");
        assertThat(files).hasSize(31); // the sample inbox with its Word write-ups and plans (i15)
        assertThat(InputFingerprint.of(files, "rules")).isEqualTo(now);
        assertThat(InputFingerprint.of(files, "rules", InputFingerprint.RESULT_VERSION)).isEqualTo(now);
        assertThat(InputFingerprint.of(files, "rules", InputFingerprint.RESULT_VERSION + 1)).isNotEqualTo(now);
        assertThat(InputFingerprint.of(files, "other rules")).isNotEqualTo(now);
        Files.writeString(inbox.resolve("新文件.txt"), "x");
        assertThat(InputFingerprint.of(new InboxScanner(ReadLimits.DEFAULT, new EvidenceStore(work.resolve("data")))
                .scan(inbox, ReceivedLog.load(work.resolve("received.csv"))), "rules")).isNotEqualTo(now);
    }
}
