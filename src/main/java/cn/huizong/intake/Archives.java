package cn.huizong.intake;

import cn.huizong.support.TextDecoding;

import cn.huizong.support.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import cn.huizong.support.ReadLimits;
import cn.huizong.support.Sizes;

/**
 * Zip archives as Chinese Windows makes them: member names in GBK without the UTF-8 flag. Members are read
 * into memory, never extracted to disk, so names with ".." or absolute paths cannot escape anywhere (and such
 * names are refused anyway). An archive is judged whole at intake: readable, not encrypted, not too many or
 * too big members; each member then on its own.
 */
public final class Archives {

    /** What a zip bomb is called to the unit (members here, xlsx parts in the readers). */
    public static final String ZIP_BOMB = "解压后的内容异常巨大（压缩比或解压大小超过上限，疑似“压缩炸弹”）";

    /** Inflated bytes a member may reach before its compression ratio is checked (as POI's guard does). */
    static final long RATIO_GRACE_BYTES = 1024 * 1024;

    /** The whole message for a password on the zip itself (the workbook message talks about Excel's menus). */
    public static final String ENCRYPTED_ZIP = "压缩包设置了密码，无法读取。请去掉压缩包密码后重新发送，或直接发送表格文件。";

    private Archives() {
    }

    /** What intake decides about one archive: a rejection of the whole, or its members. */
    public record Listing(String rejectCode, String rejectDetail, List<Member> members) {

        static Listing rejected(String code, String detail) {
            return new Listing(code, detail, List.of());
        }
    }

    /** One member: its hash and size when it can be read, else why not. */
    public record Member(String name, String sha256, long size, String rejectCode, String rejectDetail) {
    }

    public static Listing inspect(Path archive, ReadLimits limits) {
        if (limits.maxArchiveDepth() < 1) {
            return Listing.rejected("ARCHIVE_REJECTED", "本次汇总不接受压缩包，请直接发送表格文件");
        }
        ZipFile zip;
        try {
            zip = open(archive);
        } catch (IOException | RuntimeException e) {
            return isEncrypted(e) ? Listing.rejected("ENCRYPTED_FILE", ENCRYPTED_ZIP)
                    : Listing.rejected("UNREADABLE_FILE", "压缩包已损坏或未下载完整，无法读取其目录");
        }
        try (zip) {
            List<ZipEntry> entries = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory() && entries.size() >= limits.maxArchiveMembers()) {
                    return Listing.rejected("ARCHIVE_REJECTED", "压缩包内文件超过 " + limits.maxArchiveMembers() + " 个");
                }
                if (!seen.add(entry.getName())) {
                    // a name lookup would return one of the twins whatever entry was listed: which one is read
                    // would be up to the zip library, so such an archive is not read at all
                    return Listing.rejected("ARCHIVE_REJECTED", "压缩包内有重名文件，无法确定应读取哪一个，请重新打包");
                }
                if (!entry.isDirectory()) {
                    entries.add(entry);
                }
            }
            List<Member> members = new ArrayList<>();
            long inflated = 0;
            for (ZipEntry entry : entries) {
                String name = entry.getName();
                if (isUnsafeName(name)) {
                    members.add(rejected(name, "ARCHIVE_REJECTED", "压缩包内文件的路径不安全（含“..”或绝对路径），未读取"));
                } else if (isArchiveName(name)) {
                    members.add(rejected(name, "ARCHIVE_REJECTED", "压缩包内不能再嵌套压缩包"));
                } else {
                    try {
                        byte[] data = readMember(zip, entry, limits);
                        inflated += data.length;
                        if (inflated > limits.maxInflatedBytes()) {
                            return Listing.rejected("FILE_TOO_LARGE", "压缩包解压后超过 "
                                    + Sizes.human(limits.maxInflatedBytes()));
                        }
                        members.add(new Member(name, Sha256.of(data), data.length, null, null));
                    } catch (MemberTooLarge e) {
                        members.add(rejected(name, "FILE_TOO_LARGE", e.getMessage()));
                    } catch (ZipBomb e) {
                        members.add(rejected(name, "FILE_TOO_LARGE", ZIP_BOMB));
                    } catch (IOException | RuntimeException e) {
                        members.add(isEncrypted(e) ? rejected(name, "ENCRYPTED_FILE", ENCRYPTED_ZIP)
                                : rejected(name, "UNREADABLE_FILE", "压缩包内的这个文件已损坏"));
                    }
                }
            }
            return new Listing(null, null, members);
        } catch (IOException | RuntimeException e) {
            return Listing.rejected("UNREADABLE_FILE", "压缩包已损坏或未下载完整");
        }
    }

    private static Member rejected(String name, String code, String detail) {
        return new Member(name, "", 0, code, detail);
    }

    /** Opens with UTF-8 names when they all decode as UTF-8, else with GB18030 (a superset of GBK). */
    public static ZipFile open(Path archive) throws IOException {
        try {
            ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8);
            // the central directory is decoded lazily on some JDKs: touch every name now
            zip.stream().forEach(ZipEntry::getName);
            return zip;
        } catch (IllegalArgumentException | ZipException e) {
            if (e instanceof ZipException && !String.valueOf(e.getMessage()).contains("bad entry name")) {
                throw e;
            }
            return new ZipFile(archive.toFile(), TextDecoding.GB18030);
        }
    }

    /**
     * The bytes of one member, refusing members larger than the limit and members that inflate past the
     * minimum ratio (counted as they inflate: the sizes a zip declares may lie).
     */
    public static byte[] readMember(ZipFile zip, ZipEntry entry, ReadLimits limits) throws IOException {
        long max = limits.maxArchiveMemberBytes();
        if (entry.getSize() > max) {
            throw new MemberTooLarge(entry.getSize(), max);
        }
        long compressed = Math.max(entry.getCompressedSize(), 0);
        try (InputStream in = zip.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(entry.getSize(), 0), 1 << 20));
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0;) {
                total += n;
                if (total > max) {
                    throw new MemberTooLarge(total, max);
                }
                if (total > RATIO_GRACE_BYTES && (double) compressed / total < limits.minInflateRatio()) {
                    throw new ZipBomb();
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** A member read again by the reading step, from the archive's stored copy. */
    public static byte[] readMember(Path archive, String memberName, ReadLimits limits) throws IOException {
        try (ZipFile zip = open(archive)) {
            ZipEntry e = zip.getEntry(memberName);
            if (e == null) {
                throw new IOException("archive member disappeared: " + memberName);
            }
            return readMember(zip, e, limits);
        }
    }

    /** Absolute, drive-relative or climbing paths: harmless here (nothing is extracted) but never legitimate. */
    static boolean isUnsafeName(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    static boolean isArchiveName(String name) {
        String ext = FileKind.extension(name.replace('\\', '/'));
        return ext.equals("zip") || ext.equals("rar") || ext.equals("7z") || ext.equals("tar") || ext.equals("gz")
                || ext.equals("tgz") || ext.equals("bz2") || ext.equals("xz") || ext.equals("cab") || ext.equals("arj");
    }

    private static boolean isEncrypted(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 32; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("encrypt")) {
                return true;
            }
        }
        return false;
    }

    /** A member whose declared or actual size passes the limit. */
    public static final class MemberTooLarge extends IOException {
        public MemberTooLarge(long size, long max) {
            super("解压后 " + Sizes.human(size) + "，超过上限 " + Sizes.human(max));
        }
    }

    /** A member that inflates far more than any real document does. */
    public static final class ZipBomb extends IOException {
        public ZipBomb() {
            super("zip bomb");
        }
    }
}
