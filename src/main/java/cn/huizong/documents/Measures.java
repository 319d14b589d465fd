package cn.huizong.documents;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Word's measures (twips, half-points), written as plain numbers or with a unit (2.54cm, 12pt). */
final class Measures {

    private static final Pattern WITH_UNIT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(mm|cm|in|pt|pc|pi)?");

    private Measures() {
    }

    static double twips(Object value) {
        return measure(value, 20);
    }

    static double halfPoints(Object value) {
        return measure(value, 2);
    }

    static double cm(double twips) {
        return twips / 1440.0 * 2.54;
    }

    /** A plain number as it is; a number with a unit converted to units of which {@code perPoint} make a point. */
    private static double measure(Object value, double perPoint) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        Matcher m = WITH_UNIT.matcher(String.valueOf(value).strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return 0;
        }
        double v = Double.parseDouble(m.group(1));
        if (m.group(2) == null) {
            return v;
        }
        double points = switch (m.group(2)) {
            case "mm" -> v / 25.4 * 72;
            case "cm" -> v / 2.54 * 72;
            case "in" -> v * 72;
            case "pc", "pi" -> v * 12;
            default -> v;
        };
        return points * perPoint;
    }
}
