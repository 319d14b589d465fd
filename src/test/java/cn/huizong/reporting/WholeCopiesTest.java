package cn.huizong.reporting;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.Workbooks;
import cn.huizong.fixtures.Writeups;

/**
 * A marked copy is in 反馈/&lt;unit&gt;/ whole or not at all: a write that fails part-way (disk full, out of memory)
 * leaves no truncated file for send-feedback to attach, and the outcome says no copy was made, which the letter
 * tells the unit. The failure is a real stream that stops after some bytes, under POI's real write.
 */
class WholeCopiesTest {

    @TempDir
    Path work;

    /** Passes bytes on until the limit, then fails as a full disk does. */
    static final class FullDisk extends FilterOutputStream {
        private long left;

        FullDisk(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("No space left on device");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDocumentWhoseWriteFailsPartWayLeavesNoFileAndTheOutcomeSaysNoCopy() throws Exception {
        Path original = Writeups.direct(work.resolve("案例一.docx"), Set.of());
        Path feedback = work.resolve("反馈");
        long[] written = {0};
        MarkedCopies.Outcome o;
        try (InputStream in = Files.newInputStream(original); XWPFDocument doc = new XWPFDocument(in)) {
            o = MarkedCopies.save(7, feedback, "郑州大学", "案例一.docx", 2, out -> {
                FullDisk full = new FullDisk(out, 4096);
                try {
                    doc.write(full);
                } finally {
                    written[0] = 4096 - Math.max(0, full.left);
                }
            });
        }
        assertThat(written[0]).as("POI wrote part of the file before the disk was full").isEqualTo(4096);
        assertThat(o.copy()).isNull();
        assertThat(o.reason()).isEqualTo(MarkedCopies.NOT_WRITTEN).contains("未能生成");
        assertThat(files(feedback.resolve("郑州大学"))).isEmpty(); // neither the copy nor its temporary file
    }

    @Test
    void aWorkbookWhoseWriteFailsPartWayLeavesNoFile() throws Exception {
        Path dir = work.resolve("反馈/河南大学");
        Files.createDirectories(dir);
        byte[] original = Workbooks.xlsxBytes(Workbooks.casesSheet("河南大学", List.of(
                r(1, "乡村振兴助力计划", "简介。", "河南大学", "高校", "李雷", "电话待定"))));
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(original))) {
            assertThatThrownBy(() -> MarkedCopies.writeWhole(dir.resolve("附件5.xlsx"), out -> wb.write(new FullDisk(out, 1000))))
                    .hasMessageContaining("No space left"); // POI wraps it in an OpenXML4JRuntimeException
        }
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void anErrorPartWayLeavesNoFileEither() throws Exception {
        Path dir = work.resolve("out");
        Files.createDirectories(dir);
        assertThatThrownBy(() -> MarkedCopies.writeWhole(dir.resolve("a.docx"), out -> {
            out.write(new byte[100]);
            throw new OutOfMemoryError("Java heap space");
        })).isInstanceOf(OutOfMemoryError.class);
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aFolderThatIsAFileGivesNoCopy() throws Exception {
        Path feedback = work.resolve("反馈");
        Files.createDirectories(feedback);
        Files.writeString(feedback.resolve("郑州大学"), "a file where the unit's folder goes");
        MarkedCopies.Outcome o = MarkedCopies.save(3, feedback, "郑州大学", "附件5.xlsx", 1, out -> out.write(1));
        assertThat(o.copy()).isNull();
        assertThat(o.reason()).isEqualTo(MarkedCopies.NOT_WRITTEN);
    }

    @Test
    void aWholeCopyIsInPlaceAloneAndNothingIsReplaced() throws Exception {
        Path original = Writeups.direct(work.resolve("案例一.docx"), Set.of());
        Path feedback = work.resolve("反馈");
        MarkedCopies.Outcome o;
        try (InputStream in = Files.newInputStream(original); XWPFDocument doc = new XWPFDocument(in)) {
            o = MarkedCopies.save(7, feedback, "郑州大学", "案例一.docx", 2, doc::write);
        }
        assertThat(o).isEqualTo(new MarkedCopies.Outcome(7, "郑州大学/案例一.docx", null, 2));
        Path copy = feedback.resolve("郑州大学/案例一.docx");
        assertThat(files(copy.getParent())).containsExactly("案例一.docx");
        try (InputStream in = Files.newInputStream(copy); XWPFDocument doc = new XWPFDocument(in)) {
            assertThat(doc.getParagraphs()).isNotEmpty();
        }
        byte[] before = Files.readAllBytes(copy);
        assertThatThrownBy(() -> MarkedCopies.writeWhole(copy, out -> out.write(1)))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
        assertThat(files(copy.getParent())).containsExactly("案例一.docx");
    }
}
