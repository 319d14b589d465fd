package cn.huizong.web.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log ({@code hz_audit}): who did what, when, from which address. Written for logins (success and
 * failure), uploads, run start/stop/resume, downloads, user changes and mail fetched or sent from the console.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** What was done; stored by name. */
    public enum Action {
        LOGIN_SUCCESS, LOGIN_FAILURE, LOGIN_LOCKED, ACCOUNT_LOCKED, LOGOUT, UPLOAD, RUN_START, RUN_STOP, RUN_RESUME,
        DOWNLOAD, USER_CREATE, USER_CHANGE, REGISTRY_CHANGE, MAIL_FETCH, MAIL_SEND_FEEDBACK, MAIL_SEND_REMINDERS
    }

    /** One line of the log. */
    public record Entry(long id, Instant at, String username, String address, String action, String detail) {
    }

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String username, String address, Action action, String detail) {
        jdbc.update("INSERT INTO hz_audit (happened_at, username, address, action, detail) VALUES (?, ?, ?, ?, ?)",
                Timestamp.from(Instant.now()), cut(username, 200), cut(address, 100), action.name(), detail);
        log.info("audit: {} {} from {}: {}", action, username, address, detail);
    }

    /** Newest first. */
    public List<Entry> latest(int limit) {
        return jdbc.query("SELECT id, happened_at, username, address, action, detail FROM hz_audit "
                + "ORDER BY happened_at DESC, id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
