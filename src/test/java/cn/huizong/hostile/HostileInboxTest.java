package cn.huizong.hostile;

import static cn.huizong.fixtures.Feeds.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.support.Sha256;
import cn.huizong.HuizongApplication;
import cn.huizong.fixtures.Corpus;
import cn.huizong.fixtures.HostileInbox;
import cn.huizong.intake.Archives;
import cn.huizong.intake.InboxScanner;
import cn.huizong.reporting.SafeCsv;
import cn.huizong.validation.SubmittedText;

/**
 * One night's run over the worst inbox we can make: the whole public real-world corpus plus generated hostile
 * files (zip bombs, XXE, billion laughs, a sparse sheet claiming the whole grid, zip-slip names, nested and
 * 20,000-member archives, encrypted and truncated zips, empty, random and disguised files, links out of the
 * inbox, a pipe, hostile names, formula-injection text, 100,000-character values in every column of both
 * templates, a 10,000-character sheet name). Default limits: this is the realistic run.
 */
class HostileInboxTest {

    @TempDir
    static Path work;

    static Path inbox;
    static Path output;
    static Path data;
    static int exitCode;
    static String stdout;
    static String stderr;
    static Map<String, String> inboxBefore;
    static Set<String> treeBefore;
    static List<CSVRecord> submissions;
    static List<CSVRecord> issues;

    /** First line of the machine's /etc/passwd (what an XXE or a followed link would leak). */
    static final String PASSWD_MARK = "root:x:0:0";

    static final List<String> INJECTIONS = HostileInbox.INJECTIONS;

