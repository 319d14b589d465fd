package cn.huizong.reporting;

import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An SXSSF workbook (200 rows in memory, the rest in temporary files) with compression only where it pays:
 * the temporary sheet files are plain (compressing them cost more time than the disk they save: they are
 * read back once, at once), and the final zip is deflated at the fastest level, a few percent larger.
 */
final class StreamedWorkbook extends SXSSFWorkbook {

    StreamedWorkbook() {
        super(200);
        setCompressTempFiles(false);
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(java.io.OutputStream out) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        return zip;
    }
}
