package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
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
            "0371-69691274-801"})
    void acceptsMobilesAndLandlinesWrittenWithSeparatorsNamesAndFullWidthCharacters(String cell) {
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
            ""})
    void rejectsTextWithoutNumbersWrongMobilePrefixesWrongLengthsAndLandlinesWithoutAreaCode(String cell) {
        assertThat(PhoneNumbers.containsValid(cell)).isFalse();
    }
}
