package cn.huizong.intake;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Optional mail log (file,received_at): when each attachment arrived, by its path under the inbox. Copying
 * files loses their modification times; the mail server does not forget. Files not listed keep their
 * modification time.
 */
public final class ReceivedLog {

    private ReceivedLog() {
    }

    public static Map<String, Instant> load(Path file) throws IOException {
        Map<String, Instant> out = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return out;
        }
        String text = TextDecoding.decode(Files.readAllBytes(file));
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        for (CSVRecord r : format.parse(new StringReader(text))) {
            try {
                out.put(r.get("file").replace('\\', '/'), OffsetDateTime.parse(r.get("received_at")).toInstant());
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException("收件记录 " + file + " 第" + r.getRecordNumber()
                        + "行的时间“" + (r.isSet("received_at") ? r.get("received_at") : "") + "”无效，应为 2025-12-08T16:40:00+08:00 形式");
            }
        }
        return out;
    }
}
