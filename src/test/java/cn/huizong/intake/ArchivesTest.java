package cn.huizong.intake;

import cn.huizong.support.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.HostileFiles;
import cn.huizong.fixtures.HostileFiles.RawEntry;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.support.ReadLimits;

/** An archive is judged whole at intake, then member by member; nothing is ever extracted. */
class ArchivesTest {

    @TempDir
    Path work;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Map<String, String> codes(Archives.Listing listing) {
        return listing.members().stream().collect(Collectors.toMap(Archives.Member::name,
                m -> m.rejectCode() == null ? "ok" : m.rejectCode()));
    }

    @Test
    void unsafeNestedAndBombMembersAreRefusedOneByOne() throws Exception {
        Path zip = work.resolve("a.zip");
        HostileFiles.zip(zip, List.of(RawEntry.deflated("附件1.csv", utf8("a,b\n")),
                RawEntry.deflated("../../evil.csv", utf8("x")),
                RawEntry.deflated("/etc/cron.d/evil", utf8("x")),
                RawEntry.deflated("C:\\evil.csv", utf8("x")),
                RawEntry.deflated("dir\\..\\..\\evil.csv", utf8("x")),
                RawEntry.deflated("inner.zip", utf8("PK")),
                RawEntry.deflated("inner.7z", utf8("7z")),
                RawEntry.deflated("文件夹/", new byte[0])));
        HostileFiles.zipBombArchive(work.resolve("bomb.zip"), "炸弹.csv", 64);

        Archives.Listing listing = Archives.inspect(zip, ReadLimits.DEFAULT);
        Archives.Listing bomb = Archives.inspect(work.resolve("bomb.zip"), ReadLimits.DEFAULT);

        assertThat(listing.rejectCode()).isNull();
        assertThat(listing.members()).hasSize(7); // the folder entry is not a file
        assertThat(listing.members().get(0).sha256()).isEqualTo(Sha256.of(utf8("a,b\n")));
        assertThat(listing.members().subList(1, 7)).allSatisfy(m -> assertThat(m.rejectCode()).isEqualTo("ARCHIVE_REJECTED"));
        assertThat(bomb.members()).singleElement().satisfies(m -> {
            assertThat(m.rejectCode()).isEqualTo("FILE_TOO_LARGE");
            assertThat(m.rejectDetail()).contains("压缩炸弹");
        });
    }

    @Test
    void anArchiveWithTwinNamesIsNotReadAtAll() throws Exception {
        Path zip = work.resolve("twins.zip");
        HostileFiles.zip(zip, List.of(RawEntry.deflated("附件1.csv", utf8("first")),
                RawEntry.deflated("附件1.csv", utf8("second"))));

        Archives.Listing listing = Archives.inspect(zip, ReadLimits.DEFAULT);

        assertThat(listing.rejectCode()).isEqualTo("ARCHIVE_REJECTED");
        assertThat(listing.rejectDetail()).contains("重名");
        assertThat(listing.members()).isEmpty();
    }

    @Test
    void gbkNamesFromChineseWindowsAreDecoded() throws Exception {
        Path zip = work.resolve("gbk.zip");
        Map<String, byte[]> members = Workbooks.members();
        members.put("郑州大学/附件5 典型案例汇总表.xlsx", utf8("x"));
        Workbooks.zipGbk(zip, members);

        assertThat(codes(Archives.inspect(zip, ReadLimits.DEFAULT))).containsOnlyKeys("郑州大学/附件5 典型案例汇总表.xlsx");
    }

    @Test
    void encryptedTruncatedOversizedAndUnwantedArchivesAreRejectedWhole() throws Exception {
        byte[] plain = HostileFiles.zipBytes(List.of(RawEntry.deflated("附件1.xlsx", utf8("data"))));
        HostileFiles.encryptedZip(work.resolve("enc.zip"), utf8("data"));
        Files.write(work.resolve("cut.zip"), java.util.Arrays.copyOf(plain, plain.length - 30));
        HostileFiles.manyMembersZip(work.resolve("many.zip"), 2_001);
        Files.write(work.resolve("not.zip"), utf8("<html>"));

        assertThat(Archives.inspect(work.resolve("enc.zip"), ReadLimits.DEFAULT).rejectCode()).isEqualTo("ENCRYPTED_FILE");
        assertThat(Archives.inspect(work.resolve("cut.zip"), ReadLimits.DEFAULT).rejectCode()).isEqualTo("UNREADABLE_FILE");
        assertThat(Archives.inspect(work.resolve("not.zip"), ReadLimits.DEFAULT).rejectCode()).isEqualTo("UNREADABLE_FILE");
        Archives.Listing many = Archives.inspect(work.resolve("many.zip"), ReadLimits.DEFAULT);
        assertThat(many.rejectCode()).isEqualTo("ARCHIVE_REJECTED");
        assertThat(many.members()).isEmpty();
        ReadLimits noArchives = new ReadLimits(200L << 20, 32L << 20, 100L << 20, 2_000, 0, 1L << 30, 0.01,
                1_048_576, 16_384, 20_000_000L, 200_000, 32L << 20, java.time.Duration.ofMinutes(5));
        assertThat(Archives.inspect(work.resolve("enc.zip"), noArchives).rejectCode()).isEqualTo("ARCHIVE_REJECTED");
    }

    @Test
    void namesThatClimbOrStartAtARootAreUnsafe() {
        assertThat(List.of("../a.xlsx", "a/../../b.xlsx", "/abs.xlsx", "\\abs.xlsx", "C:/x.xlsx", "c:x.xlsx",
                "a\\..\\..\\b.xlsx")).allMatch(Archives::isUnsafeName);
        assertThat(List.of("a.xlsx", "目录/附件1.xlsx", "a..b.xlsx", "..附件.xlsx", "a/.../b.xlsx"))
                .noneMatch(Archives::isUnsafeName);
    }
}
