package cn.huizong.reporting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.hssf.usermodel.HSSFPalette;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.hssf.util.HSSFColor;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;

/**
 * Marks issues in a workbook: each problem cell filled light red with the message as its comment. An issue
 * without a column (重复行, 超出限额, 重复案例) fills every used cell of its row and comments on the row's first
 * used cell. A cell inside a merged range is marked at the range's top-left cell, the one people see. Several
 * issues on one cell share one comment. Nothing else in the workbook changes.
 */
final class CellMarker {

    static final String AUTHOR = "汇总系统";

    private final Workbook wb;
    private final Map<Integer, CellStyle> filled = new HashMap<>(); // original style index -> filled copy
    private Short hssfRed;

    private CellMarker(Workbook wb) {
        this.wb = wb;
    }

    /** @return the number of comments written */
    static int mark(Workbook wb, List<ReportData.IssueRow> issues) {
        return new CellMarker(wb).markAll(issues);
    }

    private record Target(Sheet sheet, int row, int column) {
    }

    private int markAll(List<ReportData.IssueRow> issues) {
        Map<Target, List<ReportData.IssueRow>> comments = new LinkedHashMap<>();
        Set<Target> fills = new HashSet<>();
        for (ReportData.IssueRow issue : issues) {
            Sheet sheet = sheetOf(issue.sheet());
            if (sheet == null || issue.row() == null || issue.row() < 1) {
                continue;
            }
            int r = issue.row() - 1;
            Row row = sheet.getRow(r);
            List<Integer> columns = new ArrayList<>();
            if (issue.column() != null) {
                columns.add(CellReference.convertColStringToIndex(issue.column()));
            } else if (row != null && row.getFirstCellNum() >= 0) {
                for (int c = row.getFirstCellNum(); c < row.getLastCellNum(); c++) {
                    columns.add(c);
                }
            } else {
                columns.add(0);
            }
            for (int c : columns) {
                fills.add(visible(sheet, r, c));
            }
            comments.computeIfAbsent(visible(sheet, r, columns.get(0)), k -> new ArrayList<>()).add(issue);
        }
        for (Target t : fills) {
            Cell cell = cellAt(t);
            cell.setCellStyle(filledStyle(cell.getCellStyle()));
        }
        comments.forEach((t, list) -> comment(cellAt(t), commentText(list)));
        return comments.size();
    }

    /** The issue's sheet by name; a workbook of one sheet (a CSV turned xlsx) is that sheet. */
    private Sheet sheetOf(String name) {
        Sheet s = name == null ? null : wb.getSheet(name);
        return s == null && wb.getNumberOfSheets() == 1 ? wb.getSheetAt(0) : s;
    }

    private static Target visible(Sheet sheet, int r, int c) {
        for (CellRangeAddress m : sheet.getMergedRegions()) {
            if (m.isInRange(r, c)) {
                return new Target(sheet, m.getFirstRow(), m.getFirstColumn());
            }
        }
        return new Target(sheet, r, c);
    }

    private static Cell cellAt(Target t) {
        Row row = t.sheet().getRow(t.row());
        if (row == null) {
            row = t.sheet().createRow(t.row());
        }
        Cell cell = row.getCell(t.column());
        return cell != null ? cell : row.createCell(t.column());
    }

    private CellStyle filledStyle(CellStyle original) {
        return filled.computeIfAbsent((int) original.getIndex(), k -> {
            CellStyle s = wb.createCellStyle();
            s.cloneStyleFrom(original);
            if (s instanceof XSSFCellStyle xs) {
                xs.setFillForegroundColor(new XSSFColor(TableStyle.LIGHT_RED, null));
            } else {
                s.setFillForegroundColor(hssfRed());
            }
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            return s;
        });
    }

    /**
     * An xls has a palette of 56 colours, not RGB. Light red is put in a slot that no style or font of this
     * workbook uses, so no existing colour changes.
     */
    private short hssfRed() {
        if (hssfRed == null) {
            HSSFWorkbook h = (HSSFWorkbook) wb;
            HSSFPalette palette = h.getCustomPalette();
            byte[] rgb = TableStyle.LIGHT_RED;
            HSSFColor found = palette.findColor(rgb[0], rgb[1], rgb[2]);
            if (found != null) {
                hssfRed = found.getIndex();
            } else {
                Set<Short> used = new HashSet<>();
                for (int i = 0; i < h.getNumCellStyles(); i++) {
                    CellStyle s = h.getCellStyleAt(i);
                    used.addAll(List.of(s.getFillForegroundColor(), s.getFillBackgroundColor(), s.getTopBorderColor(),
                            s.getBottomBorderColor(), s.getLeftBorderColor(), s.getRightBorderColor()));
                }
                for (int i = 0; i <= h.getNumberOfFonts(); i++) {
                    try {
                        used.add(h.getFontAt(i).getColor());
                    } catch (RuntimeException e) {
                        // BIFF has no font 4; an odd file may have other gaps
                    }
                }
                short slot = 0x3F;
                while (slot > 0x08 && used.contains(slot)) {
                    slot--;
                }
                palette.setColorAtIndex(slot, rgb[0], rgb[1], rgb[2]);
                hssfRed = slot;
            }
        }
        return hssfRed;
    }

    private void comment(Cell cell, String text) {
        String all = text;
        Comment old = cell.getCellComment();
        if (old != null) {
            // one comment per cell: keep what the unit wrote, ours after it
            all = old.getString().getString() + "\n" + text;
            cell.removeCellComment();
        }
        Sheet sheet = cell.getSheet();
        Drawing<?> drawing = sheet.getDrawingPatriarch() != null ? sheet.getDrawingPatriarch()
                : sheet.createDrawingPatriarch();
        CreationHelper factory = wb.getCreationHelper();
        ClientAnchor anchor = factory.createClientAnchor();
        int lines = TableStyle.lines(all, 40);
        anchor.setCol1(cell.getColumnIndex() + 1);
        anchor.setCol2(cell.getColumnIndex() + 5);
        anchor.setRow1(cell.getRowIndex());
        anchor.setRow2(cell.getRowIndex() + Math.min(20, lines + 2));
        Comment comment = drawing.createCellComment(anchor);
        comment.setString(factory.createRichTextString(all));
        comment.setAuthor(AUTHOR);
        cell.setCellComment(comment);
    }

    /** Distinct messages in order: a merged cell may collect the same message from several rows. */
    static String commentText(List<ReportData.IssueRow> issues) {
        Set<String> lines = new LinkedHashSet<>();
        for (ReportData.IssueRow i : issues) {
            lines.add(Labels.severityLabel(i.severity()) + "：" + i.message());
        }
        return String.join("\n", lines);
    }
}
