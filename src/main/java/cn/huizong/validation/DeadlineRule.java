package cn.huizong.validation;

import java.util.function.Consumer;

import cn.huizong.campaign.ColumnSpec;
import cn.huizong.reading.Cell;

/**
 * A deadline must be a date, a month, a part of a year, a range, or a word for ongoing work. One read by a
 * convention (年初) or in the campaign's year gets a reminder stating the date taken, so the unit can object.
 */
record DeadlineRule(ColumnSpec spec, int column, DeadlineParser parser) implements RowRule {

    @Override
    public void check(MappedRow row, Consumer<Issue> issues) {
        Cell cell = row.cells().get(column);
        if (cell == null || cell.date() != null || cell.text().isBlank()) {
            return;
        }
        DeadlineParser.Result result = parser.parse(cell.text());
        if (result instanceof DeadlineParser.Result.Invalid) {
            issues.accept(RowRule.at(row, column, IssueCode.INVALID_DATE,
                    IssueCode.INVALID_DATE.message(spec.title(), SubmittedText.quote(cell.text()))));
        } else if (result instanceof DeadlineParser.Result.Date d && d.assumed()) {
            issues.accept(RowRule.at(row, column, IssueCode.DEADLINE_ASSUMED, IssueCode.DEADLINE_ASSUMED.message(
                    spec.title(), SubmittedText.quote(cell.text()), d.date().getYear() + "年" + d.date().getMonthValue() + "月"
                            + d.date().getDayOfMonth() + "日")));
        }
    }
}
