package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.validation.DeadlineParser.Result;

/**
 * How a 完成时限 cell is read, with the words of the shipped campaign: a day, a month's end, a part of a year,
 * a range's end, ongoing work, or not understood.
 */
class DeadlineParserTest {

    private static Campaign campaign;
    private static DeadlineParser parser;

    @BeforeAll
    static void shippedCampaign() throws Exception {
        campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        parser = DeadlineParser.of(campaign);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-06-30       | 2026-06-30
            2026/6/30        | 2026-06-30
            2026.6.30        | 2026-06-30
            2026年6月30日     | 2026-06-30
            2026年6月30日前   | 2026-06-30
            2026年6月30号     | 2026-06-30
            20260630         | 2026-06-30
            ２０２６年６月３０日 | 2026-06-30
            2026年6月30日前完成 | 2026-06-30
            截至2026年6月30日 | 2026-06-30
            """)
    void readsAFullDateInEveryUsualSpelling(String written, LocalDate expected) {
        assertThat(parser.parse(written)).isEqualTo(new Result.Date(expected));
        assertThat(parser.dateOf(written)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026年6月    | 2026-06-30
            2026.12     | 2026-12-31
            2026-12     | 2026-12-31
            2026年2月    | 2026-02-28
            2026年6月前  | 2026-06-30
            2026年6月底前 | 2026-06-30
            2026年6月份  | 2026-06-30
            2026年12月底 | 2026-12-31
            """)
    void readsAMonthAsItsLastDay(String written, LocalDate expected) {
        assertThat(parser.parse(written)).isEqualTo(new Result.Date(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is 2026-12-31")
    @ValueSource(strings = {"2026年底", "2026年末", "2026底", "2026年内", "2026年下半年", "2026年", "2026", "2026年底前"})
    void readsTheEndOfAYearAndAYearAloneAsDecemberThirtyFirst(String written) {
        assertThat(parser.parse(written)).isEqualTo(new Result.Date(LocalDate.of(2026, 12, 31)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026年上半年     | 2026-06-30
            2026上半年       | 2026-06-30
            2026年第一季度   | 2026-03-31
            2026年一季度     | 2026-03-31
            2026年1季度      | 2026-03-31
            2026年第二季度末 | 2026-06-30
            2026年第三季度   | 2026-09-30
            2026年三季度末   | 2026-09-30
            2026年Q3        | 2026-09-30
            2026Q3          | 2026-09-30
            2026年q4        | 2026-12-31
            2026年第4季度    | 2026-12-31
            """)
    void readsHalvesAndQuartersOfAYearAsTheirLastDay(String written, LocalDate expected) {
        assertThat(parser.parse(written)).isEqualTo(new Result.Date(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2025.12—2026.6            | 2026-06-30
            2025.12——2026.6           | 2026-06-30
            2025.12-2026.6            | 2026-06-30
            2025.12～2026.6           | 2026-06-30
            2025年12月至2026年6月      | 2026-06-30
            2025年12月—2026年6月底前   | 2026-06-30
            2026年3月至6月            | 2026-06-30
            2026年3—6月               | 2026-06-30
            2026.3-2026.6.30          | 2026-06-30
            3月至2026年6月            | 2026-06-30
            2026年一季度至三季度       | 2026-09-30
            2026-2027                 | 2027-12-31
            """)
    void readsARangeAsItsEnd(String written, LocalDate expected) {
        assertThat(parser.parse(written)).isEqualTo(new Result.Date(expected));
    }

    @Test
    void readsTheStartOfAYearAsMarchThirtyFirstAndSaysItWasAssumed() {
        assertThat(parser.parse("2026年初")).isEqualTo(new Result.Date(LocalDate.of(2026, 3, 31), true));
        assertThat(parser.dateOf("2026年初")).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is ongoing")
    @ValueSource(strings = {"长期", "持续推进", "长期坚持"})
    void treatsOngoingWordsAsOngoingWithoutADate(String written) {
        assertThat(parser.parse(written)).isInstanceOf(Result.Ongoing.class);
        assertThat(parser.dateOf(written)).isNull();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is invalid")
    @ValueSource(strings = {"2026-02-30", "明年", "尽快", "2026年13月", "2026年第五季度", "尽快—2026.6", "2026年6月30日（视情况）", "1000"})
    void rejectsImpossibleDatesAndVagueWords(String written) {
        assertThat(parser.parse(written)).isInstanceOf(Result.Invalid.class);
        assertThat(parser.dateOf(written)).isNull();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is invalid")
    @ValueSource(strings = {"6月底前", "6月份", "三季度", "下半年", "年底", "3月至6月"})
    void rejectsAMonthOrAPartOfAYearWithoutAYearWhenTheCampaignGivesNone(String written) {
        assertThat(parser.parse(written)).isInstanceOf(Result.Invalid.class);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}, assumed")
    @CsvSource(delimiter = '|', textBlock = """
            6月底前   | 2026-06-30
            6月份     | 2026-06-30
            三季度    | 2026-09-30
            下半年    | 2026-12-31
            3月至6月  | 2026-06-30
            """)
    void readsADeadlineWithoutAYearInTheCampaignsDeadlineYearAndSaysItWasAssumed(String written, LocalDate expected) {
        DeadlineParser withYear = DeadlineParser.of(CampaignLoader.parse("""
                id: test
                templates:
                  - { id: pairing, deadline: 2025-12-20, columns: [{ key: deadline, title: 完成时限, date: true }] }
                deadlineWords: { 下半年: 12-31, 三季度: 09-30 }
                deadlineYear: 2026
                """.getBytes(StandardCharsets.UTF_8), "测试.yml"));
        assertThat(withYear.parse(written)).isEqualTo(new Result.Date(expected, true));
        assertThat(withYear.parse("2027年6月")).isEqualTo(new Result.Date(LocalDate.of(2027, 6, 30)));
    }

    @Test
    void aCampaignWithoutDeadlineWordsStillReadsTheEndOfAYear() {
        DeadlineParser plain = DeadlineParser.of(CampaignLoader.parse("""
                id: test
                templates:
                  - { id: pairing, deadline: 2025-12-20, columns: [{ key: deadline, title: 完成时限, date: true }] }
                """.getBytes(StandardCharsets.UTF_8), "测试.yml"));
        assertThat(plain.dateOf("2026年底")).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(plain.dateOf("2026年末")).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(plain.parse("2026年上半年")).isInstanceOf(Result.Invalid.class);
    }

    @Test
    void leapYearFebruaryEndsOnTheTwentyNinth() {
        assertThat(parser.dateOf("2028年2月")).isEqualTo(LocalDate.of(2028, 2, 29));
    }
}
