package cn.huizong.intake;

import java.time.Instant;

/**
 * One entry of a run's manifest: a file under the input folder or a member of an archive there.
 *
 * @param path        relative to the input folder with / separators; members as {@code a.zip!/dir/member.xlsx};
 *                    control characters shown as ?
 * @param diskPath    the loose file's real relative path (names may hold control characters), or null
 * @param archiveNo   manifest number of the archive holding this member, or null
 * @param memberName  the member's name inside its archive (to read it again), or null
 * @param receivedAt  modification time of the file (of the archive, for members)
 * @param rejectCode  set when intake already knows the file cannot be taken (nested archive, link out of inbox…)
 */
public record InboxFile(
        int fileNo,
        String path,
        String diskPath,
        Integer archiveNo,
        String memberName,
        String sha256,
        long size,
        Instant receivedAt,
        FileKind kind,
        String rejectCode,
        String rejectDetail) {

    /** File name without folders, for unit guessing and messages. */
    public String fileName() {
        String p = memberName != null ? memberName : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
