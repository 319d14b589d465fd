package cn.huizong.intake;

import cn.huizong.support.TextDecoding;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Optional mail log (file,received_at): when each attachment arrived, by its path under the inbox. Copying
 * files loses their modification times; the mail server does not forget. Files not listed keep their
 * modification time. Paths meet after NFKC on both sides, so a full-width digit typed in the log (or in a
 * file name) still finds its file; a line that finds none is reported, never silently dropped.
 */
public final class ReceivedLog {

    public static final ReceivedLog EMPTY = new ReceivedLog(Map.of(), Map.of(), Map.of());

    private final Map<String, Instant> byKey;
    /** The path as the log wrote it, for telling the clerk which line matched nothing. */
    private final Map<String, String> written;
    /** Attachments fetch-mail wrote into this inbox (recorded in the database), by key of their path. */
    private final Map<String, MailReceipt> fetched;

    private ReceivedLog(Map<String, Instant> byKey, Map<String, String> written, Map<String, MailReceipt> fetched) {
        this.byKey = byKey;
        this.written = written;
        this.fetched = fetched;
    }

    /**
     * This log with the attachments fetch-mail recorded: their arrival time is the mail server's, whatever the
     * file's time says. A line written in the log by hand for the same path still wins (a clerk's correction).
     */
    public ReceivedLog withMail(Collection<MailReceipt> receipts) {
        if (receipts.isEmpty()) {
            return this;
        }
        Map<String, MailReceipt> all = new LinkedHashMap<>(fetched);
        receipts.forEach(r -> all.put(key(r.path()), r));
        return new ReceivedLog(byKey, written, Map.copyOf(all));
    }

    /**
     * The mail a file came in, if fetch-mail wrote it into the inbox; an archive member answers for its archive.
     */
    public Optional<MailReceipt> mail(String path) {
        String p = path == null ? "" : path;
        int member = p.indexOf("!/");
        return Optional.ofNullable(fetched.get(key(member >= 0 ? p.substring(0, member) : p)));
    }

    public static ReceivedLog load(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return EMPTY;
        }
        Map<String, Instant> byKey = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        String text = TextDecoding.decode(Files.readAllBytes(file));
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        for (CSVRecord r : format.parse(new StringReader(text))) {
            try {
                String key = key(r.get("file"));
                byKey.put(key, OffsetDateTime.parse(r.get("received_at")).toInstant());
                written.put(key, r.get("file"));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException("收件记录 " + file + " 第" + r.getRecordNumber()
                        + "行的时间“" + (r.isSet("received_at") ? r.get("received_at") : "") + "”无效，应为 2025-12-08T16:40:00+08:00 形式");
            }
        }
        return new ReceivedLog(byKey, written, Map.of());
    }

    /** When the file at this path under the inbox arrived, if the log says. */
    public Optional<Instant> at(String path) {
        String k = key(path);
        Instant logged = byKey.get(k);
        if (logged != null) {
            return Optional.of(logged);
        }
        MailReceipt m = fetched.get(k);
        return m == null ? Optional.empty() : Optional.of(m.receivedAt());
    }

    /**
     * How a path is looked up: NFKC (full-width digits and letters, ideographic spaces), forward slashes, no
     * leading ./ and no surrounding blanks.
     */
    static String key(String path) {
        String p = Normalizer.normalize(path == null ? "" : path, Normalizer.Form.NFKC).replace('\\', '/').strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    /** Lines of the log that name no file of the inbox, as written, in the log's order: their times were not used. */
    public List<String> unmatched(Collection<String> inboxPaths) {
        Set<String> present = new HashSet<>();
        inboxPaths.forEach(p -> present.add(key(p)));
        return byKey.keySet().stream().filter(k -> !present.contains(k)).map(written::get).toList();
    }
}
