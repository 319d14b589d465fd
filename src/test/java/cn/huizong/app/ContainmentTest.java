package cn.huizong.app;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import cn.huizong.fixtures.Feeds;
import cn.huizong.fixtures.HostileFiles;
import cn.huizong.fixtures.HostileInbox;
import cn.huizong.fixtures.Workbooks;

/**
 * What one submission can do to a run: nothing. A value of any length is stored (cut at one Excel cell with a
 * marker), a database that refuses one file's data rejects that file alone, and a failure the run cannot
 * contain is told in one Chinese line naming the step and the file, the stack trace kept in the log file.
 */
class ContainmentTest {

    @TempDir
    Path work;

    static final List<List<Object>> ONE_PAIRING = List.of(r("洛阳市教育局", "洛阳轴承产业园", "韩梅 0379-63210001",
            "曹阳 13937900002", "数控人才", "结对帮扶", "已对接", "2026-06-30"));

    Cli consolidate(String db) {
        return Cli.run("consolidate", "--input", work.resolve("inbox").toString(), "--output",
                work.resolve("output").toString(), "--data", work.resolve("data").toString(), "--db", db);
    }

    String memDb() {
        return "jdbc:h2:mem:contain-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    }

    List<CSVRecord> feed(String name) throws Exception {
        return Feeds.records(work.resolve("output/latest/csv").resolve(name));
    }

    String status(String file) throws Exception {
        return feed("submissions.csv").stream().filter(s -> s.get("file").equals(file)).map(s -> s.get("status"))
                .findFirst().orElse("(no row)");
    }

    static String caseName(int length) {
        return HostileInbox.longText("校企协同育人典型案例：", length);
    }

    static Workbooks.SheetSpec cases(String unit, String name) {
        return Workbooks.casesSheet(unit, List.of(r(1, name, "校企共建联合实验室，服务企业技术攻关。", unit, "“双一流”建设高校",
                "王芳", "0371-65550001")));
    }

    @Test
    void aLongCaseNameDoesNotStopTheRun() throws Exception {
        // the review's finding: a write-up pasted into 案例名称 (2,600 characters), sent by two units
        String name = caseName(2_600);
        Workbooks.xlsx(work.resolve("inbox/郑州大学/附件5.xlsx"), cases("郑州大学", name));
        Workbooks.xlsx(work.resolve("inbox/河南大学/附件5.xlsx"), cases("河南大学", name));
        // and one past Excel's cell limit, as a CSV can carry it
        String huge = caseName(HostileInbox.LONG);
        Workbooks.csv(work.resolve("inbox/河南科技大学/附件5.csv"), StandardCharsets.UTF_8, true,
                cases("河南科技大学", huge).rowsForCsv());
        assertThat(Cli.run("validate", work.resolve("inbox/郑州大学/附件5.xlsx").toString()).code()).isZero();

        Cli run = consolidate(memDb());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("汇总完成");
        assertThat(status("郑州大学/附件5.xlsx")).isEqualTo("accepted");
        assertThat(status("河南大学/附件5.xlsx")).isEqualTo("accepted");
        assertThat(status("河南科技大学/附件5.csv")).isEqualTo("accepted");
        List<CSVRecord> cases = feed("cases.csv");
        assertThat(cases).filteredOn(c -> c.get("unit").equals("郑州大学")).singleElement()
                .satisfies(c -> assertThat(c.get("case_name")).isEqualTo(name));
        assertThat(cases).filteredOn(c -> c.get("unit").equals("河南科技大学")).singleElement()
                .satisfies(c -> assertThat(c.get("case_name")).hasSize(32_767).endsWith("……（已截断）")
                        .startsWith(huge.substring(0, 1_000)));
        // the two units are told about each other, quoting the name shortened
        List<CSVRecord> duplicates = feed("issues.csv").stream().filter(i -> i.get("code").equals("DUPLICATE_CASE"))
                .toList();
        assertThat(duplicates).hasSize(2).allSatisfy(i -> assertThat(i.get("message"))
                .contains(name.substring(0, 50) + "…").hasSizeLessThan(200));
    }

    @Test
    void aLongSheetNameDoesNotStopTheRun() throws Exception {
        String sheet = HostileInbox.longText("附件1", 310);
        List<List<Object>> rows = new ArrayList<>(ONE_PAIRING);
        rows.add(r("洛阳市教育局", "洛阳石化园区", "李雷 0379-63210002", "王伟 13937900003", "设备", "共建", "推进中", "下个月"));
        byte[] xlsx = HostileFiles.withSheetName(Workbooks.xlsxBytes(Workbooks.pairingSheet("洛阳市教育局", rows)), sheet);
        Files.createDirectories(work.resolve("inbox/洛阳市教育局"));
        Files.write(work.resolve("inbox/洛阳市教育局/附件1.xlsx"), xlsx);

        Cli run = consolidate(memDb());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(status("洛阳市教育局/附件1.xlsx")).isEqualTo("accepted");
        assertThat(feed("pairings.csv")).hasSize(2).allSatisfy(p -> assertThat(p.get("source_sheet")).isEqualTo(sheet));
        // the unreadable deadline is reported on that sheet, and the unit gets its marked copy
        assertThat(feed("issues.csv")).filteredOn(i -> i.get("code").equals("INVALID_DATE")).singleElement()
                .satisfies(i -> assertThat(i.get("sheet")).isEqualTo(sheet));
        assertThat(work.resolve("output/latest/反馈/洛阳市教育局.xlsx")).isRegularFile();
    }

    @Test
    void aDatabaseErrorInOneFileRejectsOnlyThatFile() throws Exception {
        String db = memDb();
        // 1,500 rows: the first 1,000 are written before the refused one, and must go with it
        List<List<Object>> many = new ArrayList<>();
        for (int i = 1; i <= 1_500; i++) {
            many.add(r("洛阳市教育局", (i == 1_200 ? "拒收样本" : "洛阳企业") + i, "韩梅 0379-63210001", "曹阳 13937900002",
                    "人才", "帮扶", "推进", "长期"));
        }
        Workbooks.xlsx(work.resolve("inbox/洛阳市教育局/附件1-洛阳.xlsx"), Workbooks.pairingSheet("洛阳市教育局", many));
        Workbooks.xlsx(work.resolve("inbox/平顶山市教育局/附件1.xlsx"), Workbooks.pairingSheet("平顶山市教育局",
                List.of(r("平顶山市教育局", "平顶山尼龙城", "周杰 0375-2120001", "吴迪 13937500002", "化工人才", "订单培养",
                        "已签约", "2026-06-30"))));
        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("schema-huizong.sql"));
            // a real refusal from the database, as a stricter schema or a value past a limit would give
            c.createStatement().execute("ALTER TABLE hz_row ADD CONSTRAINT test_refuses CHECK (vals NOT LIKE '%拒收样本%')");

            Cli run = consolidate(db);

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("汇总完成");
            assertThat(status("洛阳市教育局/附件1-洛阳.xlsx")).isEqualTo("rejected");
            assertThat(status("平顶山市教育局/附件1.xlsx")).isEqualTo("accepted");
            assertThat(feed("issues.csv")).filteredOn(i -> i.get("file").equals("洛阳市教育局/附件1-洛阳.xlsx"))
                    .singleElement().satisfies(i -> {
                        assertThat(i.get("code")).isEqualTo("STAGING_FAILED");
                        assertThat(i.get("severity")).isEqualTo("error");
                        assertThat(i.get("unit")).isEqualTo("洛阳市教育局");
                        assertThat(i.get("message")).contains("附件1-洛阳.xlsx").contains("数据库").contains("请");
                    });
            assertThat(feed("pairings.csv")).extracting(p -> p.get("unit")).containsExactly("平顶山市教育局");
            assertThat(count(c, "SELECT COUNT(*) FROM hz_row r JOIN hz_file f ON f.content_key = r.content_key "
                    + "WHERE f.path LIKE '%洛阳%'")).as("rows of the refused file left staged").isZero();

            // nothing was cached: once the database takes the data, the next run reads the file again
            c.createStatement().execute("ALTER TABLE hz_row DROP CONSTRAINT test_refuses");
            Files.write(work.resolve("inbox/洛阳市教育局/说明.docx"), new byte[] {1, 2, 3});
            Cli again = consolidate(db);
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(status("洛阳市教育局/附件1-洛阳.xlsx")).isEqualTo("accepted");
            assertThat(feed("pairings.csv")).hasSize(1_501);
        }
    }

    @Test
    void anExistingDatabaseIsWidenedOnStart() throws Exception {
        String db = memDb();
        HostileFiles.xlsxWithLongCells(work.resolve("inbox/郑州大学/附件5.xlsx"),
                cases("郑州大学", caseName(HostileInbox.LONG)));
        Files.createDirectories(work.resolve("inbox/洛阳市教育局"));
        Files.write(work.resolve("inbox/洛阳市教育局/附件1.xlsx"), HostileFiles.withSheetName(
                Workbooks.xlsxBytes(Workbooks.pairingSheet("洛阳市教育局", ONE_PAIRING)), HostileInbox.longText("表", 400)));
        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("schema-huizong-before-issue-8.sql"));
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            assertThat(SchemaMigration.bounded(jdbc)).hasSize(13);

            Cli run = consolidate(db);

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(SchemaMigration.bounded(jdbc)).isEmpty();
            assertThat(status("郑州大学/附件5.xlsx")).isEqualTo("accepted");
            assertThat(status("洛阳市教育局/附件1.xlsx")).isEqualTo("accepted");
            // idempotent: nothing left to alter, and the next start does not try
            assertThat(SchemaMigration.widen(jdbc)).isEmpty();
            assertThat(consolidate(db).code()).isZero();
        }
    }

    @Test
    void failedRunNamesStepAndFileInOneChineseLine() throws Exception {
        Path data = work.resolve("data");
        String db = "jdbc:h2:file:" + work.resolve("db/huizong");
        Workbooks.xlsx(work.resolve("inbox/洛阳市教育局/附件1-洛阳.xlsx"), Workbooks.pairingSheet("洛阳市教育局", ONE_PAIRING));
        // a failure no file can be blamed for: the staging table lacks a column the code writes
        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("schema-huizong.sql"));
            c.createStatement().execute("ALTER TABLE hz_row ALTER COLUMN group_key RENAME TO group_key_moved");
        }

        // as shipped: application.properties decides the logging, not the tests' logback-test.xml
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath, "cn.huizong.HuizongApplication", "consolidate", "--input",
                work.resolve("inbox").toString(), "--output", work.resolve("output").toString(), "--data",
                data.toString(), "--db", db).redirectErrorStream(true).start();
        String console = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(console).isEqualTo(1);

        assertThat(console).doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("GROUP_KEY");
        String last = console.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).as(console).startsWith("汇总运行 ").contains("未完成").contains("“读取检查”步骤")
                .contains("洛阳市教育局/附件1-洛阳.xlsx").contains("数据库操作失败")
                .contains(data.resolve("logs/huizong.log").toString()).contains("再次运行 consolidate 会从中断处继续");
        String log = Files.readString(data.resolve("logs/huizong.log"));
        assertThat(log).contains("\tat ").contains("GROUP_KEY").contains("洛阳市教育局/附件1-洛阳.xlsx");

        // the schema put right, the next run resumes the failed one and completes it
        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            c.createStatement().execute("ALTER TABLE hz_row ALTER COLUMN group_key_moved RENAME TO group_key");
        }
        Cli again = consolidate(db);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(status("洛阳市教育局/附件1-洛阳.xlsx")).isEqualTo("accepted");
    }

    static int count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
