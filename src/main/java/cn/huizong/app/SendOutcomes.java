package cn.huizong.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Chinese words send-feedback and send-reminders print for what became of each letter. */
final class SendOutcomes {

    static final String NO_SMTP = "未配置发信服务器：请设置 huizong.mail.smtp.host 和 huizong.mail.smtp.from"
            + "（密码放在环境变量 HUIZONG_MAIL_SMTP_PASSWORD 中）";

    private SendOutcomes() {
    }

    static String label(String outcome, String detail, String command) {
        return switch (outcome) {
            case "SENT" -> "已发送";
            case "WRITTEN" -> "已写入待发邮件（未发送）";
            case "ALREADY_SENT" -> "此前已发送过同样内容，不再发送";
            case "NO_ADDRESS" -> "无邮箱，请人工发送";
            case "NO_LETTER" -> detail;
            default -> "发送失败（" + detail + "），再次运行 " + command + " --send 会重试";
        };
    }

    static String to(List<String> to) {
        return to.isEmpty() ? "" : " → " + String.join("; ", to);
    }

    /** 已发送 2，此前已发送 1，无邮箱 1 … (only the outcomes that occurred). */
    static String counts(List<String> outcomes, boolean send) {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("SENT", "已发送");
        words.put("WRITTEN", "待发送");
        words.put("ALREADY_SENT", "此前已发送");
        words.put("NO_ADDRESS", "无邮箱");
        words.put("NO_LETTER", "缺反馈文件");
        words.put("FAILED", "发送失败");
        StringBuilder sb = new StringBuilder();
        words.forEach((k, w) -> {
            long n = outcomes.stream().filter(k::equals).count();
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : "，").append(w).append(" ").append(n);
            }
        });
        return sb.length() == 0 ? "无需发送" : sb.toString();
    }
}
