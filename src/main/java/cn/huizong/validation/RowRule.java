package cn.huizong.validation;

import java.util.function.Consumer;

/** One check of a data row; reports what it finds, never throws for bad data. */
interface RowRule {

    void check(MappedRow row, Consumer<Issue> issues);

    static Issue at(MappedRow row, int column, IssueCode code, String message) {
        return new Issue(row.sheet(), row.excelRow(), row.letters().get(column), code, message, row.rowNo());
    }
}
