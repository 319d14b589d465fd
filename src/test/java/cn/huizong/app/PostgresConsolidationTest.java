package cn.huizong.app;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import cn.huizong.fixtures.EndToEndInbox;
import cn.huizong.fixtures.HostileFiles;
import cn.huizong.fixtures.HostileInbox;
import cn.huizong.fixtures.Workbooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Production runs on PostgreSQL. A real server (embedded PostgreSQL 17) whose database collates zh-CN (ICU:
 * pinyin order, not H2's code-point order, and NULLs last, not first) must publish exactly what H2 publishes
 * for a rich campaign: every CSV feed byte for byte, every cell of 省级汇总表.xlsx and of each feedback letter.
 */
class PostgresConsolidationTest {

    static final List<String> FEEDS = List.of("submissions.csv", "pairings.csv", "cases.csv", "quota.csv",
            "issues.csv", "completeness.csv");
    static final String ZH_DATABASE = "huizong_zh";
    static final String H2_URL = "jdbc:h2:mem:pgcompare;DB_CLOSE_DELAY=-1";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int CORRECTION_DAYS = 3; // correctionDays of jobs/jiaoyu-zhuqi-2025.yml

    @TempDir
    static Path work;

    static EmbeddedPostgres postgres;
    static String pgUrl;

    @BeforeAll
    static void consolidateOnBothDatabases() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // ICU as a database's default collation needs PostgreSQL 15+, and template0 (template1 is libc)
            s.execute("CREATE DATABASE " + ZH_DATABASE + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' "
                    + "LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN'");
        }
        pgUrl = postgres.getJdbcUrl("postgres", ZH_DATABASE);
        EndToEndInbox.writeRich(work.resolve("inbox"));

        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", "");
        try {
            consolidate(pgUrl, work.resolve("pg"));
            // a second run on the same server: schema creation is idempotent, staged content is reused
            consolidate(pgUrl, work.resolve("pg2"));
        } finally {
            System.clearProperty("spring.datasource.username");
            System.clearProperty("spring.datasource.password");
        }
        consolidate(H2_URL, work.resolve("h2"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static void consolidate(String db, Path output) {
        Cli r = Cli.run("consolidate", "--input", work.resolve("inbox").toString(), "--output", output.toString(),
                "--data", output.resolveSibling(output.getFileName() + "-data").toString(), "--db", db);
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** A fresh database on the server, its JDBC URL. */
    static String database(String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    static Cli consolidateAsPostgres(Path inbox, String db, Path output) {
        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", "");
        try {
            return Cli.run("consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data",
                    output.resolveSibling(output.getFileName() + "-data").toString(), "--db", db);
        } finally {
            System.clearProperty("spring.datasource.username");
            System.clearProperty("spring.datasource.password");
        }
    }

    /** A 100,000-character case name and a 400-character sheet name: what the old bounded columns refused. */
    static Path longValuesInbox(Path inbox) throws Exception {
        HostileFiles.xlsxWithLongCells(inbox.resolve("郑州大学/附件5.xlsx"), Workbooks.casesSheet("郑州大学",
                List.of(r(1, HostileInbox.longText("校企协同育人典型案例：", HostileInbox.LONG), "校企共建联合实验室。",
                        "郑州大学", "“双一流”建设高校", "王芳", "0371-65550001"))));
        Files.createDirectories(inbox.resolve("洛阳市教育局"));
        Files.write(inbox.resolve("洛阳市教育局/附件1.xlsx"), HostileFiles.withSheetName(Workbooks.xlsxBytes(
                Workbooks.pairingSheet("洛阳市教育局", List.of(r("洛阳市教育局", "洛阳轴承产业园", "韩梅 0379-63210001",
                        "曹阳 13937900002", "数控人才", "结对帮扶", "已对接", "2026-06-30")))),
                HostileInbox.longText("表", 400)));
        return inbox;
    }

    @Test
    void anExistingPostgresDatabaseIsWidenedOnStart() throws Exception {
        String db = database("before_issue_8");
        Path inbox = longValuesInbox(work.resolve("long-inbox"));
        try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("schema-huizong-before-issue-8.sql"));
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            assertThat(SchemaMigration.bounded(jdbc)).hasSize(13);

            Cli run = consolidateAsPostgres(inbox, db, work.resolve("pg-widened"));

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(SchemaMigration.bounded(jdbc)).isEmpty();
            assertThat(Files.readString(work.resolve("pg-widened/latest/csv/cases.csv"))).contains("……（已截断）");
            // idempotent: a second start alters nothing and runs as before
            assertThat(SchemaMigration.widen(jdbc)).isEmpty();
            assertThat(consolidateAsPostgres(inbox, db, work.resolve("pg-widened2")).code()).isZero();
        }
    }

    @Test
    void aLostConnectionFailsTheStepAndTheNextRunResumes() throws Exception {
        String db = database("lost_connection");
        Path inbox = work.resolve("cut-inbox");
        Workbooks.xlsx(inbox.resolve("洛阳市教育局/附件1.xlsx"), Workbooks.pairingSheet("洛阳市教育局", List.of(
                r("洛阳市教育局", "断线样本企业", "韩梅 0379-63210001", "曹阳 13937900002", "人才", "帮扶", "推进", "长期"))));
        try (Connection c = DriverManager.getConnection(db, "postgres", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("schema-huizong.sql"));
            // the server drops the connection in the middle of staging this file (as a restart or a network cut would)
            c.createStatement().execute("CREATE FUNCTION test_cut() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.vals LIKE '%断线样本%' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; "
                    + "RETURN NEW; END $$ LANGUAGE plpgsql");
            c.createStatement().execute(
                    "CREATE TRIGGER test_cut BEFORE INSERT ON hz_row FOR EACH ROW EXECUTE FUNCTION test_cut()");

            Cli cut = consolidateAsPostgres(inbox, db, work.resolve("pg-cut"));

            // not contained as a rejection: the step fails, naming the file, and nothing is staged for it
            assertThat(cut.code()).as(cut.out()).isEqualTo(1);
            assertThat(cut.err().strip()).doesNotContain("\n").contains("“读取检查”步骤")
                    .contains("洛阳市教育局/附件1.xlsx").contains("数据库连接失败或中断");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM hz_content")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }

            c.createStatement().execute("DROP TRIGGER test_cut ON hz_row");
            Cli again = consolidateAsPostgres(inbox, db, work.resolve("pg-cut"));
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(Files.readString(work.resolve("pg-cut/latest/csv/submissions.csv")))
                    .contains("洛阳市教育局/附件1.xlsx").contains(",accepted,");
        }
    }

    @Test
    void theDatabaseCollatesChineseByPinyinNotByCodePoint() throws Exception {
        try (Connection c = pg(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT datlocprovider, datlocale FROM pg_database "
                    + "WHERE datname = current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("i");
                assertThat(rs.getString(2)).isEqualTo("zh-CN");
            }
            List<String> sorted = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT path FROM (VALUES ('郑州市教育局/附件1.xlsx'), "
                    + "('南阳市教育局/附件1.xlsx'), ('开封市/附件1.csv'), ('洛阳市教育局附件1.xls')) AS v(path) ORDER BY path")) {
                while (rs.next()) {
                    sorted.add(rs.getString(1));
                }
            }
            // kāi, luò, nán, zhèng; code points put 南 (U+5357) before 开 (U+5F00)
            assertThat(sorted).containsExactly("开封市/附件1.csv", "洛阳市教育局附件1.xls", "南阳市教育局/附件1.xlsx",
                    "郑州市教育局/附件1.xlsx");
            assertThat(sorted.stream().sorted().toList()).isNotEqualTo(sorted);
        }
    }

    @Test
    void postgresPublishesTheSameFeedsAsH2ByteForByte() throws Exception {
        SoftAssertions.assertSoftly(soft -> {
            for (String f : FEEDS) {
                String h2 = read(latest("h2").resolve("csv").resolve(f));
                soft.assertThat(read(latest("pg").resolve("csv").resolve(f))).as("pg " + f).isEqualTo(h2);
                soft.assertThat(read(latest("pg2").resolve("csv").resolve(f))).as("pg2 " + f).isEqualTo(h2);
            }
        });
        // the campaign is as rich as it claims
        List<CSVRecord> issues = records(latest("h2").resolve("csv/issues.csv"));
        assertThat(issues.stream().map(i -> i.get("code")).distinct()).contains("OVER_QUOTA", "UNIT_TYPE_MISMATCH",
                "DUPLICATE_ROW", "DUPLICATE_CASE", "INVALID_DATE", "INVALID_PHONE", "LATE_SUBMISSION",
                "UNKNOWN_UNIT", "ENCRYPTED_FILE", "UNREADABLE_FILE", "SUMMARY_TOO_LONG", "JOINED_COLUMNS",
                "HIDDEN_SHEET_SKIPPED", "SKIPPED_ROWS");
        // (the reshaped tables of three bureaus replace their generated ones: 100 rows, not 124)
        assertThat(records(latest("h2").resolve("csv/pairings.csv"))).hasSizeGreaterThanOrEqualTo(100);
        assertThat(records(latest("h2").resolve("csv/cases.csv"))).hasSizeGreaterThan(25);
    }

    @Test
    void postgresWritesTheSameProvincialWorkbookAsH2() throws Exception {
        String h2 = cells(latest("h2").resolve("省级汇总表.xlsx"), startedAt("h2"));
        assertThat(h2).contains("结对包联汇总!", "典型案例汇总!", "配额核查!", "报送情况!", "问题清单!");
        String pg = cells(latest("pg").resolve("省级汇总表.xlsx"), startedAt("pg"));
        String pg2 = cells(latest("pg2").resolve("省级汇总表.xlsx"), startedAt("pg2"));
        SoftAssertions.assertSoftly(soft -> {
            for (String sheet : List.of("结对包联汇总", "典型案例汇总", "配额核查", "报送情况", "问题清单")) {
                soft.assertThat(sheet(pg, sheet)).as("pg " + sheet).isEqualTo(sheet(h2, sheet));
                soft.assertThat(sheet(pg2, sheet)).as("pg2 " + sheet).isEqualTo(sheet(h2, sheet));
            }
        });
        assertThat(pg).isEqualTo(h2);
        assertThat(pg2).isEqualTo(h2);
    }

    @Test
    void postgresWritesTheSameFeedbackLettersAsH2() throws Exception {
        List<String> letters = letters(latest("h2"));
        assertThat(letters).contains("（单位未能确定）.xlsx", "郑州大学.xlsx", "河南轻工职业学院.xlsx", "周口市教育局.xlsx")
                .hasSizeGreaterThan(20);
        Instant h2 = startedAt("h2");
        for (String run : List.of("pg", "pg2")) {
            assertThat(letters(latest(run))).as(run).isEqualTo(letters);
            Instant at = startedAt(run);
            SoftAssertions.assertSoftly(soft -> {
                for (String letter : letters) {
                    soft.assertThat(cells(latest(run).resolve("反馈").resolve(letter), at)).as(run + " " + letter)
                            .isEqualTo(cells(latest("h2").resolve("反馈").resolve(letter), h2));
                }
            });
        }
    }

    /** An issue without a column (NULL) beside one on a cell of the same row: H2 sorts NULL first, PostgreSQL last. */
    @Test
    void issuesWithoutAColumnSortTheSameOnEveryDatabase() throws Exception {
        for (String run : List.of("h2", "pg")) {
            List<CSVRecord> issues = records(latest(run).resolve("csv/issues.csv"));
            assertThat(codesAt(issues, "河南轻工职业学院/附件5 典型案例.xlsx", "7")).as(run)
                    .containsExactly("OVER_QUOTA", "UNIT_TYPE_MISMATCH");
            assertThat(codesAt(issues, "周口市/附件1（第二版）.xlsx", "7")).as(run)
                    .containsExactly("DUPLICATE_ROW", "INVALID_DATE");
            // both tables of the workbook are read, and both came late
            assertThat(codesAt(issues, "周口市/附件1（第二版）.xlsx", "")).as(run)
                    .containsExactly("LATE_SUBMISSION", "LATE_SUBMISSION");
        }
    }

    /** pairings.csv and cases.csv list files in manifest order (as submissions.csv), not by a collated path. */
    @Test
    void pairingsDoNotFollowTheDatabaseCollation() throws Exception {
        List<String> manifest = records(latest("pg").resolve("csv/submissions.csv")).stream().map(r -> r.get("file"))
                .toList();
        for (String feed : List.of("pairings.csv", "cases.csv")) {
            List<String> files = new ArrayList<>(new LinkedHashSet<>(records(latest("pg").resolve("csv").resolve(feed))
                    .stream().map(r -> r.get("source_file")).toList()));
            assertThat(files).as(feed).isSortedAccordingTo((a, b) -> Integer.compare(manifest.indexOf(a),
                    manifest.indexOf(b)));
        }
        List<String> pairingFiles = records(latest("pg").resolve("csv/pairings.csv")).stream()
                .map(r -> r.get("source_file")).filter(f -> !f.startsWith("批量/")).distinct().toList();
        assertThat(pairingFiles).containsExactly("南阳市教育局/附件1（修改）.xlsx", "周口市/附件1（第二版）.xlsx",
                "开封市/附件1.csv", "洛阳市教育局附件1.xls", "濮阳市教育局/附件1.xlsx", "许昌市教育局/附件1（分县区）.xlsx",
                "郑州市教育局/附件1.xlsx", "鹤壁市教育局/附件1.xlsx");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of one sheet in the output of {@link #cells}. */
    static String sheet(String cells, String name) {
        return cells.lines().filter(l -> l.startsWith(name + "!")).collect(Collectors.joining("\n"));
    }

    static List<String> codesAt(List<CSVRecord> issues, String file, String row) {
        return issues.stream().filter(i -> i.get("file").equals(file) && i.get("row").equals(row))
                .map(i -> i.get("code")).toList();
    }

    static Path latest(String run) {
        return work.resolve(run).resolve("latest");
    }

    static Connection pg() throws SQLException {
        return DriverManager.getConnection(pgUrl, "postgres", "");
    }

    /** When the published run started: the letters and the roster speak of it (截至…), so it differs by run. */
    static Instant startedAt(String run) throws Exception {
        String runId = latest(run).toRealPath().getFileName().toString();
        try (Connection c = run.equals("h2") ? DriverManager.getConnection(H2_URL, "sa", "") : pg();
                var s = c.prepareStatement("SELECT started_at FROM hz_run WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(runId).isTrue();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    static List<String> letters(Path latest) throws IOException {
        try (Stream<Path> list = Files.list(latest.resolve("反馈"))) {
            return list.filter(p -> p.getFileName().toString().endsWith(".xlsx")).map(p -> p.getFileName().toString())
                    .sorted().toList();
        }
    }

    /**
     * Every non-blank cell as sheet!A1=value, one a line, with the run's own time (截至…, the letter's date and
     * the correction date counted from it) replaced by placeholders.
     */
    static String cells(Path file, Instant startedAt) {
        ZonedDateTime at = startedAt.atZone(ZONE);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("yyyy年M月d日");
        StringBuilder sb = new StringBuilder();
        try (Workbook wb = WorkbookFactory.create(file.toFile(), null, true)) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        String v = switch (cell.getCellType()) {
                            case STRING -> cell.getStringCellValue();
                            case NUMERIC -> String.valueOf(cell.getNumericCellValue());
                            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
                            case FORMULA -> "=" + cell.getCellFormula();
                            default -> "";
                        };
                        if (!v.isEmpty()) {
                            sb.append(sheet.getSheetName()).append('!').append(cell.getAddress()).append('=').append(v)
                                    .append('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString()
                .replace(DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").format(at), "{run time}")
                .replace(DateTimeFormatter.ofPattern("M月d日 HH:mm").format(at), "{run time}")
                .replace(date.format(at.plusDays(CORRECTION_DAYS)), "{correction date}")
                .replace(date.format(at), "{run date}");
    }
}
