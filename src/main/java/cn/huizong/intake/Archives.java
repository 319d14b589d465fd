package cn.huizong.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Zip archives as Chinese Windows makes them: member names in GBK without the UTF-8 flag. Members are read
 * into memory, never extracted to disk, so names with ".." or absolute paths cannot escape anywhere.
 */
public final class Archives {

    private Archives() {
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

    /** The bytes of one member, refusing members larger than the limit. */
    public static byte[] readMember(ZipFile zip, ZipEntry entry, long maxBytes) throws IOException {
        if (entry.getSize() > maxBytes) {
            throw new MemberTooLarge(entry.getSize());
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (data.length > maxBytes) {
                throw new MemberTooLarge(data.length);
            }
            return data;
        }
    }

    public static byte[] readMember(Path archive, String memberName, long maxBytes) throws IOException {
        try (ZipFile zip = open(archive)) {
            ZipEntry e = zip.getEntry(memberName);
            if (e == null) {
                throw new IOException("archive member disappeared: " + memberName);
            }
            return readMember(zip, e, maxBytes);
        }
    }

    /** A member whose declared or actual size passes the limit. */
    public static final class MemberTooLarge extends IOException {
        public MemberTooLarge(long size) {
            super("member of " + size + " bytes");
        }
    }
}
