package cn.huizong.documents;

import java.util.Locale;
import java.util.Map;

/** How sizes, line spacing and alignment are named to a clerk (三号, 固定值30磅, 居中). */
final class Wording {

    private static final double[] POINTS = {42, 36, 26, 24, 22, 18, 16, 15, 14, 12, 10.5, 9, 7.5, 6.5, 5.5, 5};
    private static final String[] NAMES = {"初号", "小初", "一号", "小一", "二号", "小二", "三号", "小三", "四号", "小四",
        "五号", "小五", "六号", "小六", "七号", "八号"};
    private static final Map<String, String> ALIGN = Map.of("left", "左对齐", "center", "居中", "right", "右对齐",
            "both", "两端对齐", "distribute", "分散对齐");

    private Wording() {
    }

    /** 三号（16磅）; 13磅 where Chinese type has no name for it. */
    static String size(double points) {
        for (int i = 0; i < POINTS.length; i++) {
            if (Math.abs(POINTS[i] - points) < 0.01) {
                return NAMES[i] + "（" + number(points) + "磅）";
            }
        }
        return number(points) + "磅";
    }

    static String exact(double points) {
        return "固定值" + number(points) + "磅";
    }

    /** A paragraph's spacing as Word's dialog names it. */
    static String spacing(Formatting.ParaFormat f) {
        return switch (f.lineRule()) {
            case "exact" -> exact(f.line() / 20.0);
            case "atLeast" -> "最小值" + number(f.line() / 20.0) + "磅";
            default -> multiple(f.line() / 240.0);
        };
    }

    static String multiple(double lines) {
        if (Math.abs(lines - 1) < 0.03) {
            return "单倍行距";
        }
        if (Math.abs(lines - 1.5) < 0.03) {
            return "1.5倍行距";
        }
        if (Math.abs(lines - 2) < 0.03) {
            return "2倍行距";
        }
        return "多倍行距" + number(Math.round(lines * 100) / 100.0) + "倍";
    }

    static String align(String align) {
        return ALIGN.getOrDefault(align, align);
    }

    static String cm(double cm) {
        return String.format(Locale.ROOT, "%.2f", cm);
    }

    static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
