package cn.huizong.validation;

public enum Severity {
    ERROR("error"), WARNING("warning"),
    /** Nothing to fix: what became of a file (replaced, a copy), so that nothing vanishes without a word. */
    INFO("info");

    private final String code;

    Severity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
