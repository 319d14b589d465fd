package cn.huizong.reading;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;

/** Merged ranges of one sheet, with 0-based rows and columns as in POI. */
public final class MergedRegions {

    public static final MergedRegions NONE = new MergedRegions(List.of());

    private final List<CellRangeAddress> ranges;

    public MergedRegions(List<CellRangeAddress> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Vertically merged ranges: the ones whose top-left value is filled down. */
    public List<CellRangeAddress> vertical() {
        List<CellRangeAddress> out = new ArrayList<>();
        for (CellRangeAddress r : ranges) {
            if (r.getLastRow() > r.getFirstRow()) {
                out.add(r);
            }
        }
        return out;
    }

    /** Ranges over two or more columns: a parent title over sub-columns, when it sits in a header. */
    public List<CellRangeAddress> horizontal() {
        List<CellRangeAddress> out = new ArrayList<>();
        for (CellRangeAddress r : ranges) {
            if (r.getLastColumn() > r.getFirstColumn()) {
                out.add(r);
            }
        }
        return out;
    }

    public int size() {
        return ranges.size();
    }
}
