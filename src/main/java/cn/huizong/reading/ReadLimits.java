package cn.huizong.reading;

import java.time.Duration;

/**
 * Bounds on what one received file may cost. A file past a bound is rejected with FILE_TOO_LARGE; the run
 * goes on. Defaults fit the largest real submission with a wide margin.
 */
public record ReadLimits(
        long maxFileBytes,
        long maxArchiveMemberBytes,
        int maxArchiveMembers,
        int maxRowsPerSheet,
        int maxColumns,
        long maxCellsPerFile,
        Duration timePerFile) {

    public static final ReadLimits DEFAULT = new ReadLimits(
            200L * 1024 * 1024, 100L * 1024 * 1024, 2_000, 1_048_576, 16_384, 20_000_000L, Duration.ofMinutes(5));
}
