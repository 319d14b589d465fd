package cn.huizong.reading;

import cn.huizong.support.ReadLimits;

import org.apache.poi.openxml4j.util.ZipInputStreamZipEntrySource;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * POI's own defences, set explicitly from the read limits rather than left to library defaults. They are
 * static in POI, so every reader of the JVM shares them; setting them is idempotent.
 */
public final class PoiGuards {

    /** Parts of one xlsx package: POI's default; real workbooks have tens, fuzzed ones thousands. */
    static final long MAX_PACKAGE_PARTS = 1_000;
    static final int SPILL_PART_BYTES = 8 * 1024 * 1024;

    private PoiGuards() {
    }

    public static void apply(ReadLimits limits) {
        // zip-bomb guard: an xlsx part inflating more than 1/ratio times its compressed size is refused
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        // no single part (sheet XML, shared strings) may inflate past this, whatever its ratio
        ZipSecureFile.setMaxEntrySize(limits.maxInflatedBytes());
        ZipSecureFile.setMaxFileCount(MAX_PACKAGE_PARTS);
        // a damaged xlsx (truncated download) is read by POI from its local headers, every part held at once;
        // parts past this size wait in temporary files instead (the checker points POI at <data>/tmp)
        ZipInputStreamZipEntrySource.setThresholdBytesForTempFiles(SPILL_PART_BYTES);
        // XML parsing goes through POI's XMLHelper everywhere: no DTDs, no external entities (XXE, billion laughs)
    }
}
