package cn.huizong.validation;

import java.util.List;

import cn.huizong.reading.Cell;

/**
 * A data row laid onto a template: one cell per template column (null where empty or absent), the column
 * letters where each template column sits in this sheet, and where the row came from.
 */
record MappedRow(String sheet, int excelRow, int rowNo, List<Cell> cells, List<String> letters) {

    public String text(int column) {
        Cell c = cells.get(column);
        return c == null ? "" : c.text();
    }
}
