package cn.huizong.intake;

import cn.huizong.support.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Received files kept by content: once, whole, never overwritten, never through a link. */
class EvidenceStoreTest {

    @TempDir
    Path work;

    @Test
    void keepsAFileUnderItsHashReadOnlyAndOnlyOnce() throws Exception {
        Path file = Files.writeString(work.resolve("附件1.csv"), "教育行政部门,企业\n");
        EvidenceStore store = new EvidenceStore(work.resolve("data"));

        EvidenceStore.Stored first = store.put(file);
        EvidenceStore.Stored again = store.put(file);

        String sha = Sha256.of(Files.readAllBytes(file));
        assertThat(first.sha256()).isEqualTo(sha).isEqualTo(again.sha256());
        assertThat(first.path()).isEqualTo(work.resolve("data/store").resolve(sha.substring(0, 2)).resolve(sha));
        assertThat(first.path()).hasSameBinaryContentAs(file);
        assertThat(first.size()).isEqualTo(Files.size(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.path()))).isEqualTo("r--r--r--");
        try (var tmp = Files.list(work.resolve("data/store/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void neverOverwritesWhatIsAlreadyStored() throws Exception {
        Path file = Files.writeString(work.resolve("a.csv"), "a");
        EvidenceStore store = new EvidenceStore(work.resolve("data"));
        Path target = store.path(Sha256.of("a".getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(target.getParent());
        Files.writeString(target, "kept as it was");

        store.put(file);

        assertThat(target).hasContent("kept as it was");
    }

    @Test
    void aSourceThatCannotBeReadIsTheSourcesProblemAndLeavesNothingBehind() throws Exception {
        EvidenceStore store = new EvidenceStore(work.resolve("data"));
        Path link = Files.createSymbolicLink(work.resolve("link.xlsx"), Path.of("/etc/passwd"));

        assertThatThrownBy(() -> store.put(work.resolve("missing.xlsx"))).isInstanceOf(EvidenceStore.SourceUnreadable.class);
        // the last path component is never followed: the scanner resolves links itself, inside the inbox only
        assertThatThrownBy(() -> store.put(link)).isInstanceOf(EvidenceStore.SourceUnreadable.class);
        assertThatThrownBy(() -> store.put(work)).isInstanceOf(EvidenceStore.SourceUnreadable.class);
        try (var tmp = Files.list(work.resolve("data/store/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void onlyHashesNameStoredFiles() {
        EvidenceStore store = new EvidenceStore(work);
        assertThatThrownBy(() -> store.path("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
