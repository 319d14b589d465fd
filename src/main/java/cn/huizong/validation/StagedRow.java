package cn.huizong.validation;

import java.util.List;

/**
 * A data row as staged for resolution: the template values in column order plus what the set-based rules
 * need (sequence for quotas, duplicate key across units, the unit type written in the sheet), and the template
 * of its table (a workbook may hold several).
 */
public record StagedRow(
        int rowNo,
        String sheet,
        int sheetIndex,
        int excelRow,
        List<String> values,
        boolean hasError,
        Integer duplicateOf,
        Integer sequence,
        String groupKey,
        String claimedType,
        String claimedTypeText,
        String claimedColumn,
        String groupColumn,
        String template) {

    /** A row of a file that holds one template only (tests, older callers). */
    public StagedRow(int rowNo, String sheet, int sheetIndex, int excelRow, List<String> values, boolean hasError,
            Integer duplicateOf, Integer sequence, String groupKey, String claimedType, String claimedTypeText,
            String claimedColumn, String groupColumn) {
        this(rowNo, sheet, sheetIndex, excelRow, values, hasError, duplicateOf, sequence, groupKey, claimedType,
                claimedTypeText, claimedColumn, groupColumn, null);
    }
}
