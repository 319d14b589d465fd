package cn.huizong.validation;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.DeadlineWords;

/**
 * Reads 完成时限 as written: a day (2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日, 20260630); a month
 * (2026年6月, 2026.12, 2026年6月底, 6月份 → its last day); a year with a word of the campaign's deadlineWords
 * (2026年上半年, 2026年底, 2026年第三季度, 2026Q3 → the day the word ends on); a year alone (2026年 → 12-31); a
 * range (2025.12—2026.6, 2026年3月至6月 → its end); words for ongoing work (长期 …), which carry no date. A
 * leading 截至/截止 and a trailing 前/之前/以前/止/完成 are ignored. A deadline without a year (6月底前, 三季度)
 * is read in the campaign's deadlineYear if it has one, and is not understood otherwise.
 */
public final class DeadlineParser {

    public sealed interface Result {
        /** @param assumed the date rests on a convention (年初) or on the campaign's year, not on the text */
        record Date(LocalDate date, boolean assumed) implements Result {
            public Date(LocalDate date) {
                this(date, false);
            }
        }

        record Ongoing() implements Result {
        }

        record Invalid() implements Result {
        }
    }

    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern DAY = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})[日号]?");
    private static final Pattern COMPACT_DAY = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})(?:月份?)?(?:底|末|中旬|下旬)?");
    // only this century: a stray number such as 1000 in the column is no year
    private static final Pattern YEAR = Pattern.compile("(20\\d{2})年?");
    private static final Pattern YEAR_AND_WORD = Pattern.compile("(\\d{4})年?(.+)");
    private static final Pattern LEADING_YEAR = Pattern.compile("^(\\d{4})");
    private static final Pattern YEARLESS_MONTH = Pattern.compile("\\d{1,2}月.*");
    private static final Pattern BEFORE = Pattern.compile("(?:之前|以前|前|止)?(?:完成)?$");
    private static final Pattern SINCE = Pattern.compile("^(?:截至|截止到?)");
    // NFKC has already made ～ a ~; 2026-06-30 never reaches the range split, it reads as a whole first
    private static final Pattern RANGE = Pattern.compile("[—–]+|-|~|至|到");

    private final List<String> ongoingWords;
    private final DeadlineWords words;

    private DeadlineParser(List<String> ongoingWords, DeadlineWords words) {
        this.ongoingWords = List.copyOf(ongoingWords);
        this.words = words;
    }

    public static DeadlineParser of(Campaign campaign) {
        return new DeadlineParser(campaign.ongoingWords(), campaign.deadlineWords());
    }

    /**
     * Results by text as written: a column of deadlines repeats a few dozen spellings (2026年6月30日, 年底), so
     * each is parsed once. Bounded, and shared safely (results are immutable) by whoever holds this parser.
     */
    private static final int MEMO_SIZE = 4_096;
    private static final int MEMO_TEXT = 200;
    private final Map<String, Result> memo = new ConcurrentHashMap<>();

    public Result parse(String written) {
        if (written.length() > MEMO_TEXT) {
            return parseNow(written);
        }
        Result r = memo.get(written);
        if (r == null) {
            r = parseNow(written);
            if (memo.size() < MEMO_SIZE) {
                memo.put(written, r);
            }
        }
        return r;
    }

    private Result parseNow(String written) {
        String s = Normalizer.normalize(written, Normalizer.Form.NFKC).strip();
        if (s.isEmpty()) {
            return new Result.Ongoing();
        }
        for (String w : ongoingWords) {
            if (s.contains(w)) {
                return new Result.Ongoing();
            }
        }
        s = SPACE.matcher(s).replaceAll("");
        s = SINCE.matcher(BEFORE.matcher(s).replaceFirst("")).replaceFirst("");
        Result.Date d = wholeOrRange(s);
        if (d == null && words.defaultYear() != null && yearless(s)) {
            Result.Date inYear = wholeOrRange(words.defaultYear() + "年" + s);
            d = inYear == null ? null : new Result.Date(inYear.date(), true);
        }
        return d == null ? new Result.Invalid() : d;
    }

    /** The date, or null for ongoing or not understood. */
    public LocalDate dateOf(String written) {
        return parse(written) instanceof Result.Date d ? d.date() : null;
    }

    private Result.Date wholeOrRange(String s) {
        Result.Date d = whole(s);
        return d != null ? d : range(s);
    }

    /** One deadline written whole (no range), or null. */
    private Result.Date whole(String s) {
        try {
            Matcher m = DAY.matcher(s);
            if (m.matches()) {
                return new Result.Date(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
            }
            m = COMPACT_DAY.matcher(s);
            if (m.matches()) {
                return new Result.Date(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
            }
            m = MONTH.matcher(s);
            if (m.matches()) {
                return new Result.Date(YearMonth.of(num(m, 1), num(m, 2)).atEndOfMonth());
            }
            m = YEAR.matcher(s);
            if (m.matches()) {
                return new Result.Date(LocalDate.of(num(m, 1), 12, 31));
            }
            m = YEAR_AND_WORD.matcher(s);
            if (m.matches()) {
                String word = word(m.group(2));
                return word == null ? null : new Result.Date(words.monthDays().get(word).atYear(num(m, 1)),
                        words.assumed().contains(word));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /**
     * A range read as its end: both sides must read, the end may take its year from the start (2026年3月至6月)
     * and the start from the end (3月至2026年6月).
     */
    private Result.Date range(String s) {
        Matcher sep = RANGE.matcher(s);
        while (sep.find()) {
            String from = s.substring(0, sep.start());
            String to = s.substring(sep.end());
            if (from.isEmpty() || to.isEmpty()) {
                continue;
            }
            Result.Date end = whole(to);
            Matcher year = LEADING_YEAR.matcher(from);
            if (end == null && yearless(to) && year.find()) {
                end = whole(year.group(1) + "年" + to);
            }
            if (end == null) {
                continue;
            }
            boolean start = whole(from) != null
                    || yearless(from) && whole(end.date().getYear() + "年" + from) != null;
            if (start) {
                return end;
            }
        }
        return null;
    }

    /** A month or a part of a year, missing only its year: 6月底, 6月30日, 三季度, 上半年. */
    private boolean yearless(String s) {
        return YEARLESS_MONTH.matcher(s).matches() || word(s) != null;
    }

    /** The deadlineWords entry a word means, trying it without 第 in front and 末/底 behind, and 底 as 年底. */
    private String word(String written) {
        String w = DeadlineWords.key(written);
        String noOrdinal = w.startsWith("第") ? w.substring(1) : w;
        for (String candidate : List.of(w, "年" + w, noOrdinal, trimEnd(w), trimEnd(noOrdinal))) {
            if (!candidate.isEmpty() && words.monthDays().containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String trimEnd(String w) {
        return w.endsWith("末") || w.endsWith("底") ? w.substring(0, w.length() - 1) : w;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
