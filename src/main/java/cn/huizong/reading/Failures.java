package cn.huizong.reading;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;

/**
 * Turns what a parser threw on a hostile or broken file into one of our codes and a detail a clerk can act
 * on. The exception itself stays in the cause, for the log only.
 */
public final class Failures {

    public static final String ZIP_BOMB = cn.huizong.intake.Archives.ZIP_BOMB;
    public static final String DOCTYPE = "文件中含有 XML 文档类型声明（DOCTYPE），Excel 不会这样保存，出于安全原因未读取";
    public static final String DAMAGED = "文件结构损坏或不完整";

    private Failures() {
    }

    /** Rethrows {@link StopReading}; anything else becomes a ReadFailure, {@code fallback} as the detail. */
    public static ReadFailure classify(Throwable e, String fallback) {
        if (e instanceof StopReading s) {
            throw s;
        }
        if (e instanceof ReadFailure f) {
            return f;
        }
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 32; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StopReading s) {
                throw s;
            }
            if (t instanceof ReadFailure f) {
                return f;
            }
            if (t instanceof EncryptedDocumentException) {
                return new ReadFailure(ReadFailure.Reason.ENCRYPTED, "加密的文件", e);
            }
            if (t instanceof OldExcelFormatException) {
                return new ReadFailure(ReadFailure.Reason.UNSUPPORTED_FORMAT, "Excel 5.0/95 旧格式", e);
            }
            if (t instanceof OutOfMemoryError) {
                return new ReadFailure(ReadFailure.Reason.TOO_LARGE, "读取所需内存超过上限", e);
            }
            if (t instanceof StackOverflowError) {
                return new ReadFailure(ReadFailure.Reason.UNREADABLE, "文件内部结构嵌套过深", e);
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb detected") || m.contains("more internal file entries than expected")) {
                return new ReadFailure(ReadFailure.Reason.TOO_LARGE, ZIP_BOMB, e);
            }
            if (m.contains("Strict OOXML")) {
                return new ReadFailure(ReadFailure.Reason.UNSUPPORTED_FORMAT, "“Strict Open XML”格式的工作簿，请用 Excel 另存为普通的 .xlsx", e);
            }
            if (m.contains("DOCTYPE")) {
                return new ReadFailure(ReadFailure.Reason.UNREADABLE, DOCTYPE, e);
            }
        }
        return new ReadFailure(ReadFailure.Reason.UNREADABLE, fallback, e);
    }
}
