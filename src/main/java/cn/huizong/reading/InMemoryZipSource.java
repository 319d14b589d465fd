package cn.huizong.reading;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipFileZipEntrySource;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * An xlsx held in memory (an archive member) opened like a file: parts are inflated one at a time as they
 * are read, behind POI's zip-bomb guard. {@code OPCPackage.open(InputStream)} would instead inflate every part
 * into memory up front, so a 100 MB member could need gigabytes of heap.
 */
final class InMemoryZipSource extends ZipFileZipEntrySource {

    private final ZipFile zip;

    private InMemoryZipSource(ZipFile zip) {
        super(zip);
        this.zip = zip;
    }

    static InMemoryZipSource open(byte[] bytes) throws IOException {
        ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get();
        long entries = 0;
        for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); e.nextElement()) {
            if (++entries > ZipSecureFile.getMaxFileCount()) {
                zip.close();
                throw new IOException("Zip bomb detected! more internal file entries than expected: " + entries);
            }
        }
        return new InMemoryZipSource(zip);
    }

    @Override
    public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
        // the same ratio and size checks POI applies to packages opened from a file
        ZipArchiveThresholdInputStream guarded = new ZipArchiveThresholdInputStream(zip.getInputStream(entry));
        guarded.setGuardState(true);
        return guarded;
    }
}
