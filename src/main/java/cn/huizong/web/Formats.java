package cn.huizong.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.huizong.app.ConsolidationRunner;

/** Times, durations and names as the pages show them ({@code ${@fmt.time(x)}} in a template). */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    Formats(@Value("${huizong.zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    public String minute(Instant t) {
        return t == null ? "" : MINUTE.format(t.atZone(zone));
    }

    /** 1 分 05 秒, 2 小时 3 分 */
    public String seconds(Long s) {
        if (s == null) {
            return "";
        }
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        return h > 0 ? h + " 小时 " + m + " 分" : m > 0 ? m + " 分 " + String.format("%02d", sec) + " 秒" : sec + " 秒";
    }

    public String between(Instant from, Instant to) {
        return from == null || to == null ? "" : seconds(java.time.Duration.between(from, to).toSeconds());
    }

    public String trigger(String trigger) {
        return ConsolidationRunner.triggerName(trigger);
    }
}
