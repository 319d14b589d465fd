package cn.huizong.registry;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of submitting unit the notice distinguishes, with the names clerks use. */
public enum UnitType {
    CITY("city", "市级教育行政部门"),
    DFC("dfc", "“双一流”建设和创建高校"),
    UNDERGRAD("undergrad", "其他本科高校"),
    VOCATIONAL("vocational", "高职高专院校");

    private final String code;
    private final String label;

    UnitType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<UnitType> fromCode(String code) {
        String c = code == null ? "" : code.trim().toLowerCase();
        return Arrays.stream(values()).filter(t -> t.code.equals(c)).findFirst();
    }
}
