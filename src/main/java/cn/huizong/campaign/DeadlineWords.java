package cn.huizong.campaign;

import java.text.Normalizer;
import java.time.MonthDay;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How 完成时限 words are read (campaign YAML): a part of a year as the month-day it ends on (上半年 → 06-30,
 * 三季度 → 09-30), the words whose day is a convention rather than their meaning (年初), and the year a
 * deadline without one falls in (null: such a deadline is not understood).
 *
 * @param monthDays words as the loader normalised them (NFKC, no spaces, Latin letters upper case)
 */
public record DeadlineWords(Map<String, MonthDay> monthDays, Set<String> assumed, Integer defaultYear) {

    public DeadlineWords {
        monthDays = Map.copyOf(monthDays);
        assumed = Set.copyOf(assumed);
    }

    /** The form words are compared in, so that ｑ３, q3 and Q3 meet. */
    public static String key(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFKC).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
