package cn.huizong.reading;

import java.time.LocalDate;

/**
 * One non-empty cell as the user sees it: text for every kind of cell (numbers without exponent, so phone
 * numbers stay digits), and the date when the cell is a date cell.
 */
public record Cell(int column, String text, LocalDate date) {

    public static Cell text(int column, String text) {
        return new Cell(column, text, null);
    }

    public static Cell date(int column, LocalDate date) {
        return new Cell(column, date.toString(), date);
    }

    /** Excel column letters of a 0-based index: 0 → A, 26 → AA. */
    public static String letter(int column) {
        StringBuilder sb = new StringBuilder();
        int c = column + 1;
        while (c > 0) {
            int rem = (c - 1) % 26;
            sb.insert(0, (char) ('A' + rem));
            c = (c - 1) / 26;
        }
        return sb.toString();
    }
}
