package cn.huizong.campaign;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import cn.huizong.registry.UnitType;

/** A table the notice asks for: its columns, deadline, who must send it and whether case quotas apply. */
public record TemplateSpec(
        String id,
        String title,
        LocalDate deadline,
        List<UnitType> requiredFrom,
        String missingStatus,
        boolean quotaApplies,
        String output,
        List<ColumnSpec> columns) {

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
