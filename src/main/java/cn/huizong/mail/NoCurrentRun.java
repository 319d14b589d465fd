package cn.huizong.mail;

/** The run to send from cannot be used (none completed, unknown, details pruned); the message says why in Chinese. */
public final class NoCurrentRun extends Exception {

    NoCurrentRun(String message) {
        super(message);
    }
}
