package cn.huizong.campaign;

import java.util.List;

/**
 * One column of a template and the checks that apply to it. The flags name kinds of rule implemented in
 * code; which column gets which rule, and with what limit, is campaign data. {@code numbersOnly}: a phone
 * column whose outputs keep the numbers alone (the name has its own column), not the name beside them.
 */
public record ColumnSpec(
        String key,
        String title,
        List<String> aliases,
        boolean required,
        boolean fillDown,
        boolean phone,
        boolean date,
        int maxLength,
        boolean unitType,
        boolean sequence,
        boolean crossUnitDuplicate,
        boolean keyed,
        boolean numbersOnly) {

    public List<String> allTitles() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(title), aliases.stream()).toList();
    }
}
