package cn.huizong.web.upload;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import cn.huizong.support.TextDecoding;

/**
 * Adds a line to the mail log ({@code received.csv}: file,received_at) that every run reads, so an uploaded
 * file keeps the received time the clerk gave. The file is rewritten whole in UTF-8 (a log saved as GBK by
 * Excel stays readable) and replaced by a rename, so a run never reads half a line.
 */
final class MailLog {

    private MailLog() {
    }

    static synchronized void append(Path log, String inboxPath, OffsetDateTime receivedAt) throws IOException {
        String text = Files.isRegularFile(log) ? TextDecoding.decode(Files.readAllBytes(log)) : "file,received_at\n";
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            text = "file,received_at\n";
        }
        if (!text.endsWith("\n")) {
            text += "\n";
        }
        StringWriter line = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(line, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord(inboxPath, receivedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        Path parent = log.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".received-", ".tmp");
        try {
            Files.writeString(tmp, text + line, StandardCharsets.UTF_8);
            Files.move(tmp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
