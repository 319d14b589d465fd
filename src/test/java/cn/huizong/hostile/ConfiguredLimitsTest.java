package cn.huizong.hostile;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.HuizongApplication;
import cn.huizong.fixtures.Corpus;
import cn.huizong.fixtures.Feeds;
import cn.huizong.fixtures.HostileFiles;
import cn.huizong.fixtures.Workbooks;

/**
 * Every read limit, set low through {@code huizong.limits.*}, rejects the file that passes it with
 * FILE_TOO_LARGE or ARCHIVE_REJECTED and a message naming the limit; the files within limits are read.
 */
class ConfiguredLimitsTest {

    @TempDir
    Path work;

    record Run(int code, String err, Map<String, String> status, Map<String, List<String>> issues) {
    }

    Run consolidate(Path inbox, Map<String, Object> limits) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path output = work.resolve("output");
        String[] args = {"consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data",
                work.resolve("data").toString(), "--db", "jdbc:h2:mem:limits-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"};
        int code = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> HuizongApplication.run(args, limits,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        Map<String, String> status = new HashMap<>();
        Map<String, List<String>> issues = new HashMap<>();
        if (code == 0) {
            for (CSVRecord s : Feeds.records(output.resolve("latest/csv/submissions.csv"))) {
                status.put(s.get("file"), s.get("status"));
            }
            for (CSVRecord i : Feeds.records(output.resolve("latest/csv/issues.csv"))) {
                issues.computeIfAbsent(i.get("file"), k -> new ArrayList<>()).add(i.get("code") + " " + i.get("message"));
            }
        }
        return new Run(code, err.toString(StandardCharsets.UTF_8), status, issues);
    }

