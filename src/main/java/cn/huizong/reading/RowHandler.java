package cn.huizong.reading;

/** Receives a workbook's rows sheet by sheet, in order; lets a reader skip the rest of an uninteresting sheet. */
public interface RowHandler {

    void startSheet(String name, int index, MergedRegions merged);

    /** @return false when the rest of this sheet is not wanted */
    boolean row(SheetRow row);

    void endSheet();
}
