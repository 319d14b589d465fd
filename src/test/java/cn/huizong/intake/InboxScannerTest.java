package cn.huizong.intake;

import cn.huizong.support.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.support.ReadLimits;

/** What intake makes of the odd things an inbox folder can hold. */
class InboxScannerTest {

    @TempDir
    Path work;

    Map<String, InboxFile> scan(Path inbox) throws Exception {
        return new InboxScanner(ReadLimits.DEFAULT, new EvidenceStore(work.resolve("data"))).scan(inbox, ReceivedLog.EMPTY)
                .stream().collect(Collectors.toMap(InboxFile::path, Function.identity()));
    }

    @Test
    void linksInsideAreReadLinksOutAndFoldersLinksArePipesAreNot() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path real = Files.writeString(inbox.resolve("real.csv"), "a,b\n");
        Files.createDirectories(inbox.resolve("sub"));
        Files.writeString(inbox.resolve("sub/inner.csv"), "c,d\n");
        Files.createSymbolicLink(inbox.resolve("same.csv"), Path.of("real.csv"));
        Files.createSymbolicLink(inbox.resolve("out.csv"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(inbox.resolve("sub-again"), Path.of("sub"));
        Files.createSymbolicLink(inbox.resolve("root-folder"), Path.of("/"));
        Files.createSymbolicLink(inbox.resolve("dangling.csv"), Path.of("gone.csv"));
        new ProcessBuilder("mkfifo", inbox.resolve("pipe.csv").toString()).start().waitFor();

        Map<String, InboxFile> files = scan(inbox);

        assertThat(files).containsOnlyKeys("real.csv", "sub/inner.csv", "same.csv", "out.csv", "sub-again",
                "root-folder", "dangling.csv", "pipe.csv");
        String sha = Sha256.of(Files.readAllBytes(real));
        assertThat(files.get("real.csv").sha256()).isEqualTo(sha);
        assertThat(files.get("same.csv").sha256()).isEqualTo(sha);
        assertThat(files.get("same.csv").rejectCode()).isNull();
        assertThat(files.get("out.csv").rejectDetail()).contains("收件箱以外");
        assertThat(files.get("sub-again").rejectDetail()).contains("文件夹的链接");
        assertThat(files.get("root-folder").rejectDetail()).contains("收件箱以外");
        assertThat(files.get("dangling.csv").rejectDetail()).contains("不存在");
        assertThat(files.get("pipe.csv").rejectDetail()).contains("不是普通文件");
        assertThat(List.of("out.csv", "sub-again", "root-folder", "dangling.csv", "pipe.csv"))
                .allSatisfy(p -> assertThat(files.get(p).rejectCode()).isEqualTo("UNREADABLE_FILE"));
        assertThat(new EvidenceStore(work.resolve("data")).contains(sha)).isTrue();
    }

    @Test
    void namesWithControlCharactersBidiOverridesOr250BytesAreRecordedPrintably() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Files.writeString(inbox.resolve("a\u0001b\nc.csv"), "1");
        Files.writeString(inbox.resolve("附件1\u202Eslx.exe"), "2");
        String longName = "长".repeat(81) + "xx.xlsx";
        Files.writeString(inbox.resolve(longName), "3");
        assertThat(longName.getBytes(StandardCharsets.UTF_8)).hasSize(250);

        Map<String, InboxFile> files = scan(inbox);

        assertThat(files).containsOnlyKeys("a?b?c.csv", "附件1?slx.exe", longName);
        assertThat(files.get("a?b?c.csv").diskPath()).isEqualTo("a\u0001b\nc.csv");
        assertThat(files.values()).allSatisfy(f -> assertThat(f.sha256()).hasSize(64));
    }

    @Test
    void aFileOverTheByteLimitIsNeitherHashedNorStored() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Files.write(inbox.resolve("big.csv"), new byte[2048]);
        ReadLimits tiny = new ReadLimits(1024, 32L << 20, 100L << 20, 2_000, 1, 1L << 30, 0.01, 1_048_576, 16_384,
                20_000_000L, 200_000, 32L << 20, java.time.Duration.ofMinutes(5));

        List<InboxFile> files = new InboxScanner(tiny, new EvidenceStore(work.resolve("data"))).scan(inbox, ReceivedLog.EMPTY);

        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.rejectCode()).isEqualTo("FILE_TOO_LARGE");
            assertThat(f.rejectDetail()).contains("2.0 KB").contains("1.0 KB");
            assertThat(f.sha256()).isEmpty();
        });
        assertThat(work.resolve("data/store")).doesNotExist();
    }
}