    @BeforeAll
    static void runOverEverything() throws Exception {
        inbox = work.resolve("inbox");
        output = work.resolve("output");
        data = work.resolve("data");
        HostileInbox.write(inbox);

        inboxBefore = snapshot(inbox);
        // POI's process-wide temp folder, moved where the tree check below sees it (the checker's workers use
        // <data>/tmp; anything landing here is a spill that escaped it)
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(work.resolve("poi-temp").toFile()));
        treeBefore = tree(work);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data",
                data.toString(), "--db", "jdbc:h2:mem:hostile;DB_CLOSE_DELAY=-1"};
        try {
            // a hang (a pipe read, a parser loop) must fail the test, not stall the build
            exitCode = assertTimeoutPreemptively(Duration.ofMinutes(4), () -> HuizongApplication.run(args,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        } finally {
            TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
        }
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        Path csv = output.resolve("latest/csv");
        submissions = records(csv.resolve("submissions.csv"));
        issues = records(csv.resolve("issues.csv"));
    }

    @Test
    void runCompletesWithExitZeroAndNoStackTrace() {
        assertThat(exitCode).as(stderr).isZero();
        assertThat(stdout).contains("汇总完成");
        assertThat(stdout + stderr).doesNotContain("\tat ");
    }

    @Test
    void everyFileAndEveryArchiveMemberHasExactlyOneSubmissionRow() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        for (String path : inboxEntries(inbox)) {
            expected.merge(shown(path), 1, Integer::sum);
        }
        Map<String, String> status = submissions.stream().collect(Collectors.toMap(s -> s.get("file"),
                s -> s.get("status"), (a, b) -> a + "," + b));
        for (String path : inboxEntries(inbox)) {
            if (path.endsWith(".zip") && !"rejected".equals(status.get(shown(path)))) {
                for (String member : members(inbox.resolve(path))) {
                    expected.merge(shown(path + "!/" + member), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> actual = new TreeMap<>();
        submissions.forEach(s -> actual.merge(s.get("file"), 1, Integer::sum));

        assertThat(actual).isEqualTo(expected);
        assertThat(submissions).allSatisfy(s -> assertThat(s.get("status"))
                .isIn("accepted", "superseded", "duplicate_file", "rejected", "document"));
        // the corpus files are all there, each once
        assertThat(Corpus.manifest()).allSatisfy(e -> assertThat(actual).containsEntry("corpus/" + e.file(), 1));
    }

    @Test
    void everyRejectedFileCarriesAnErrorIssueWithACodeAndAChineseMessage() {
        Map<String, List<CSVRecord>> byFile = issues.stream().collect(Collectors.groupingBy(i -> i.get("file")));
        List<CSVRecord> rejected = submissions.stream().filter(s -> s.get("status").equals("rejected")).toList();
        assertThat(rejected).hasSizeGreaterThan(100);
        for (CSVRecord s : rejected) {
            List<CSVRecord> errors = byFile.getOrDefault(s.get("file"), List.of()).stream()
                    .filter(i -> i.get("severity").equals("error")).toList();
            assertThat(errors).as("error issue for %s", s.get("file")).isNotEmpty();
            assertThat(errors).allSatisfy(i -> {
                assertThat(i.get("code")).matches("[A-Z_]+");
                assertThat(i.get("message")).containsPattern("\\p{IsHan}{4,}").contains("请");
            });
        }
    }

    @Test
    void hostileFilesAreRejectedWithTheCodeThatSaysWhy() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("hostile/zip-bomb.xlsx", "FILE_TOO_LARGE");
        expected.put("hostile/zip-bomb-member.zip!/炸弹.csv", "FILE_TOO_LARGE");
        expected.put("hostile/xxe.xlsx", "UNREADABLE_FILE");
        expected.put("hostile/xxe-shared-strings.xlsx", "UNREADABLE_FILE");
        expected.put("hostile/billion-laughs.xlsx", "UNREADABLE_FILE");
        // the link inside the inbox to the sparse sheet was made after it: the later copy of the bytes counts
        expected.put("hostile/links/inside.xlsx", "UNRECOGNIZED_TEMPLATE");
        expected.put("hostile/zip-slip.zip!/../../evil.xlsx", "ARCHIVE_REJECTED");
        expected.put("hostile/zip-slip.zip!//abs/evil.xlsx", "ARCHIVE_REJECTED");
        expected.put("hostile/zip-slip.zip!/..\\..\\evil-windows.xlsx", "ARCHIVE_REJECTED");
        expected.put("hostile/zip-slip.zip!/C:/Windows/evil.xlsx", "ARCHIVE_REJECTED");
        expected.put("hostile/nested.zip!/inner.zip", "ARCHIVE_REJECTED");
        expected.put("hostile/nested.zip!/inner.rar", "ARCHIVE_REJECTED");
        expected.put("hostile/20000-members.zip", "ARCHIVE_REJECTED");
        expected.put("hostile/encrypted.zip", "ENCRYPTED_FILE");
        expected.put("hostile/truncated.zip", "UNREADABLE_FILE");
        expected.put("hostile/empty.xlsx", "UNREADABLE_FILE");
        expected.put("hostile/random.xlsx", "UNREADABLE_FILE");
        expected.put("hostile/网页另存为.xls", "UNSUPPORTED_FORMAT");
        expected.put("hostile/word-renamed.xls", "UNSUPPORTED_FORMAT");
        expected.put("hostile/gzip-as.csv", "UNSUPPORTED_FORMAT");
        expected.put("hostile/links/passwd.xlsx", "UNREADABLE_FILE");
        expected.put("hostile/links/etc-folder", "UNREADABLE_FILE");
        expected.put("hostile/links/inside-folder", "UNREADABLE_FILE");
        expected.put("hostile/links/broken.xlsx", "UNREADABLE_FILE");
        expected.put("hostile/links/loop.xlsx", "UNREADABLE_FILE");
        expected.put("hostile/pipe.csv", "UNREADABLE_FILE");
        Map<String, String> actual = new HashMap<>();
        for (CSVRecord i : issues) {
            if (i.get("severity").equals("error") && i.get("row").isEmpty()) {
                actual.putIfAbsent(i.get("file"), i.get("code"));
            }
        }
        expected.forEach((file, code) -> assertThat(actual.get(file)).as(file).isEqualTo(code));
        assertThat(message("hostile/zip-bomb.xlsx")).contains("压缩炸弹");
        assertThat(message("hostile/xxe.xlsx")).contains("DOCTYPE");
        assertThat(message("hostile/links/passwd.xlsx")).contains("收件箱以外");
        assertThat(message("hostile/20000-members.zip")).contains("2000");
        // the one legitimate member of the zip-slip archive and the linked copy inside the inbox are read
        // (the same valid workbook is elsewhere in the inbox too: whichever copy came last counts)
        assertThat(status("hostile/zip-slip.zip!/开封市教育局/附件1.xlsx")).isIn("accepted", "duplicate_file");
        assertThat(status("hostile/sparse-1048576.xlsx")).isEqualTo("duplicate_file");
        assertThat(status("hostile/" + "长".repeat(81) + "xx.xlsx")).isIn("accepted", "duplicate_file", "superseded");
        assertThat(status("hostile/响铃?字符.csv")).isEqualTo("rejected");
        assertThat(status("hostile/换行?文件名.csv")).isEqualTo("rejected");
        assertThat(status("hostile/附件1?xslx.exe")).isEqualTo("rejected");
    }

    @Test
    void longValuesAreTakenAndCutWithTheMarkerInTheFeeds() throws Exception {
        for (String f : List.of(HostileInbox.LONG_PAIRING_XLSX, HostileInbox.LONG_PAIRING_CSV,
                HostileInbox.LONG_CASES_XLSX, HostileInbox.LONG_CASES_CSV, HostileInbox.LONG_SHEET_XLSX)) {
            assertThat(status(f)).as(f).isEqualTo("accepted");
        }
        Path csv = output.resolve("latest/csv");
        List<CSVRecord> pairings = records(csv.resolve("pairings.csv"));
        for (String unit : List.of("洛阳市教育局", "平顶山市教育局")) {
            CSVRecord p = pairings.stream().filter(r -> r.get("unit").equals(unit)).findFirst().orElseThrow();
            for (String column : List.of("edu_unit", "enterprise", "enterprise_contact", "unit_contact", "needs",
                    "measures", "progress", "deadline_text")) {
                assertThat(p.get(column)).as("%s %s", unit, column).hasSize(SubmittedText.MAX_CHARS)
                        .endsWith(SubmittedText.CUT_MARKER);
            }
        }
        List<CSVRecord> cases = records(csv.resolve("cases.csv"));
        for (String unit : List.of("郑州大学", "河南大学")) {
            CSVRecord c = cases.stream().filter(r -> r.get("unit").equals(unit)).findFirst().orElseThrow();
            assertThat(c.get("case_name")).startsWith(HostileInbox.SHARED_CASE).hasSize(SubmittedText.MAX_CHARS)
                    .endsWith(SubmittedText.CUT_MARKER);
            assertThat(c.get("claimed_type")).endsWith(SubmittedText.CUT_MARKER);
        }
        // the sheet name is under the cap: kept whole, as lineage
        CSVRecord anyang = pairings.stream().filter(r -> r.get("unit").equals("安阳市教育局")).findFirst().orElseThrow();
        assertThat(anyang.get("source_sheet")).hasSize(HostileInbox.LONG_SHEET_NAME).startsWith("附件1");
    }

    @Test
    void rulesSeeTheWholeLongValueAndMessagesQuoteItShortened() {
        List<CSVRecord> mine = issues.stream().filter(i -> i.get("file").startsWith(HostileInbox.LONG_DIR)).toList();
        assertThat(mine).extracting(i -> i.get("code")).contains("SUMMARY_TOO_LONG", "INVALID_DATE",
                "UNIT_TYPE_MISMATCH", "DUPLICATE_CASE");
        // 案例简介 of 100,000 characters is counted whole, before anything is cut
        assertThat(issues.stream().filter(i -> i.get("file").equals(HostileInbox.LONG_CASES_XLSX)
                && i.get("code").equals("SUMMARY_TOO_LONG")).findFirst().orElseThrow().get("message"))
                .contains("共" + HostileInbox.LONG + "字");
        assertThat(mine).allSatisfy(i -> assertThat(i.get("message").length()).as(i.get("code")).isLessThan(400));
        assertThat(mine).filteredOn(i -> i.get("code").equals("DUPLICATE_CASE"))
                .allSatisfy(i -> assertThat(i.get("message")).contains(HostileInbox.SHARED_CASE).contains("…"));
    }

    @Test
    void provincialWorkbookIsWrittenWithTheCutValues() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(output.resolve("latest/省级汇总表.xlsx").toFile())) {
            boolean cut = false;
            for (var row : wb.getSheetAt(0)) {
                for (var cell : row) {
                    cut |= cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                            && cell.getStringCellValue().endsWith(SubmittedText.CUT_MARKER);
                }
            }
            assertThat(cut).as("a cut value in 结对包联汇总").isTrue();
        }
        // the units' marked copies too: the xlsx as sent, the CSV as an xlsx with its long fields cut
        assertThat(output.resolve("latest/反馈/洛阳市教育局/洛阳市-附件1.xlsx")).isRegularFile();
        assertThat(output.resolve("latest/反馈/平顶山市教育局/平顶山市-附件1.xlsx")).isRegularFile();
    }

    @Test
    void inboxIsNeitherMovedNorChanged() throws Exception {
        assertThat(snapshot(inbox)).isEqualTo(inboxBefore);
    }

    @Test
    void nothingIsWrittenOutsideTheOutputAndDataFolders() throws Exception {
        Set<String> added = new TreeSet<>(tree(work));
        added.removeAll(treeBefore);
        assertThat(added).isNotEmpty().allSatisfy(p -> assertThat(p).matches("(output|data)(/.*)?"));
        assertThat(tree(work)).containsAll(treeBefore);
        // no member was ever extracted, under its own name or any other
        assertThat(added).noneMatch(p -> p.contains("evil"));
        assertThat(Files.exists(work.getParent().resolve("evil.xlsx"))).isFalse();
        assertThat(Files.exists(Path.of("/abs/evil.xlsx"))).isFalse();
    }

    @Test
    void outputsHoldNoFormulaAndNoLiveInjectionString() throws Exception {
        List<Path> files = regularFiles(output);
        assertThat(files).anyMatch(p -> p.toString().endsWith("pairings.csv"));
        for (Path f : files) {
            if (f.toString().endsWith(".csv")) {
                for (CSVRecord rec : CSVFormat.DEFAULT.parse(Files.newBufferedReader(f, StandardCharsets.UTF_8))) {
                    for (String field : rec) {
                        assertThat(field).as("%s line %d", f.getFileName(), rec.getRecordNumber())
                                .doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
                                .doesNotStartWith("\t").doesNotStartWith("\r");
                    }
                }
            } else if (f.toString().endsWith(".xlsx")) {
                try (XSSFWorkbook wb = new XSSFWorkbook(f.toFile())) {
                    wb.forEach(sheet -> sheet.forEach(row -> row.forEach(c -> assertThat(c.getCellType())
                            .isNotEqualTo(org.apache.poi.ss.usermodel.CellType.FORMULA))));
                }
            }
        }
        // the injection rows were accepted, and neutralised rather than dropped
        String pairings = Files.readString(output.resolve("latest/csv/pairings.csv"));
        for (String s : INJECTIONS) {
            assertThat(pairings).contains(csvField("'" + s.strip())); // cell text is trimmed, then neutralised
        }
        assertThat(pairings).doesNotContain("HYPERLINK(\"http://evil.example\"");
        assertThat(Files.readString(output.resolve("latest/csv/submissions.csv"))).contains("'=HYPERLINK(1).csv");
    }

    @Test
    void noLocalFileContentReachesAnyOutputOrTheStore() throws Exception {
        byte[] mark = PASSWD_MARK.getBytes(StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>(regularFiles(output));
        files.addAll(regularFiles(data));
        for (Path f : files) {
            assertThat(indexOf(Files.readAllBytes(f), mark)).as(f.toString()).isEqualTo(-1);
        }
        assertThat(stdout + stderr).doesNotContain(PASSWD_MARK);
    }

    @Test
    void everyReadFileIsArchivedByItsHashUnderTheDataFolder() throws Exception {
        for (CSVRecord s : submissions) {
            String sha = s.get("sha256");
            if (sha.isEmpty() || !s.get("archive").isEmpty()) {
                continue; // not read (link out, pipe, too large) or an archive member (kept inside its archive)
            }
            Path stored = data.resolve("store").resolve(sha.substring(0, 2)).resolve(sha);
            assertThat(stored).as(s.get("file")).isRegularFile();
            try (InputStream in = Files.newInputStream(stored)) {
                assertThat(Sha256.of(in)).isEqualTo(sha);
            }
        }
        // temporary copies are gone: only <ab>/<sha256> names remain
        assertThat(regularFiles(data.resolve("store"))).allSatisfy(p -> assertThat(
                data.resolve("store").relativize(p).toString()).matches("[0-9a-f]{2}/[0-9a-f]{64}"));
    }

    // --- helpers

    static String status(String file) {
        return submissions.stream().filter(s -> s.get("file").equals(file)).map(s -> s.get("status")).findFirst()
                .orElse("(no row)");
    }

    static String message(String file) {
        return issues.stream().filter(i -> i.get("file").equals(file)).map(i -> i.get("message")).findFirst()
                .orElse("");
    }

    /** A path as submissions.csv shows it. */
    static String shown(String path) {
        return SafeCsv.inert(InboxScanner.printable(path));
    }

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Every entry of the inbox that is not a plain folder: files, links (to anything), pipes. */
    static List<String> inboxEntries(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                out.add(root.relativize(file).toString());
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    static List<String> members(Path zip) throws IOException {
        List<String> out = new ArrayList<>();
        try (ZipFile z = Archives.open(zip)) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory()) {
                    out.add(entry.getName());
                }
            }
        }
        return out;
    }

    /** Path → SHA-256, size and modification time of every inbox entry; links as their target. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                out.put(root.relativize(dir) + "/", "dir " + attrs.lastModifiedTime());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String key = root.relativize(file).toString();
                if (attrs.isSymbolicLink()) {
                    out.put(key, "link " + Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                        out.put(key, Sha256.of(in) + " " + attrs.size() + " " + attrs.lastModifiedTime());
                    }
                } else {
                    out.put(key, "other " + attrs.lastModifiedTime());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** Relative paths of everything under a folder, links not followed. */
    static Set<String> tree(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    out.add(root.relativize(dir).toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                out.add(root.relativize(file).toString());
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    static List<Path> regularFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
