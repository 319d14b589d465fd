package cn.huizong.reading;

import java.util.List;

/**
 * A row of a sheet with its 1-based Excel row number; cells are sparse and in column order. Hidden rows (a
 * filter or a hand) are still rows: the reader says so, the handler decides.
 */
public record SheetRow(int rowNumber, List<Cell> cells, boolean hidden) {

    public SheetRow(int rowNumber, List<Cell> cells) {
        this(rowNumber, cells, false);
    }

    public boolean isBlank() {
        return cells.stream().allMatch(c -> c.text().isBlank());
    }

    /** All cell texts joined, for spotting lines such as 填报单位：… that may be split over cells. */
    public String joinedText() {
        StringBuilder sb = new StringBuilder();
        for (Cell c : cells) {
            if (!c.text().isBlank()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(c.text());
            }
        }
        return sb.toString();
    }
}
