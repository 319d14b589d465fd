package cn.huizong.reading;

/**
 * Thrown by a {@link RowHandler} to abandon the file (time budget spent, check cancelled). Readers let it
 * through untouched instead of turning it into a parse failure.
 */
public class StopReading extends RuntimeException {

    public StopReading(String message) {
        super(message, null, false, false);
    }
}
