package cn.huizong.reading;

import java.util.Set;

/**
 * What a reader knows about a sheet before its rows: name, position in the workbook, whether Excel shows it
 * (hidden and very hidden sheets are not shown), its merged ranges and its hidden columns (0-based).
 */
public record SheetInfo(String name, int index, boolean hidden, MergedRegions merged, Set<Integer> hiddenColumns) {

    public SheetInfo {
        hiddenColumns = Set.copyOf(hiddenColumns);
    }

    /** A shown sheet without hidden columns (CSV, tests). */
    public static SheetInfo shown(String name, int index, MergedRegions merged) {
        return new SheetInfo(name, index, false, merged, Set.of());
    }
}
