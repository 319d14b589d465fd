package cn.huizong.documents;

/** What a received document is: a case write-up, one of the two plans, or something else. */
public enum DocumentKind {
    WRITEUP("writeup", "典型案例材料（附件4）"),
    CITY_PLAN("city_plan", "“一地一策”实施方案（附件2）"),
    SCHOOL_PLAN("school_plan", "“一校一品”实施方案（附件3）"),
    OTHER("other", "其他材料");

    private final String code;
    private final String label;

    DocumentKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** Stable code for feeds (documents.csv). */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static DocumentKind ofPlan(String planKind) {
        return "city".equals(planKind) ? CITY_PLAN : SCHOOL_PLAN;
    }
}
