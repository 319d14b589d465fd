package cn.huizong.hostile;

import cn.huizong.reading.FileSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cn.huizong.support.Sha256;
import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.fixtures.Corpus;
import cn.huizong.intake.FileKind;
import cn.huizong.support.ReadLimits;
import cn.huizong.registry.Registry;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentSink;
import cn.huizong.validation.FileChecker;
import cn.huizong.validation.Issue;
import cn.huizong.validation.StagedRow;
import cn.huizong.validation.TimeBoxedChecker;

/**
 * The corpus contract, file by file: every file of MANIFEST.tsv is either parsed (here: read to the end and
 * found to hold no 附件1/附件5 table, since none of them is ours) or rejected with one of our codes and a Chinese
 * message; no exception escapes, nothing runs past its time budget.
 */
class RealWorldCorpusTest {

    static final Set<String> REJECTION_CODES = Set.of("UNREADABLE_FILE", "ENCRYPTED_FILE", "UNSUPPORTED_FORMAT",
            "FILE_TOO_LARGE", "UNRECOGNIZED_TEMPLATE");

    static TimeBoxedChecker checker;
    static final Map<String, String> outcomes = new ConcurrentHashMap<>();
    static final Map<String, Long> millis = new ConcurrentHashMap<>();

    @BeforeAll
    static void checker() throws Exception {
        Campaign campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        Registry registry = Registry.load(Path.of("input/registry.csv"));
        ReadLimits limits = ReadLimits.DEFAULT.withTimePerFile(Duration.ofSeconds(30));
        checker = TimeBoxedChecker.of(new FileChecker(campaign, registry, limits), null);
    }

    static List<Corpus.Entry> manifest() {
        return Corpus.manifest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifest")
    void parsesOrRejectsCleanly(Corpus.Entry entry) throws Exception {
        Path file = Corpus.dir().resolve(entry.file());
        assertThat(Sha256.of(Files.newInputStream(file))).as("corpus intact").isEqualTo(entry.sha256());

        long t0 = System.nanoTime();
        ContentResult r = checker.check(new FileSource(entry.file(), FileKind.of(entry.file()), file, null),
                new CountingSink());
        millis.put(entry.file(), (System.nanoTime() - t0) / 1_000_000);

        assertThat(r).isNotNull();
        String[] poi = Corpus.poiBaseline().get(entry.file());
        if (r.failure() == null) {
            outcomes.put(entry.file(), "parsed:" + r.template());
            return;
        }
        Issue f = r.failure();
        String code = f.code().name();
        outcomes.put(entry.file(), code.equals("UNRECOGNIZED_TEMPLATE") ? "parsed (no 附件1/附件5 table)" : code);
        assertThat(code).isIn(REJECTION_CODES);
        assertThat(f.message()).containsPattern("\\p{IsHan}{4,}").contains("请");
        assertThat(f.message()).as("no file took its whole time budget").doesNotContain("处理时间超过");

        // what plain POI reads, we read too (UNRECOGNIZED_TEMPLATE: read to the end, none of it is ours)
        if (poi[0].equals("parsed")) {
            assertThat(code).as("POI parses %s", entry.file()).isEqualTo("UNRECOGNIZED_TEMPLATE");
        }
        boolean spreadsheetName = FileKind.of(entry.file()) == FileKind.SPREADSHEET;
        if (spreadsheetName && poi[1].contains("EncryptedDocumentException")) {
            assertThat(code).as("password: %s", entry.file()).isEqualTo("ENCRYPTED_FILE");
        }
        if (poi[1].contains("OldExcelFormatException") || poi[1].contains("XLSBUnsupportedException")
                || poi[1].contains("ODFNotOfficeXmlFileException") || poi[1].contains("Strict OOXML")
                || poi[1].contains("unsupported file type: BIFF")) {
            assertThat(code).as("format: %s", entry.file()).isEqualTo("UNSUPPORTED_FORMAT");
        }
        if (entry.notes().contains("XML bomb") || entry.file().contains("xmlbomb") || entry.file().contains("54764")
                || entry.file().contains("entity-expansion")) {
            assertThat(f.message()).as("entity attack: %s", entry.file()).contains("DOCTYPE");
        }
    }

    /** The copy in the repository is complete: every source's licence travels with its files. */
    @org.junit.jupiter.api.Test
    void corpusShipsWithReadmeAndTheLicenceOfEverySource() throws Exception {
        Path dir = Corpus.dir();
        assertThat(dir.resolve("README.md")).isRegularFile();
        assertThat(dir.resolve("POI_BASELINE.tsv")).isRegularFile();
        assertThat(Corpus.manifest()).hasSize(293).allSatisfy(e -> assertThat(dir.resolve(e.file())).isRegularFile());
        List<String> licences;
        try (var files = Files.list(dir.resolve("LICENSES"))) {
            licences = files.map(p -> p.getFileName().toString()).toList();
        }
        for (String repo : Corpus.manifest().stream().map(Corpus.Entry::sourceRepo).distinct().toList()) {
            assertThat(licences).as("licence of %s", repo).anyMatch(l -> l.startsWith(repo.replace('/', '-') + ".LICENSE"));
        }
    }

    /** One line per outcome for the log: how many parsed, how many rejected under which code, the slowest. */
    @AfterAll
    static void summary() {
        Map<String, Integer> byOutcome = new TreeMap<>();
        outcomes.values().forEach(o -> byOutcome.merge(o, 1, Integer::sum));
        System.out.println("corpus outcomes: " + byOutcome);
        millis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.println("  slowest " + e.getValue() + " ms  " + e.getKey() + " -> " + outcomes.get(e.getKey())));
    }

    static final class CountingSink implements ContentSink {
        int rows;
        int issues;

        @Override
        public void row(StagedRow row) {
            rows++;
        }

        @Override
        public void issue(Issue issue) {
            issues++;
        }
    }
}
