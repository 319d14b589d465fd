package cn.huizong.validation;

import java.util.function.Consumer;

import cn.huizong.campaign.ColumnSpec;
import cn.huizong.registry.Names;

/** Text limited to N characters as the notice counts them (code points, no spaces or line breaks). */
record MaxLengthRule(ColumnSpec spec, int column) implements RowRule {

    @Override
    public void check(MappedRow row, Consumer<Issue> issues) {
        int length = Names.countedLength(row.text(column));
        if (length > spec.maxLength()) {
            issues.accept(RowRule.at(row, column, IssueCode.SUMMARY_TOO_LONG, IssueCode.SUMMARY_TOO_LONG
                    .message(spec.title(), length, spec.maxLength(), spec.maxLength())));
        }
    }
}
