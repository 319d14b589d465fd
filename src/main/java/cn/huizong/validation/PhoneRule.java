package cn.huizong.validation;

import java.util.function.Consumer;

import cn.huizong.campaign.ColumnSpec;

/** A contact column must hold at least one valid mobile, landline or 400/800 number (a name may stand beside it). */
record PhoneRule(ColumnSpec spec, int column) implements RowRule {

    @Override
    public void check(MappedRow row, Consumer<Issue> issues) {
        String text = row.text(column);
        if (!text.isBlank() && !PhoneNumbers.containsValid(text)) {
            issues.accept(RowRule.at(row, column, IssueCode.INVALID_PHONE,
                    IssueCode.INVALID_PHONE.message(spec.title(), SubmittedText.quote(text))));
        }
    }
}
