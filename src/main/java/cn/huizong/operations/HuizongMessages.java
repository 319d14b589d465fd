package cn.huizong.operations;

/** Turning exceptions into the one line a user reads. */
public final class HuizongMessages {

    private HuizongMessages() {
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
