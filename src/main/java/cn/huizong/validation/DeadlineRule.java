package cn.huizong.validation;

import java.util.function.Consumer;

import cn.huizong.campaign.ColumnSpec;
import cn.huizong.reading.Cell;

/** A deadline must be a date, a month, a year's end, or a word for ongoing work. */
record DeadlineRule(ColumnSpec spec, int column, DeadlineParser parser) implements RowRule {

    @Override
    public void check(MappedRow row, Consumer<Issue> issues) {
        Cell cell = row.cells().get(column);
        if (cell != null && cell.date() == null && !cell.text().isBlank()
                && parser.parse(cell.text()) instanceof DeadlineParser.Result.Invalid) {
            issues.accept(RowRule.at(row, column, IssueCode.INVALID_DATE,
                    IssueCode.INVALID_DATE.message(spec.title(), SubmittedText.quote(cell.text()))));
        }
    }
}
