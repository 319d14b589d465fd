package cn.huizong.campaign;

import java.util.List;

/**
 * The words that mark rows and columns of a submitted table as not data (campaign YAML, {@code rowWords}):
 * example rows left under the header, placeholder text copied from the template, total rows, notes and
 * signature lines, and extra columns nobody needs to be told about.
 *
 * @param example        a row whose first filled cell starts with one of these (示例, 例 …) is an example
 * @param placeholders   a row with two or more cells holding one of these (XX, ××) is the template's example
 * @param total          a row whose first filled cell starts with one of these (合计, 小计 …) is a total
 * @param note           a row whose first filled cell is one of these followed by a colon is a note
 * @param signature      likewise for signature lines (填表人：…)
 * @param sameAsAbove    a cell holding one of these (同上) means the value above
 * @param sameAsLeft     a cell holding one of these (同左) means the value to its left
 * @param quietColumns   titles of extra columns that are ignored without a word (序号)
 */
public record RowWords(List<String> example, List<String> placeholders, List<String> total, List<String> note,
        List<String> signature, List<String> sameAsAbove, List<String> sameAsLeft, List<String> quietColumns) {

    public static final RowWords DEFAULT = new RowWords(
            List.of("填写示例", "填表示例", "示例", "样例", "举例", "例"),
            List.of("XX", "××"),
            List.of("合计", "小计", "总计", "共计"),
            List.of("注", "备注", "说明", "填表说明", "填报说明"),
            List.of("填表人", "填报人", "审核人", "制表人", "负责人签字", "单位负责人", "负责人", "联系人", "联系电话",
                    "填报日期", "日期"),
            List.of("同上", "〃"),
            List.of("同左"),
            List.of("序号", "编号"));

    public RowWords {
        example = List.copyOf(example);
        placeholders = List.copyOf(placeholders);
        total = List.copyOf(total);
        note = List.copyOf(note);
        signature = List.copyOf(signature);
        sameAsAbove = List.copyOf(sameAsAbove);
        sameAsLeft = List.copyOf(sameAsLeft);
        quietColumns = List.copyOf(quietColumns);
    }
}
