package cn.huizong.validation;

public enum Severity {
    ERROR("error"), WARNING("warning");

    private final String code;

    Severity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
