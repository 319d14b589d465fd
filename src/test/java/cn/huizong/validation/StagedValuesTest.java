package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.huizong.campaign.ColumnSpec;

/** What a cell becomes in every output: ASCII digits and letters, numbers in one form, Chinese punctuation kept. */
class StagedValuesTest {

    private static ColumnSpec column(String kind) {
        boolean phone = !kind.equals("text");
        return new ColumnSpec("c", "列", List.of(), false, false, phone, false, 0, false, false, false, false,
                kind.equals("numbers"));
    }

    @ParameterizedTest(name = "[{index}] {0} \"{1}\" is \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            text    | ＡＢＣ智能科技（郑州）有限公司              | ABC智能科技（郑州）有限公司
            text    | 出台１０条措施：送教入企；共建基地，ｉｎ进展  | 出台10条措施：送教入企；共建基地，in进展
            text    | 中牟县教育局                              | 中牟县教育局
            text    | 热线１３８ １２３４ ５６７８                | 热线138 1234 5678
            text    | ＝１＋１　！                               | ＝1＋1　！
            contact | 李明 １３８１２３４５６７８                  | 李明 13812345678
            contact | 客服（总部）４００－１２３－４５６７            | 客服（总部）400-123-4567
            contact | 吴刚 电话待定                              | 吴刚 电话待定
            numbers | 王芳 ４００ １２３４ ５６７                  | 400-123-4567
            numbers | 13812345678；0371-69691274              | 13812345678、0371-69691274
            """)
    void foldsFullWidthDigitsAndLettersOnlyAndWritesPhoneNumbersInOneForm(String kind, String cell, String expected) {
        assertThat(StagedValues.of(column(kind), cell)).isEqualTo(expected);
    }
}
