package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the 联系方式 check accepts as a phone number: numbers as clerks actually type them. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" contains a valid number")
    @ValueSource(strings = {
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "张三 13812345678",
            "0371-69691274",
            "0371 69691274",
            "(0371)69691274",
            "（0371）69691274",
            "０３７１－６９６９１２７４",
            "0378-23881234转801",
            "0371-6969127",
            "王五 0391-1234567、13700000000",
            "+86 138 1234 5678",
            "8613812345678",
            "0371-69691274-801",
            "400-123-4567",
            "4001234567",
            "400 1234 567",
            "800-820-8820",
            "客服热线：400-1234-567",
            "４００－１２３－４５６７",
            "１３８１２３４５６７８",
            "李明 １３８ １２３４ ５６７８"})
    void acceptsMobilesLandlinesAndHotlinesWrittenWithSeparatorsNamesAndFullWidthCharacters(String cell) {
        assertThat(PhoneNumbers.containsValid(cell)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" has no valid number")
    @ValueSource(strings = {
            "张三",
            "电话待定",
            "12812345678",
            "1381234567",
            "138123456789",
            "69691274",
            "400-123-45678",
            "400-123-456",
            "500-123-4567",
            ""})
    void rejectsTextWithoutNumbersWrongPrefixesWrongLengthsAndLandlinesWithoutAreaCode(String cell) {
        assertThat(PhoneNumbers.containsValid(cell)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is written \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            13812345678                     | 13812345678
            138 1234 5678                   | 13812345678
            138-1234-5678                   | 13812345678
            １３８１２３４５６７８             | 13812345678
            +86 138 1234 5678               | 13812345678
            8613812345678                   | 13812345678
            张三 138 1234 5678               | 张三 13812345678
            0371 69691274                   | 0371-69691274
            (0371)69691274                  | 0371-69691274
            （０３７１）６９６９１２７４         | 0371-69691274
            0378-23881234转801              | 0378-23881234转801
            0371-69691274-801               | 0371-69691274转801
            400 1234 567                    | 400-123-4567
            4001234567                      | 400-123-4567
            ４００－１２３－４５６７            | 400-123-4567
            客服：800 820 8820（工作日）       | 客服：800-820-8820（工作日）
            王五 0391-1234567、137 0000 0000 | 王五 0391-1234567、13700000000
            电话待定                          | 电话待定
            """)
    void rewritesEveryNumberInItsOneWrittenFormAndKeepsTheTextAroundIt(String cell, String expected) {
        assertThat(PhoneNumbers.rewrite(cell)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            13812345678                     | 13812345678
            张三 １３８１２３４５６７８         | 13812345678
            400 1234 567                    | 400-123-4567
            13812345678（手机）、（0371）69691274（办公） | 13812345678、0371-69691274
            电话待定                          | 电话待定
            """)
    void keepsTheNumbersAloneJoinedByTheEnumerationComma(String cell, String expected) {
        assertThat(PhoneNumbers.numbersOnly(cell)).isEqualTo(expected);
    }
}
