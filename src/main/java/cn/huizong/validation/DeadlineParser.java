package cn.huizong.validation;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads 完成时限 as written: 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日, 20260630; a month
 * (2026年6月, 2026.12, 2026-12 → its last day); a year's end (2026年底/年末 → 12-31); and words for ongoing
 * work (长期, 持续推进 …), which carry no date. A trailing 前/之前/以前 is ignored.
 */
public final class DeadlineParser {

    public sealed interface Result {
        record Date(LocalDate date) implements Result {
        }

        record Ongoing() implements Result {
        }

        record Invalid() implements Result {
        }
    }

    private static final Pattern DAY = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*[日号]?");
    private static final Pattern COMPACT_DAY = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*(?:月份?)?\\s*(?:底|末|中旬|下旬)?");
    private static final Pattern YEAR_END = Pattern.compile("(\\d{4})\\s*年?\\s*(?:底|末|年底|年末|12月底)");
    private static final Pattern BEFORE = Pattern.compile("(?:之前|以前|前|止)$");

    private final List<String> ongoingWords;

    public DeadlineParser(List<String> ongoingWords) {
        this.ongoingWords = List.copyOf(ongoingWords);
    }

    public Result parse(String written) {
        String s = Normalizer.normalize(written, Normalizer.Form.NFKC).strip();
        if (s.isEmpty()) {
            return new Result.Ongoing();
        }
        for (String w : ongoingWords) {
            if (s.contains(w)) {
                return new Result.Ongoing();
            }
        }
        s = BEFORE.matcher(s).replaceAll("").strip();
        try {
            Matcher m = DAY.matcher(s);
            if (m.matches()) {
                return new Result.Date(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
            }
            m = COMPACT_DAY.matcher(s);
            if (m.matches()) {
                return new Result.Date(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
            }
            m = YEAR_END.matcher(s);
            if (m.matches()) {
                return new Result.Date(LocalDate.of(num(m, 1), 12, 31));
            }
            m = MONTH.matcher(s);
            if (m.matches()) {
                return new Result.Date(YearMonth.of(num(m, 1), num(m, 2)).atEndOfMonth());
            }
        } catch (DateTimeException e) {
            return new Result.Invalid();
        }
        return new Result.Invalid();
    }

    /** The date, or null for ongoing or not understood. */
    public LocalDate dateOf(String written) {
        return parse(written) instanceof Result.Date d ? d.date() : null;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
