package cn.huizong.reporting;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;

/**
 * One read of a template's accepted rows (a template without quotas: 附件1) for both outputs that show them:
 * its feed and its sheet of 省级汇总表. The sheet lists files by city and unit, the feed in manifest order, so
 * the rows are read file by file in the sheet's order (each file in its primary key's order: no sort in the
 * database), each file's feed lines go to a scratch file, and the feed is put together from those parts in
 * manifest order — written straight into the feed when the two orders agree, as for a single file.
 */
final class RecordPass {

    private final ReportData data;
    private final Campaign campaign;

    RecordPass(ReportData data, Campaign campaign) {
        this.data = data;
        this.campaign = campaign;
    }

    /** A file's lines in the scratch file. */
    private record Part(long offset, long length) {
    }

    void run(String runId, TemplateSpec t, Path feed, RecordsSheet sheet) throws IOException {
        RecordCsv columns = new RecordCsv(campaign, t);
        List<ReportData.RecordFile> files = data.filesByCity(runId);
        boolean inManifestOrder = true;
        for (int i = 1; i < files.size(); i++) {
            inManifestOrder &= files.get(i - 1).fileNo() < files.get(i).fileNo();
        }
        try (SafeCsv header = SafeCsv.create(feed, columns.header())) {
            // the header alone: the records follow below
        }
        Path scratch = inManifestOrder ? feed : feed.resolveSibling("." + feed.getFileName() + ".parts");
        Map<Integer, Part> parts = new TreeMap<>();
        try (CountingStream bytes = new CountingStream(Files.newOutputStream(scratch, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16)) {
            SafeCsv csv = SafeCsv.records(w);
            for (ReportData.RecordFile f : files) {
                long start = bytes.count;
                data.fileRecords(runId, f.fileNo(), t, r -> {
                    sheet.add(f.city(), f.unit(), r.values());
                    try {
                        csv.row(columns.row(f.unit(), f.unitType(), r.values(), "accepted", f.path(), r.sheet(),
                                r.excelRow()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                csv.flush();
                parts.put(f.fileNo(), new Part(start, bytes.count - start));
            }
        }
        if (!inManifestOrder) {
            try (FileChannel in = FileChannel.open(scratch, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(feed, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (Part p : parts.values()) {
                    for (long done = 0; done < p.length();) {
                        done += in.transferTo(p.offset() + done, p.length() - done, out);
                    }
                }
            } finally {
                Files.deleteIfExists(scratch);
            }
        }
    }

    /** Counts the bytes written through it: where each file's part starts. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
