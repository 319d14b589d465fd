package cn.huizong.support;

import java.time.Duration;

/**
 * Bounds on what one received file may cost. A file past a bound is rejected (FILE_TOO_LARGE or
 * ARCHIVE_REJECTED); the run goes on. Defaults fit the largest real submission with a wide margin and keep a
 * whole run under a 512 MB heap. Configured as {@code huizong.limits.*} (see README).
 *
 * @param maxFileBytes          bytes of one file in the inbox (larger ones are neither read nor archived)
 * @param maxXlsBytes           bytes of the workbook stream of an .xls, which HSSF holds in memory whole (about
 *                              six times its size)
 * @param maxArchiveMemberBytes inflated bytes of one archive member (members are held in memory)
 * @param maxArchiveMembers     files in one archive
 * @param maxArchiveDepth       0: archives are rejected; 1: their members are read, archives inside them rejected
 * @param maxInflatedBytes      inflated bytes of all members of one archive, and of one part of an xlsx
 * @param minInflateRatio       compressed/inflated size below which a zip entry is a zip bomb (POI's guard)
 * @param maxRowsPerSheet       rows of one sheet (by row number, so a sparse sheet cannot claim more)
 * @param maxColumns            columns of one sheet
 * @param maxCellsPerFile       cells of all sheets of one file
 * @param maxMergedRegions      merged ranges of one sheet (held in memory while it is read)
 * @param maxTextChars          characters of text one file may hold at once: its shared-strings table, one
 *                              cell, one CSV record
 * @param timePerFile           wall-clock time to read and check one file
 */
public record ReadLimits(
        long maxFileBytes,
        long maxXlsBytes,
        long maxArchiveMemberBytes,
        int maxArchiveMembers,
        int maxArchiveDepth,
        long maxInflatedBytes,
        double minInflateRatio,
        int maxRowsPerSheet,
        int maxColumns,
        long maxCellsPerFile,
        int maxMergedRegions,
        long maxTextChars,
        Duration timePerFile) {

    public static final ReadLimits DEFAULT = new ReadLimits(
            200L * 1024 * 1024, 32L * 1024 * 1024, 100L * 1024 * 1024, 2_000, 1, 1024L * 1024 * 1024, 0.01,
            1_048_576, 16_384, 20_000_000L, 200_000, 32L * 1024 * 1024, Duration.ofMinutes(5));

    public ReadLimits {
        if (maxFileBytes <= 0 || maxXlsBytes <= 0 || maxArchiveMemberBytes <= 0 || maxArchiveMembers <= 0
                || maxInflatedBytes <= 0 || maxRowsPerSheet <= 0 || maxColumns <= 0 || maxCellsPerFile <= 0 || maxMergedRegions < 0
                || maxTextChars <= 0) {
            throw new IllegalArgumentException("读取上限必须为正数");
        }
        if (maxArchiveDepth < 0 || maxArchiveDepth > 1) {
            // members are read in memory from the archive itself; one level is all the offices need
            throw new IllegalArgumentException("压缩包嵌套层数只能是 0（不接受压缩包）或 1（读取一层）");
        }
        if (!(minInflateRatio >= 0 && minInflateRatio < 1)) {
            throw new IllegalArgumentException("最小压缩比必须在 0 和 1 之间");
        }
        if (timePerFile == null || timePerFile.isNegative() || timePerFile.isZero()) {
            throw new IllegalArgumentException("单个文件处理时限必须为正");
        }
    }

    /** A copy with another time budget (tests, benchmarks). */
    public ReadLimits withTimePerFile(Duration d) {
        return new ReadLimits(maxFileBytes, maxXlsBytes, maxArchiveMemberBytes, maxArchiveMembers, maxArchiveDepth,
                maxInflatedBytes, minInflateRatio, maxRowsPerSheet, maxColumns, maxCellsPerFile, maxMergedRegions,
                maxTextChars, d);
    }
}
