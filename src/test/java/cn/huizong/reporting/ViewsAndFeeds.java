package cn.huizong.reporting;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.EndToEndInbox;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.fixtures.Writeups;

/**
 * The BI views against the CSV feeds of output/latest, through a campaign's life: a first run, a changed inbox,
 * the inbox taken back (an older run published again), retention pruning runs, a database of an older version.
 * Shared by the H2 and the PostgreSQL test.
 */
final class ViewsAndFeeds {

    /** view -> feed of the shipped campaign */
    static final Map<String, String> FEEDS = new LinkedHashMap<>();

    static {
        FEEDS.put("hz_current_submissions", "submissions.csv");
        FEEDS.put("hz_current_pairings", "pairings.csv");
        FEEDS.put("hz_current_cases", "cases.csv");
        FEEDS.put("hz_current_quota", "quota.csv");
        FEEDS.put("hz_current_issues", "issues.csv");
        FEEDS.put("hz_current_completeness", "completeness.csv");
    }

    private final Path work;
    private final String db;
    private final Map<String, Object> properties;
    final Path inbox;
    final Path output;
    private final Path extra;

    ViewsAndFeeds(Path work, String db, Map<String, Object> properties) {
        this.work = work;
        this.db = db;
        this.properties = properties;
        this.inbox = work.resolve("inbox");
        this.output = work.resolve("out");
        this.extra = inbox.resolve("许昌市/附件1 补充.xlsx");
    }

    /** The rich inbox, plus a table whose text needs the feeds' Java: a key, deadline words, a formula-like cell. */
    void writeInbox() throws Exception {
        EndToEndInbox.writeRich(inbox);
        Path f = inbox.resolve("开封市/附件1 园区.xlsx");
        Workbooks.xlsx(f, Workbooks.pairingSheet("开封市教育局", List.of(
                r("开封市教育局", "开封（汴西）产业园　有限公司", "张三 138 0000 1111", "李四 13900002222", "=用工需求", "-推进校企合作",
                        "+进行中", "2026年上半年"),
                r("兰考县教育局", "【兰考】木业  园区", "王五 13800003333", "赵六 13900004444", "@技术", "共建", "推进中", "长期"))));
        // a time with a fraction of a second (as file times have): submissions.csv writes .25, not .250000
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2025-12-12T02:15:30.250Z")));
        // documents: a write-up of one of 郑州轻工业大学's cases, and 郑州市教育局's plan after its deadline (12-31)
        Workbooks.receivedAt(Writeups.outline(inbox.resolve("郑州轻工业大学/典型案例材料.docx"), "附件4", "食品产业研究院服务企业",
                List.of("实施背景", "主要做法", "取得成效", "经验总结")), "2025-12-06T11:00:00");
        Workbooks.receivedAt(Writeups.outline(inbox.resolve("郑州市教育局/一地一策实施方案.docx"), "附件2",
                "郑州市“一地一策”实施方案", List.of("总体目标", "组织领导机制", "重点任务", "推进举措", "制度保障")),
                "2026-01-02T09:00:00");
    }

