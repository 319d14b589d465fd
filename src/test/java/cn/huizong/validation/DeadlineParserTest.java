package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.huizong.validation.DeadlineParser.Result;

/** How a 完成时限 cell is read: a day, a month's or year's end, ongoing work, or not understood. */
class DeadlineParserTest {

    private final DeadlineParser parser = new DeadlineParser(List.of("长期", "持续推进", "长期坚持", "持续开展", "常态化"));

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-06-30       | 2026-06-30
            2026/6/30        | 2026-06-30
            2026.6.30        | 2026-06-30
            2026年6月30日     | 2026-06-30
            2026年6月30日前   | 2026-06-30
            2026年6月30号     | 2026-06-30
            20260630         | 2026-06-30
            """)
    void readsAFullDateInEveryUsualSpelling(String written, LocalDate expected) {
        assertThat(parser.parse(written)).isEqualTo(new Result.Date(expected));
        assertThat(parser.dateOf(written)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026年6月 | 2026-06-30
            2026.12  | 2026-12-31
            2026-12  | 2026-12-31
            2026年2月 | 2026-02-28
            """)
    void readsAMonthAsItsLastDay(String written, LocalDate expected) {
        assertThat(parser.parse(written)).isEqualTo(new Result.Date(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is 2026-12-31")
    @ValueSource(strings = {"2026年底", "2026年末"})
    void readsTheEndOfAYearAsDecemberThirtyFirst(String written) {
        assertThat(parser.parse(written)).isEqualTo(new Result.Date(LocalDate.of(2026, 12, 31)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is ongoing")
    @ValueSource(strings = {"长期", "持续推进", "长期坚持"})
    void treatsOngoingWordsAsOngoingWithoutADate(String written) {
        assertThat(parser.parse(written)).isInstanceOf(Result.Ongoing.class);
        assertThat(parser.dateOf(written)).isNull();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is invalid")
    @ValueSource(strings = {"2026-02-30", "明年", "尽快", "2026年13月", "2026"})
    void rejectsImpossibleDatesVagueWordsAndABareYear(String written) {
        assertThat(parser.parse(written)).isInstanceOf(Result.Invalid.class);
        assertThat(parser.dateOf(written)).isNull();
    }

    @Test
    void leapYearFebruaryEndsOnTheTwentyNinth() {
        assertThat(parser.dateOf("2028年2月")).isEqualTo(LocalDate.of(2028, 2, 29));
    }
}
