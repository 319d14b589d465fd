package cn.huizong.reading;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.DateUtil;

/**
 * How a numeric cell reads: a date when its format says so (including the zh-CN built-in ids that POI's
 * formatter prints as "reserved-0x1F"), otherwise the number without exponent or trailing zeros.
 */
final class CellFormats {

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|\\\\.");

    private CellFormats() {
    }

    public static boolean isDateFormat(int formatIndex, String formatString) {
        if ((formatIndex >= 14 && formatIndex <= 17) || formatIndex == 22
                || (formatIndex >= 27 && formatIndex <= 36) || (formatIndex >= 50 && formatIndex <= 58)) {
            return true;
        }
        // Excel format codes are at most 255 characters; a longer one is not worth a regular expression
        if (formatString == null || formatString.isBlank() || formatString.startsWith("reserved")
                || formatString.length() > 255) {
            return false;
        }
        // Literal text such as "年" in yyyy"年"m"月"d"日" would otherwise hide the date parts.
        String stripped = QUOTED.matcher(formatString).replaceAll("");
        return DateUtil.isADateFormat(formatIndex, stripped);
    }

    public static LocalDate toDate(double value, boolean date1904) {
        if (!DateUtil.isValidExcelDate(value)) {
            return null;
        }
        return DateUtil.getLocalDateTime(value, date1904).toLocalDate();
    }

    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The cell of a numeric value in a given format. */
    public static Cell numeric(int column, double value, int formatIndex, String formatString, boolean date1904) {
        if (isDateFormat(formatIndex, formatString)) {
            LocalDate d = toDate(value, date1904);
            if (d != null) {
                return Cell.date(column, d);
            }
        }
        return Cell.text(column, number(value));
    }
}