    /** The completeness view's document columns (campaigns with write-up rules), for a few units. */
    void assertDocumentColumns() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT unit, writeups_received, writeups_linked, writeups_expected, plan FROM hz_current_completeness "
                        + "WHERE unit IN ('郑州轻工业大学', '郑州市教育局', '开封市教育局')")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getInt(4) + "|"
                        + rs.getString(5));
            }
        }
        assertThat(rows).containsExactlyInAnyOrder("郑州轻工业大学|1|1|2|missing", "郑州市教育局|0|0|0|late",
                "开封市教育局|0|0|0|missing");
    }

    void addExtra(String enterprise) throws Exception {
        Workbooks.xlsx(extra, Workbooks.pairingSheet("许昌市教育局", List.of(
                r("许昌市教育局", enterprise, "孙七 13800005555", "周八 13900006666", "人才", "共建", "推进中", "2026.6"))));
        Files.setLastModifiedTime(extra, FileTime.from(Instant.parse("2025-12-13T01:00:00.123456Z")));
    }

    void removeExtra() throws IOException {
        Files.delete(extra);
    }

    /** Consolidates; returns the run latest points to afterwards. */
    String consolidate(int keepRuns) throws IOException {
        Map<String, Object> props = new LinkedHashMap<>(properties);
        props.put("huizong.retention.keep-runs", keepRuns);
        Cli r = Cli.run(props, "consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data",
                work.resolve("data").toString(), "--db", db);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return latest();
    }

    /** Starts the application without running anything (what any command does first). */
    void startUp() {
        Cli r = Cli.run(properties, "runs", "--data", work.resolve("data").toString(), "--db", db);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    String latest() throws IOException {
        return Files.readSymbolicLink(output.resolve("latest")).getFileName().toString();
    }

    Connection connect() throws SQLException {
        String user = (String) properties.getOrDefault("spring.datasource.username", "sa");
        String password = (String) properties.getOrDefault("spring.datasource.password", "");
        return DriverManager.getConnection(db, user, password);
    }

    /** Every view holds exactly the rows of its feed in output/latest, with the feed's columns plus run_id. */
    void assertViewsEqualFeeds(String expectedRun) throws Exception {
        assertThat(latest()).isEqualTo(expectedRun);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> e : FEEDS.entrySet()) {
                Path feed = output.resolve("latest/csv").resolve(e.getValue());
                List<String> header;
                List<List<String>> expected = new ArrayList<>();
                try (Reader in = Files.newBufferedReader(feed, StandardCharsets.UTF_8);
                        CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    header = p.getHeaderNames();
                    for (CSVRecord rec : p) {
                        expected.add(rec.toList());
                    }
                }
                List<List<String>> actual = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + e.getKey())) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
                    }
                    List<String> withRun = new ArrayList<>(List.of("run_id"));
                    withRun.addAll(header);
                    assertThat(columns).as(e.getKey()).isEqualTo(withRun);
                    while (rs.next()) {
                        assertThat(rs.getString(1)).as(e.getKey() + " run_id").isEqualTo(expectedRun);
                        List<String> row = new ArrayList<>();
                        for (int i = 2; i <= md.getColumnCount(); i++) {
                            row.add(asCsv(rs.getObject(i)));
                        }
                        actual.add(row);
                    }
                }
                assertThat(actual).as(e.getKey() + " vs " + e.getValue()).containsExactlyInAnyOrderElementsOf(expected);
                if (!e.getValue().equals("quota.csv")) {
                    assertThat(actual).as(e.getKey()).isNotEmpty();
                }
            }
        }
    }

    /** A view's value as the CSV writes it: NULL empty, text with the CSV's guard against formulas. */
    static String asCsv(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return SafeCsv.inert(s);
        }
        return v.toString();
    }

    /** The whole story; each step's views must match its feeds. */
    void lifeOfACampaign() throws Exception {
        writeInbox();
        String first = consolidate(0);
        assertViewsEqualFeeds(first);
        assertDocumentColumns();

        addExtra("许昌（东城）智能制造园");
        String second = consolidate(0);
        assertThat(second).isNotEqualTo(first);
        assertViewsEqualFeeds(second);

        // the extra file taken out again: the first run is published as latest again (an unchanged run)
        removeExtra();
        assertThat(consolidate(0)).isEqualTo(first);
        assertViewsEqualFeeds(first);
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT latest_status FROM hz_current_run")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("UNCHANGED");
        }

        // retention keeps one run: every earlier run is pruned, the views show the new one
        addExtra("许昌（西城）物流园");
        String third = consolidate(1);
        assertViewsEqualFeeds(third);
        assertThat(count("SELECT COUNT(*) FROM hz_run WHERE status = 'PRUNED'")).isGreaterThanOrEqualTo(2);
        // back to the first run's inbox, whose details are gone: consolidated anew
        removeExtra();
        String fourth = consolidate(1);
        assertThat(fourth).isNotIn(first, second, third);
        assertViewsEqualFeeds(fourth);

        // a database an older version made: no views, no derived values
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String view : List.of("hz_current_completeness_status", "hz_current_completeness", "hz_current_issues",
                    "hz_current_quota", "hz_current_cases", "hz_current_pairings", "hz_current_submissions",
                    "hz_current_run")) {
                s.execute("DROP VIEW " + view);
            }
            s.execute("DROP TABLE hz_view");
            s.execute("DROP TABLE hz_row_derived");
        }
        startUp();
        assertViewsEqualFeeds(fourth);
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
