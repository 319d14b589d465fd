package cn.huizong.intake;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * @return arrival time by {@link #key(String) path key}, in the log's order
     */
    public static Map<String, Instant> load(Path file) throws IOException {
        Map<String, Instant> out = new LinkedHashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return out;
        }
        String text = TextDecoding.decode(Files.readAllBytes(file));
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        for (CSVRecord r : format.parse(new StringReader(text))) {
            try {
                out.put(key(r.get("file")), OffsetDateTime.parse(r.get("received_at")).toInstant());
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException("收件记录 " + file + " 第" + r.getRecordNumber()
                        + "行的时间“" + (r.isSet("received_at") ? r.get("received_at") : "") + "”无效，应为 2025-12-08T16:40:00+08:00 形式");
            }
        }
        return out;
    }

    /**
     * How a path is looked up: NFKC (a full-width digit or letter typed in the log, or in a file name, still
     * meets its plain twin), forward slashes, no leading ./ and no surrounding blanks.
     */
    public static String key(String path) {
        String p = Normalizer.normalize(path == null ? "" : path, Normalizer.Form.NFKC).replace('\\', '/').strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    /** Lines of the log that name no file of the inbox, in the log's order: their times were not used. */
    public static List<String> unmatched(Map<String, Instant> log, Collection<String> inboxPaths) {
        Set<String> present = new HashSet<>();
        inboxPaths.forEach(p -> present.add(key(p)));
        return log.keySet().stream().filter(k -> !present.contains(k)).toList();
    }
}
