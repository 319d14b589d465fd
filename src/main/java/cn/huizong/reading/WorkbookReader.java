package cn.huizong.reading;

import java.io.IOException;

/**
 * Reads a received spreadsheet into rows, sheet by sheet, whatever its format; what cannot be read is a
 * {@link ReadFailure} with a typed reason and, where known, the sheet, row and column.
 */
public interface WorkbookReader {

    void read(FileSource source, RowHandler rows) throws ReadFailure, IOException;
}
