package cn.huizong.web.account;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Console users in {@code hz_user}: the same accounts for the pages (form login) and the API (HTTP Basic).
 * Passwords are kept only as hashes of the delegating encoder; five failed logins in a row lock an account for
 * 15 minutes.
 */
@Component
public class ConsoleUsers implements UserDetailsService {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK_TIME = Duration.ofMinutes(15);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{2,64}");

    /** ADMIN manages users, the registry and reads the audit log, and may do all a CLERK does. */
    public enum Role {
        ADMIN, CLERK;

        public String label() {
            return this == ADMIN ? "管理员" : "业务人员";
        }
    }

    /** A user as the console shows it (never the hash). */
    public record Account(String username, Role role, String displayName, boolean enabled, int failedLogins,
            Instant lockedUntil, Instant createdAt, Instant lastLoginAt) {

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** A user that cannot be created or changed as asked; the message is for the user, in Chinese. */
    public static final class Refused extends Exception {
        private final boolean conflict;

        Refused(String message, boolean conflict) {
            super(message);
            this.conflict = conflict;
        }

        /** The username is taken. */
        public boolean conflict() {
            return conflict;
        }
    }

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    ConsoleUsers(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        List<UserDetails> found = jdbc.query("SELECT username, password_hash, role, enabled, locked_until FROM hz_user "
                + "WHERE username = ?", (rs, i) -> User.withUsername(rs.getString(1)).password(rs.getString(2))
                        .roles(rs.getString(3)).disabled(!rs.getBoolean(4))
                        .accountLocked(locked(rs.getTimestamp(5))).build(),
                username);
        if (found.isEmpty()) {
            throw new UsernameNotFoundException(username);
        }
        return found.get(0);
    }

    private static boolean locked(Timestamp until) {
        return until != null && until.toInstant().isAfter(Instant.now());
    }

    public Account create(String username, String password, String role, String displayName) throws Refused {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new Refused("用户名应为 2 到 64 个英文字母、数字、下划线、点或连字符。", false);
        }
        Role r = role(role);
        checkPassword(password);
        try {
            jdbc.update("INSERT INTO hz_user (username, password_hash, role, display_name, enabled, failed_logins, "
                    + "created_at) VALUES (?, ?, ?, ?, TRUE, 0, ?)", name, encoder.encode(password), r.name(),
                    displayName == null || displayName.isBlank() ? null : displayName.strip(), Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException e) {
            throw new Refused("用户名“" + name + "”已存在。", true);
        }
        return find(name).orElseThrow();
    }

    public void setPassword(String username, String password) throws Refused {
        checkPassword(password);
        if (jdbc.update("UPDATE hz_user SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                encoder.encode(password), username) == 0) {
            throw new Refused("用户“" + username + "”不存在。", false);
        }
    }

    public void setEnabled(String username, boolean enabled) throws Refused {
        if (jdbc.update("UPDATE hz_user SET enabled = ? WHERE username = ?", enabled, username) == 0) {
            throw new Refused("用户“" + username + "”不存在。", false);
        }
    }

    public Optional<Account> find(String username) {
        return jdbc.query(SELECT + " WHERE username = ?", ConsoleUsers::account, username).stream().findFirst();
    }

    public List<Account> all() {
        return jdbc.query(SELECT + " ORDER BY username", ConsoleUsers::account);
    }

    public int count() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM hz_user", Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * Counts a failed login; the fifth in a row locks the account for 15 minutes.
     *
     * @return true when this failure locked the account
     */
    boolean failed(String username) {
        if (jdbc.update("UPDATE hz_user SET failed_logins = failed_logins + 1 WHERE username = ?", username) == 0) {
            return false; // no such user: nothing to lock
        }
        Integer n = jdbc.queryForObject("SELECT failed_logins FROM hz_user WHERE username = ?", Integer.class, username);
        if (n != null && n >= MAX_FAILURES) {
            jdbc.update("UPDATE hz_user SET failed_logins = 0, locked_until = ? WHERE username = ?",
                    Timestamp.from(Instant.now().plus(LOCK_TIME)), username);
            return true;
        }
        return false;
    }

    /** A login succeeded: the count of failures starts again. */
    void succeeded(String username, boolean interactive) {
        if (interactive) {
            jdbc.update("UPDATE hz_user SET failed_logins = 0, last_login_at = ? WHERE username = ?",
                    Timestamp.from(Instant.now()), username);
        } else {
            jdbc.update("UPDATE hz_user SET failed_logins = 0 WHERE username = ? AND failed_logins <> 0", username);
        }
    }

    static Role role(String role) throws Refused {
        try {
            return Role.valueOf(role == null ? "" : role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused("角色应为 ADMIN（管理员）或 CLERK（业务人员）。", false);
        }
    }

    private static void checkPassword(String password) throws Refused {
        if (password == null || password.codePointCount(0, password.length()) < 8) {
            throw new Refused("密码至少 8 个字符。", false);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new Refused("密码过长（bcrypt 最多 72 字节）。", false); // bcrypt ignores the rest
        }
    }

    private static final String SELECT = "SELECT username, role, display_name, enabled, failed_logins, locked_until, "
            + "created_at, last_login_at FROM hz_user";

    private static Account account(ResultSet rs, int i) throws SQLException {
        return new Account(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4),
                rs.getInt(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
