package cn.huizong.campaign;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import cn.huizong.registry.UnitType;

/**
 * A table the notice asks for: its columns, deadline, who must send it and whether case quotas apply.
 *
 * @param shortName    what clerks call it in a heading or a column (结对包联); the title without 附件N by default
 * @param missingLabel the run summary's line for units that did not send it (未报送附件1的市级教育行政部门)
 */
public record TemplateSpec(
        String id,
        String title,
        LocalDate deadline,
        List<UnitType> requiredFrom,
        String missingStatus,
        boolean quotaApplies,
        String output,
        List<ColumnSpec> columns,
        String shortName,
        String missingLabel) {

    /** What the notice calls the table in a sentence: 附件1, 附件5 (the short name where the title has no 附件N). */
    public String label() {
        return labelOf(title, shortName);
    }

    static String labelOf(String title, String shortName) {
        return title.matches("^附件\\d+.*") ? title.replaceAll("^(附件\\d+).*", "$1") : shortName;
    }

    public Optional<ColumnSpec> column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    public int indexOf(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<ColumnSpec> flagged(java.util.function.Predicate<ColumnSpec> flag) {
        return columns.stream().filter(flag).findFirst();
    }
}
