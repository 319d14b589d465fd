package cn.huizong.reading;

import cn.huizong.support.ReadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Reads .xls (BIFF8, as saved by Excel 97–2003 and WPS) with HSSF. An .xls holds at most 65,536 rows, so the
 * user model fits in memory; formula cells give their cached values.
 */
public final class XlsReader {

    private final ReadLimits limits;

    public XlsReader(ReadLimits limits) {
        this.limits = limits;
    }

    public void read(Path file, RowHandler handler) throws ReadFailure {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            read(fs, handler);
        } catch (IOException | RuntimeException e) {
            throw Failures.classify(e, Failures.DAMAGED);
        }
    }

    public void read(InputStream in, RowHandler handler) throws ReadFailure {
        try (POIFSFileSystem fs = new POIFSFileSystem(in)) {
            read(fs, handler);
        } catch (IOException | RuntimeException e) {
            throw Failures.classify(e, Failures.DAMAGED);
        }
    }

    private void read(POIFSFileSystem fs, RowHandler handler) throws IOException, ReadFailure {
        long size = workbookStreamSize(fs.getRoot());
        if (size > limits.maxXlsBytes()) {
            // HSSF builds the whole workbook in memory, about six times the stream's size
            throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, ".xls 工作簿超过 " + limits.maxXlsBytes() / 1024 / 1024
                    + " MB，请另存为 .xlsx", null);
        }
        try (HSSFWorkbook wb = new HSSFWorkbook(fs.getRoot(), true)) {
            boolean date1904 = wb.getInternalWorkbook().isUsing1904DateWindowing();
            long cells = 0;
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                if (!wb.isSheetHidden(s) && !wb.isSheetVeryHidden(s)) {
                    order.add(s);
                }
            }
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                if (!order.contains(s)) {
                    order.add(s); // hidden sheets after the shown ones (see RowHandler)
                }
            }
            for (int s : order) {
                Sheet sheet = wb.getSheetAt(s);
                String name = wb.getSheetName(s);
                boolean hidden = wb.isSheetHidden(s) || wb.isSheetVeryHidden(s);
                handler.startSheet(new SheetInfo(name, s, hidden, new MergedRegions(sheet.getMergedRegions()),
                        hiddenColumns(sheet)));
                for (Iterator<Row> it = sheet.rowIterator(); it.hasNext();) {
                    Row row = it.next();
                    List<Cell> out = new ArrayList<>();
                    for (org.apache.poi.ss.usermodel.Cell c : row) {
                        if (++cells > limits.maxCellsPerFile()) {
                            throw new ReadFailure(ReadFailure.Reason.TOO_LARGE, "单元格数超过上限 " + limits.maxCellsPerFile(),
                                    name, row.getRowNum() + 1, null);
                        }
                        Cell cell = toCell(c, date1904);
                        if (cell != null && !cell.text().isEmpty()) {
                            out.add(cell);
                        }
                    }
                    if (!out.isEmpty() && !handler.row(new SheetRow(row.getRowNum() + 1, out, row.getZeroHeight()))) {
                        break;
                    }
                }
                handler.endSheet();
            }
        }
    }

    /** Hidden columns up to the last one any row uses (HSSF keeps column widths per column). */
    private static java.util.Set<Integer> hiddenColumns(Sheet sheet) {
        int last = 0;
        for (Row r : sheet) {
            last = Math.max(last, r.getLastCellNum());
        }
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int c = 0; c < last; c++) {
            if (sheet.isColumnHidden(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static long workbookStreamSize(DirectoryNode root) {
        for (String name : new String[] {"Workbook", "WORKBOOK", "workbook", "Book", "BOOK"}) {
            if (root.hasEntryCaseInsensitive(name)) {
                try {
                    return root.getEntryCaseInsensitive(name) instanceof DocumentEntry d ? d.getSize() : 0;
                } catch (java.io.FileNotFoundException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static Cell toCell(org.apache.poi.ss.usermodel.Cell c, boolean date1904) {
        int col = c.getColumnIndex();
        CellType type = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
        return switch (type) {
            case STRING -> Cell.text(col, c.getRichStringCellValue().getString());
            case NUMERIC -> {
                CellStyle style = c.getCellStyle();
                yield CellFormats.numeric(col, c.getNumericCellValue(), style.getDataFormat(),
                        style.getDataFormatString(), date1904);
            }
            case BOOLEAN -> Cell.text(col, c.getBooleanCellValue() ? "TRUE" : "FALSE");
            case ERROR -> Cell.text(col, errorText(c.getErrorCellValue()));
            default -> null;
        };
    }

    private static String errorText(byte code) {
        try {
            return FormulaError.forInt(code).getString();
        } catch (IllegalArgumentException e) {
            return "#ERROR";
        }
    }
}
