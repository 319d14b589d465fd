package cn.huizong.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys under which different spellings of one name meet, and the length the notice counts. */
class NamesTest {

    @Test
    void enterpriseKeyIgnoresSpacesInsideTheName() {
        assertThat(Names.enterpriseKey("河南 中原 智能装备有限公司")).isEqualTo(Names.enterpriseKey("河南中原智能装备有限公司"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" meets 某公司（郑州）")
    @ValueSource(strings = {"某公司【郑州】", "某公司〔郑州〕", "某公司(郑州)", "某公司[郑州]"})
    void enterpriseKeyTreatsEveryBracketStyleAlike(String spelling) {
        assertThat(Names.enterpriseKey(spelling)).isEqualTo(Names.enterpriseKey("某公司（郑州）"));
    }

    @Test
    void differentEnterprisesKeepDifferentKeys() {
        assertThat(Names.enterpriseKey("甲公司")).isNotEqualTo(Names.enterpriseKey("乙公司"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" counts {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '案例简介'                | 4
            '案例 简介'               | 4
            '案例\u3000简介'          | 4
            'ab c'                    | 3
            '𠀀'                      | 1
            '😀'                      | 1
            '助企😀𠀀'                | 4
            """)
    void countedLengthCountsCodePointsWithoutSpaces(String text, int expected) {
        assertThat(Names.countedLength(text)).isEqualTo(expected);
    }

    @Test
    void countedLengthSkipsLineBreaks() {
        assertThat(Names.countedLength("第一行\n第二行\r\n第三行")).isEqualTo(9);
    }

    @Test
    void supplementaryCharactersAreOneCharacterNotTwo() {
        String extB = "\uD840\uDC00"; // U+20000, CJK Unified Ideographs Extension B
        assertThat(extB.length()).isEqualTo(2);
        assertThat(Names.countedLength(extB)).isEqualTo(1);
        assertThat(Names.countedLength("\uD83D\uDE00")).isEqualTo(1); // U+1F600 emoji
    }
}
