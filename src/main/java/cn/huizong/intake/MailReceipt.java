package cn.huizong.intake;

import java.time.Instant;

/**
 * An attachment fetch-mail wrote into the inbox: its path there (relative, / separators), the message's IMAP
 * arrival time (INTERNALDATE), the sender's address and the subject, which name the unit when the sheet does not.
 */
public record MailReceipt(String path, Instant receivedAt, String sender, String subject) {

    /** The attachment's path below the folder of its sender (its own name, as fetched). */
    public String nameInMail() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
