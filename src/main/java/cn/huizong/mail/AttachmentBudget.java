package cn.huizong.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a letter can carry: mail servers refuse a whole message over their limit (government mail, QQ and 163 at
 * 20–50 MB), so a letter with photo-heavy commented copies would bounce altogether. Sizes are counted as they
 * travel: base64 in 76-character lines, about 4/3 of the file.
 *
 * @param maxBytes the attachments' encoded size allowed in one message ({@code huizong.mail.max-attachment-bytes})
 */
record AttachmentBudget(long maxBytes) {

    /** The files attached, in order, and those left out for the budget. */
    record Choice(List<Path> attached, List<Path> leftOut) {
    }

    /**
     * The letter always (it is the feedback itself, and small); then each copy, in order, that still fits in what
     * is left, so one large copy does not keep the smaller ones after it out of the mail.
     */
    Choice choose(Path letter, List<Path> copies) throws IOException {
        List<Path> attached = new ArrayList<>(List.of(letter));
        List<Path> leftOut = new ArrayList<>();
        long used = encoded(Files.size(letter));
        for (Path copy : copies) {
            long size = encoded(Files.size(copy));
            if (used + size <= maxBytes) {
                attached.add(copy);
                used += size;
            } else {
                leftOut.add(copy);
            }
        }
        return new Choice(List.copyOf(attached), List.copyOf(leftOut));
    }

    /** A file's size in the message: base64, 76 characters and CRLF a line (Jakarta Mail's encoder). */
    static long encoded(long raw) {
        long chars = (raw + 2) / 3 * 4;
        return chars + (chars + 75) / 76 * 2;
    }
}
