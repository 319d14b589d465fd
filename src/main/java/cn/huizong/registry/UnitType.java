package cn.huizong.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of submitting unit the notice distinguishes, by the id registry.csv uses. Identity only: their
 * labels and report order are campaign data ({@code unitTypes} in the YAML, {@code Campaign.typeLabel}).
 */
public enum UnitType {
    CITY("city"),
    DFC("dfc"),
    UNDERGRAD("undergrad"),
    VOCATIONAL("vocational");

    private final String code;

    UnitType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The ids as an error message lists them: city、dfc、undergrad 或 vocational. */
    public static String codes() {
        List<String> c = Arrays.stream(values()).map(UnitType::code).toList();
        return String.join("、", c.subList(0, c.size() - 1)) + " 或 " + c.get(c.size() - 1);
    }

    public static Optional<UnitType> fromCode(String code) {
        String c = code == null ? "" : code.trim().toLowerCase();
        return Arrays.stream(values()).filter(t -> t.code.equals(c)).findFirst();
    }
}
