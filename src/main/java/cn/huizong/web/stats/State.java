package cn.huizong.web.stats;

/**
 * Where a unit stands with one template, with the text label the charts show beside their colour. The names are
 * the {@code status} values of 报送情况 ({@code /roster?status=…}), so that a click lands on the same units.
 */
enum State {
    SUBMITTED("已报送"), LATE("逾期报送"), RETURNED("退回待复报"), MISSING("未报送"), NOT_REQUIRED("无需报送");

    private final String label;

    State(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * @param status   the completeness status (submitted, late, missing, none, not_required)
     * @param returned whether the unit sent a file for it that was rejected
     */
    static State of(String status, boolean returned) {
        return switch (status == null ? "" : status) {
            case "submitted" -> SUBMITTED;
            case "late" -> LATE;
            case "not_required", "" -> NOT_REQUIRED;
            default -> returned ? RETURNED : MISSING; // missing, none: owed, nothing accepted
        };
    }
}
