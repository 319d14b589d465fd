package cn.huizong.reading;

/**
 * Receives a workbook's rows sheet by sheet, shown sheets first and then hidden ones (each group in workbook
 * order), so that a handler knows what the shown sheets held before it meets a hidden copy; lets a reader skip
 * the rest of an uninteresting sheet.
 */
public interface RowHandler {

    void startSheet(SheetInfo sheet);

    /** @return false when the rest of this sheet is not wanted */
    boolean row(SheetRow row);

    void endSheet();
}
