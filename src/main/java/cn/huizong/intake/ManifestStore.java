package cn.huizong.intake;

import cn.huizong.registry.UnitFromPath;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;

/** Writes a run's registry snapshot and manifest; rewriting them is safe when a run is restarted. */
public final class ManifestStore {

    private final JdbcTemplate jdbc;

    public ManifestStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void saveUnits(String runId, Registry registry) {
        jdbc.update("DELETE FROM hz_unit WHERE run_id = ?", runId);
        List<Object[]> rows = new ArrayList<>();
        int pos = 0;
        for (RegistryUnit u : registry.units()) {
            rows.add(new Object[] {runId, ++pos, u.name(), u.type().code(), u.city()});
        }
        jdbc.batchUpdate("INSERT INTO hz_unit (run_id, position, name, unit_type, city) VALUES (?,?,?,?,?)", rows);
    }

    /**
     * Records when this run first saw each content it received, unless an earlier run saw it first. The run
     * lock makes this the only writer.
     */
    public void recordFirstSeen(String runId, List<InboxFile> files, java.time.Instant seenAt) {
        java.util.Set<String> known = new java.util.HashSet<>(
                jdbc.queryForList("SELECT s.sha256 FROM hz_seen s JOIN hz_file f ON f.sha256 = s.sha256 WHERE f.run_id = ?",
                        String.class, runId));
        List<Object[]> rows = new ArrayList<>();
        for (InboxFile f : files) {
            if (f.sha256() != null && !f.sha256().isEmpty() && known.add(f.sha256())) {
                rows.add(new Object[] {f.sha256(), runId, Timestamp.from(seenAt)});
            }
        }
        jdbc.batchUpdate("INSERT INTO hz_seen (sha256, first_run_id, first_seen_at) VALUES (?,?,?)", rows);
    }

    /**
     * @param contentKey the staging key of a file's bytes under the run's rules
     * @param received   the run's mail log: a file fetch-mail wrote is told its unit by its sender and subject
     */
    public void saveManifest(String runId, List<InboxFile> files, Registry registry,
            java.util.function.BiFunction<String, String, String> contentKey, ReceivedLog received) {
        jdbc.update("DELETE FROM hz_file WHERE run_id = ?", runId);
        List<Object[]> rows = new ArrayList<>();
        for (InboxFile f : files) {
            String pathUnit = unitFromPath(f.path(), registry, received).map(RegistryUnit::name).orElse(null);
            rows.add(new Object[] {runId, f.fileNo(), f.path(), f.archiveNo(), f.memberName(), f.sha256(), f.size(),
                    Timestamp.from(f.receivedAt()), f.kind().name(), f.rejectCode(), f.rejectDetail(), pathUnit,
                    f.rejectCode() == null ? contentKey.apply(f.sha256(), f.kind().name()) : null, f.diskPath()});
        }
        jdbc.batchUpdate("INSERT INTO hz_file (run_id, file_no, path, archive_no, member_name, sha256, size_bytes, "
                + "received_at, kind, reject_code, reject_detail, path_unit, content_key, disk_path) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
    }

    /**
     * The unit a file's path and provenance point to, for when its sheet does not say: the mail's sender and
     * subject for a fetched attachment, else its folders and name.
     */
    static java.util.Optional<RegistryUnit> unitFromPath(String path, Registry registry, ReceivedLog received) {
        java.util.Optional<MailReceipt> mail = received.mail(path);
        if (mail.isEmpty()) {
            return UnitFromPath.guess(path, registry);
        }
        int member = path.indexOf("!/");
        String inMail = mail.get().nameInMail() + (member >= 0 ? path.substring(member) : "");
        return UnitFromPath.guessFromMail(mail.get().sender(), mail.get().subject(), inMail, registry);
    }
}
