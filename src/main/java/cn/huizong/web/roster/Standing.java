package cn.huizong.web.roster;

import java.util.Optional;

/**
 * Where a unit stands with one template, as the roster shows it: a text label and a colour (the colour is never
 * the only sign). 退回待复报: nothing accepted yet, but a file of that template was sent and returned.
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
    static Standing of(String status, boolean returned) {
        return switch (status == null ? "" : status) {
            case "submitted" -> SUBMITTED;
            case "late" -> LATE;
            case "not_required", "" -> NOT_REQUIRED;
            default -> returned ? RETURNED : MISSING; // missing, none: required and not (yet) accepted
        };
    }

    static Optional<Standing> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
