package cn.huizong.web.admin;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.web.audit.AuditLog;

/** 审计日志: the audit table newest first, filtered by user, action, date and a word of the detail. */
@Component
class AuditSearch {

    static final int LIMIT = 500;

    /** The filters (null: any). */
    record Filter(String username, String action, LocalDate from, LocalDate to, String text) {
    }

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    AuditSearch(JdbcTemplate jdbc, cn.huizong.web.Formats fmt) {
        this.jdbc = jdbc;
        this.zone = fmt.zone();
    }

    List<AuditLog.Entry> find(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT id, happened_at, username, address, action, detail FROM hz_audit WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.username() != null) {
            sql.append(" AND username = ?");
            args.add(f.username());
        }
        if (f.action() != null) {
            sql.append(" AND action = ?");
            args.add(f.action());
        }
        if (f.from() != null) {
            sql.append(" AND happened_at >= ?");
            args.add(Timestamp.from(f.from().atStartOfDay(zone).toInstant()));
        }
        if (f.to() != null) {
            sql.append(" AND happened_at < ?");
            args.add(Timestamp.from(f.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        if (f.text() != null) {
            // LIKE with the wildcards of the word escaped: a file name with % or _ matches itself
            sql.append(" AND detail LIKE ? ESCAPE '!'");
            args.add("%" + f.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        sql.append(" ORDER BY happened_at DESC, id DESC FETCH FIRST " + LIMIT + " ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, i) -> new AuditLog.Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), args.toArray());
    }

    /** The action as a clerk reads it. */
    static String label(String action) {
        return switch (action == null ? "" : action) {
            case "LOGIN_SUCCESS" -> "登录成功";
            case "LOGIN_FAILURE" -> "登录失败";
            case "LOGIN_LOCKED" -> "锁定期间尝试登录";
            case "ACCOUNT_LOCKED" -> "账号被锁定";
            case "LOGOUT" -> "退出";
            case "UPLOAD" -> "上传文件";
            case "RUN_START" -> "启动汇总";
            case "RUN_STOP" -> "停止汇总";
            case "RUN_RESUME" -> "续跑汇总";
            case "DOWNLOAD" -> "下载";
            case "USER_CREATE" -> "新建用户";
            case "USER_CHANGE" -> "修改用户";
            case "REGISTRY_CHANGE" -> "修改单位名册";
            case "MAIL_FETCH" -> "收取邮件";
            case "MAIL_SEND_FEEDBACK" -> "发送反馈";
            case "MAIL_SEND_REMINDERS" -> "发送催报";
            default -> action;
        };
    }
}