    @Test
    void eachSizeLimitRejectsTheFileThatPassesIt() throws Exception {
        Path inbox = work.resolve("inbox");
        Path kf = inbox.resolve("开封市教育局");
        List<List<Object>> one = List.of(r("开封市教育局", "开封汽车零部件产业园", "韩梅 0378-23880001", "曹阳 13937800002",
                "数控人才", "结对帮扶", "已对接", "2026.6"));
        // within every limit: read and accepted
        Workbooks.xlsx(kf.resolve("ok.xlsx"), Workbooks.pairingSheet("开封市教育局", one));
        // bytes per file
        Files.writeString(kf.resolve("big.csv"), "x,".repeat(40_000));
        // rows per sheet (by row number: header on row 4, 20 data rows)
        List<List<Object>> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(r("开封市教育局", "企业" + i, "韩梅 0378-23880001", "曹阳 13937800002", "人才", "帮扶", "推进", "长期"));
        }
        Workbooks.xlsx(kf.resolve("rows.xlsx"), Workbooks.pairingSheet("开封市教育局", twenty));
        // columns
        Files.writeString(kf.resolve("wide.csv"), "c,".repeat(30) + "c\n");
        // cells per file: three sheets of 10 × 20
        Workbooks.SheetSpec[] sheets = new Workbooks.SheetSpec[3];
        for (int s = 0; s < 3; s++) {
            sheets[s] = new Workbooks.SheetSpec("表" + s);
            for (int row = 0; row < 10; row++) {
                Object[] cells = new Object[20];
                java.util.Arrays.fill(cells, "格");
                sheets[s].row(cells);
            }
        }
        Workbooks.xlsx(kf.resolve("cells.xlsx"), sheets);
        // characters of text held at once: a long shared string, an unclosed CSV quote
        Workbooks.xlsx(kf.resolve("long-cell.xlsx"), Workbooks.pairingSheet("开封市教育局", List.of(r("开封市教育局",
                "长".repeat(2_000), "韩梅 0378-23880001", "曹阳 13937800002", "a", "b", "c", "长期"))));
        Files.writeString(kf.resolve("unclosed-quote.csv"), "a,\"" + "引号".repeat(10_000) + "\n");
        // merged ranges of one sheet
        Workbooks.SheetSpec merged = Workbooks.pairingSheet("开封市教育局", one);
        for (int i = 0; i < 5; i++) {
            merged.merge("J" + (10 + 2 * i) + ":J" + (11 + 2 * i));
        }
        Workbooks.xlsx(kf.resolve("merges.xlsx"), merged);
        // the whole .xls stream HSSF would hold in memory
        Workbooks.xls(kf.resolve("big.xls"), Workbooks.pairingSheet("开封市教育局", twenty.subList(0, 5)));
        // archive members, per member and all together
        List<HostileFiles.RawEntry> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(HostileFiles.RawEntry.deflated("m" + i + ".txt", ("成员" + i).getBytes(StandardCharsets.UTF_8)));
        }
        HostileFiles.zip(kf.resolve("six.zip"), six);
        HostileFiles.zip(kf.resolve("member-too-big.zip"), List.of(HostileFiles.RawEntry.deflated("大.csv", text(160_000))));
        HostileFiles.zip(kf.resolve("all-too-big.zip"), List.of(HostileFiles.RawEntry.deflated("1.csv", text(100_000)),
                HostileFiles.RawEntry.deflated("2.csv", text(100_001)), HostileFiles.RawEntry.deflated("3.csv", text(100_002))));

        Map<String, Object> limits = new HashMap<>();
        limits.put("huizong.limits.max-file-bytes", "64KB");
        limits.put("huizong.limits.max-xls-bytes", "2KB");
        limits.put("huizong.limits.max-archive-members", 5);
        limits.put("huizong.limits.max-archive-member-bytes", "150KB");
        limits.put("huizong.limits.max-inflated-bytes", "200KB");
        limits.put("huizong.limits.max-rows-per-sheet", 10);
        limits.put("huizong.limits.max-columns", 20);
        limits.put("huizong.limits.max-cells-per-file", 500);
        limits.put("huizong.limits.max-text-chars", 1_000);
        limits.put("huizong.limits.max-merged-regions", 3);
        Run run = consolidate(inbox, limits);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.status().get("开封市教育局/ok.xlsx")).isEqualTo("accepted");
        expect(run, "开封市教育局/big.csv", "FILE_TOO_LARGE", "超过上限 64.0 KB");
        expect(run, "开封市教育局/rows.xlsx", "FILE_TOO_LARGE", "行数超过上限 10");
        expect(run, "开封市教育局/wide.csv", "FILE_TOO_LARGE", "列数超过上限");
        expect(run, "开封市教育局/cells.xlsx", "FILE_TOO_LARGE", "单元格数超过上限 500");
        expect(run, "开封市教育局/long-cell.xlsx", "FILE_TOO_LARGE", "1000 个字符");
        expect(run, "开封市教育局/unclosed-quote.csv", "FILE_TOO_LARGE", "引号");
        expect(run, "开封市教育局/merges.xlsx", "FILE_TOO_LARGE", "合并单元格超过 3 处");
        expect(run, "开封市教育局/big.xls", "FILE_TOO_LARGE", ".xls 工作簿超过");
        expect(run, "开封市教育局/six.zip", "ARCHIVE_REJECTED", "超过 5 个");
        expect(run, "开封市教育局/member-too-big.zip!/大.csv", "FILE_TOO_LARGE", "超过上限 150.0 KB");
        expect(run, "开封市教育局/all-too-big.zip", "FILE_TOO_LARGE", "解压后超过 200.0 KB");
        // rejected archives list no members: the archive row is the one row
        assertThat(run.status().keySet()).noneMatch(f -> f.startsWith("开封市教育局/six.zip!/"));
    }

    @Test
    void aFileStuckInsidePoiPastItsTimeBudgetIsRejectedAndTheRunGoesOn() throws Exception {
        Path inbox = work.resolve("inbox-slow");
        // POI spends seconds inside the HSSFWorkbook constructor on this real report: no row callback runs there
        Files.createDirectories(inbox.resolve("洛阳市教育局"));
        Files.copy(Corpus.dir().resolve("poi__57231_MixedGasReport.xls"), inbox.resolve("洛阳市教育局/慢.xls"));
        Workbooks.csv(inbox.resolve("开封市教育局/附件1.csv"), StandardCharsets.UTF_8, true, List.of(
                r(Workbooks.PAIRING_HEADER.stream().map(h -> h.replace("\n", "")).toArray()),
                r("开封市教育局", "开封汽车零部件产业园", "韩梅 0378-23880001", "曹阳 13937800002", "数控人才", "结对帮扶", "已对接",
                        "2026.6")));
        HostileFiles.zip(inbox.resolve("开封市教育局/材料.zip"), List.of(HostileFiles.RawEntry.deflated("说明.docx",
                "文档".getBytes(StandardCharsets.UTF_8))));

        long t0 = System.nanoTime();
        Run run = consolidate(inbox, Map.of("huizong.limits.time-per-file", "PT1S",
                "huizong.limits.max-archive-depth", 0));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

        assertThat(run.code()).as(run.err()).isZero();
        expect(run, "洛阳市教育局/慢.xls", "FILE_TOO_LARGE", "处理时间超过");
        assertThat(run.status().get("开封市教育局/附件1.csv")).isEqualTo("accepted");
        expect(run, "开封市教育局/材料.zip", "ARCHIVE_REJECTED", "不接受压缩包");
        assertThat(seconds).isLessThan(60);
    }

    static void expect(Run run, String file, String code, String words) {
        assertThat(run.status().get(file)).as(file).isEqualTo("rejected");
        assertThat(run.issues().get(file)).as(file).anySatisfy(i -> assertThat(i).startsWith(code).contains(words));
    }

    /** Text that deflates small, so that the archive stays under the file limit while its members do not. */
    static byte[] text(int bytes) {
        String line = "henan,zhengzhou,jiaoyu\n";
        return line.repeat(bytes / line.length() + 1).substring(0, bytes).getBytes(StandardCharsets.US_ASCII);
    }
}
