package cn.huizong.reporting;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a unit stands with one template, one rule for the console's roster, its 催报名单, the stats API and the
 * dashboard: a text label and a colour (the colour is never the only sign). 退回待复报: nothing accepted yet, but a
 * file of that template was sent and returned. The names are the {@code status} filter of 报送情况.
 */
public enum Standing {
    SUBMITTED("已报送", "ok"), LATE("逾期报送", "late"), RETURNED("退回待复报", "returned"), MISSING("未报送", "missing"),
    NOT_REQUIRED("无需报送", "na");

    private final String label;
    private final String css;

    Standing(String label, String css) {
        this.label = label;
        this.css = css;
    }

    public String label() {
        return label;
    }

    /** The CSS class of its colour (console.css: .sd-ok, .sd-late …). */
    public String css() {
        return "sd-" + css;
    }

    /** Whether the unit still owes this template (催报). */
    public boolean owed() {
        return this == MISSING || this == RETURNED;
    }

    /**
     * @param status   hz_completeness_status.status: submitted, late, missing, none, not_required
     * @param returned whether a file of this template from the unit was rejected
     */
    public static Standing of(String status, boolean returned) {
        return switch (status == null ? "" : status) {
            case "submitted" -> SUBMITTED;
            case "late" -> LATE;
            case "not_required", "" -> NOT_REQUIRED;
            default -> returned ? RETURNED : MISSING; // missing, none: required and not (yet) accepted
        };
    }

    public static Optional<Standing> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The units and templates with a returned file, built from a run's files. */
    public static final class Returned {

        private static final String ANY = "*";

        private final Set<String> keys = new HashSet<>();

        /**
         * @param status    the file's status; only rejected files count
         * @param templates the templates the file held; none when it was refused before its table was known
         *                  (encrypted, broken), which counts as returned for whatever the unit still owes
         */
        public void add(String unit, String status, Collection<String> templates) {
            if (unit == null || !"rejected".equals(status)) {
                return;
            }
            if (templates.isEmpty()) {
                keys.add(unit + "\u0000" + ANY);
            }
            templates.forEach(t -> keys.add(unit + "\u0000" + t));
        }

        public boolean contains(String unit, String template) {
            return keys.contains(unit + "\u0000" + template) || keys.contains(unit + "\u0000" + ANY);
        }

        /** Where the unit stands with the template, from its completeness status. */
        public Standing standing(String unit, String template, String status) {
            return of(status, contains(unit, template));
        }
    }
}
