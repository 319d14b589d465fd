package cn.huizong.validation;

import java.util.function.Consumer;

import cn.huizong.campaign.ColumnSpec;

/** A required column must not be blank (after fill-down of merged cells). */
record RequiredRule(ColumnSpec spec, int column) implements RowRule {

    @Override
    public void check(MappedRow row, Consumer<Issue> issues) {
        if (row.text(column).isBlank()) {
            issues.accept(RowRule.at(row, column, IssueCode.MISSING_REQUIRED,
                    IssueCode.MISSING_REQUIRED.message(spec.title())));
        }
    }
}
