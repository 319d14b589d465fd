package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.records;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.fixtures.EndToEndInbox;

/**
 * The consolidation job over an inbox of realistic submissions ({@link EndToEndInbox#write}): title rows, merged
 * cells, numeric phones, xls, GBK CSV, a GBK-named zip, an encrypted and a truncated file, a replaced and a
 * forwarded copy.
 */
@SpringBatchTest
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:jobtest;DB_CLOSE_DELAY=-1")
class ConsolidationJobTest {

    @TempDir
    static Path work;

    static Path inbox;
    static Path output;

    @Autowired
    JobOperatorTestUtils jobs;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void buildInbox() throws Exception {
        inbox = work.resolve("inbox");
        output = work.resolve("output");
        EndToEndInbox.write(inbox);
    }

    @Test
    void consolidatesEveryFileIntoExactFeeds() throws Exception {
        JobExecution execution = jobs.startJob(new JobParametersBuilder()
                .addString("run.id", "test-run-1")
                .addString("input.dir", inbox.toString())
                .addString("output.dir", output.toString())
                .addString("data.dir", work.resolve("data").toString())
                .addString("registry.file", Path.of("input/registry.csv").toAbsolutePath().toString())
                .addString("campaign.file", Path.of("jobs/jiaoyu-zhuqi-2025.yml").toAbsolutePath().toString())
                .addString("received.file", "")
                .toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, StepExecution> steps = execution.getStepExecutions().stream()
                .collect(Collectors.toMap(StepExecution::getStepName, java.util.function.Function.identity()));
        assertThat(steps.get("intakeInboxStep").getWriteCount()).isEqualTo(14); // 10 files + 2 archives × 2 members
        // the forwarded zip and its members are the same bytes: read once
        assertThat(steps.get("readAndCheckFilesStep").getReadCount()).isEqualTo(11);
        assertThat(steps.get("readAndCheckFilesStep").getSkipCount()).isZero();

        Path csv = output.resolve("latest/csv");
        assertThat(read(csv.resolve("pairings.csv"), "unit", "edu_unit", "enterprise", "enterprise_key",
                "enterprise_contact", "unit_contact", "deadline", "deadline_text", "source_file", "source_sheet",
                "source_row")).isEqualTo("""
                unit,edu_unit,enterprise,enterprise_key,enterprise_contact,unit_contact,deadline,deadline_text,source_file,source_sheet,source_row
                南阳市教育局,南阳市教育局,南阳高新技术产业开发区,南阳高新技术产业开发区,叶青 13903770001,林峰 13903770002,,长期,南阳市教育局/附件1（修改）.xlsx,附件1,5
                开封市教育局,开封市教育局,开封汽车零部件产业园,开封汽车零部件产业园,韩梅 0378-23880001,曹阳 13937800002,2026-06-30,2026.6,开封市/附件1.csv,附件1,2
                洛阳市教育局,洛阳市教育局,洛阳国家高新技术产业开发区,洛阳国家高新技术产业开发区,郑华 0379-64310001,13783110002,2026-03-31,2026-03-31,洛阳市教育局附件1.xls,附件1,5
                郑州市教育局,中牟县教育局,河南 中原 智能装备有限公司,河南中原智能装备有限公司,13937100003,孙磊 0371-62110001,2026-06-30,2026-06-30,郑州市教育局/附件1.xlsx,附件1,5
                郑州市教育局,中牟县教育局,中牟汽车产业集聚区,中牟汽车产业集聚区,周强 15603710005,孙磊 0371-62110001,2026-12-31,2026年底,郑州市教育局/附件1.xlsx,附件1,6
                """);
        assertThat(columns(csv.resolve("pairings.csv"), "needs").get(1)).isEqualTo("数控人才\n设备咨询");

        assertThat(read(csv.resolve("cases.csv"), "unit", "unit_type", "seq", "case_name", "status", "source_file",
                "source_row")).isEqualTo("""
                unit,unit_type,seq,case_name,status,source_file,source_row
                郑州大学,dfc,1,案例1,accepted,转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,5
                郑州大学,dfc,3,案例3,accepted,转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,7
                郑州大学,dfc,4,案例4,accepted,转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,8
                郑州大学,dfc,5,案例5,accepted,转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,9
                郑州大学,dfc,6,案例6,accepted,转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,10
                郑州大学,dfc,7,案例7,over_quota,转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,11
                """);
        assertThat(Files.readString(csv.resolve("quota.csv"))).isEqualTo("""
                unit,unit_type,quota,valid_cases,accepted,over_quota
                郑州大学,dfc,5,6,5,1
                """);

        assertThat(read(csv.resolve("submissions.csv"), "file", "unit", "template", "status", "rows_read",
                "rows_accepted", "rows_rejected", "rows_duplicate", "rows_over_quota", "late")).isEqualTo("""
                file,unit,template,status,rows_read,rows_accepted,rows_rejected,rows_duplicate,rows_over_quota,late
                其他/表.xlsx,,cases,rejected,1,0,1,0,0,false
                南阳市教育局/附件1.xlsx,南阳市教育局,pairing,superseded,1,0,0,0,0,false
                南阳市教育局/附件1（修改）.xlsx,南阳市教育局,pairing,accepted,1,1,0,0,0,false
                安阳市教育局/附件1.xlsx,安阳市教育局,,rejected,0,0,0,0,0,false
                开封市/附件1.csv,开封市教育局,pairing,accepted,1,1,0,0,0,true
                洛阳市教育局附件1.xls,洛阳市教育局,pairing,accepted,1,1,0,0,0,false
                许昌学院/附件5.xlsx,许昌学院,,rejected,0,0,0,0,0,false
                转发/郑州大学.zip,郑州大学,archive,accepted,0,0,0,0,0,false
                转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,郑州大学,cases,accepted,7,5,1,0,1,false
                转发/郑州大学.zip!/郑州大学/案例材料.docx,郑州大学,document,document,0,0,0,0,0,false
                郑州大学.zip,郑州大学,archive,duplicate_file,0,0,0,0,0,false
                郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,郑州大学,cases,duplicate_file,7,0,0,7,0,false
                郑州大学.zip!/郑州大学/案例材料.docx,郑州大学,document,duplicate_file,0,0,0,0,0,false
                郑州市教育局/附件1.xlsx,郑州市教育局,pairing,accepted,3,2,1,0,0,false
                """);
        List<CSVRecord> submissions = records(csv.resolve("submissions.csv"));
        assertThat(submissions).allSatisfy(s -> assertThat(s.get("sha256")).matches("[0-9a-f]{64}"));
        assertThat(submissions).allSatisfy(s -> assertThat(s.get("received_at")).matches("2025-12-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00"));

        assertThat(read(csv.resolve("issues.csv"), "file", "sheet", "row", "column", "severity", "code")).isEqualTo("""
                file,sheet,row,column,severity,code
                其他/表.xlsx,,,,error,UNKNOWN_UNIT
                南阳市教育局/附件1.xlsx,,,,info,SUPERSEDED_FILE
                安阳市教育局/附件1.xlsx,,,,error,ENCRYPTED_FILE
                开封市/附件1.csv,,,,warning,LATE_SUBMISSION
                许昌学院/附件5.xlsx,,,,error,UNREADABLE_FILE
                转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,附件5,5,,warning,CASE_WITHOUT_WRITEUP
                转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,附件5,6,C,error,SUMMARY_TOO_LONG
                转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,附件5,7,,warning,CASE_WITHOUT_WRITEUP
                转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,附件5,8,,warning,CASE_WITHOUT_WRITEUP
                转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,附件5,9,,warning,CASE_WITHOUT_WRITEUP
                转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,附件5,10,,warning,CASE_WITHOUT_WRITEUP
                转发/郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,附件5,11,,warning,OVER_QUOTA
                转发/郑州大学.zip!/郑州大学/案例材料.docx,,,,warning,DOC_NOT_DOCX
                转发/郑州大学.zip!/郑州大学/案例材料.docx,,,,warning,WRITEUP_WITHOUT_CASE
                郑州大学.zip,,,,info,DUPLICATE_FILE
                郑州大学.zip!/郑州大学/附件5 典型案例汇总表.xlsx,,,,info,DUPLICATE_FILE
                郑州大学.zip!/郑州大学/案例材料.docx,,,,info,DUPLICATE_FILE
                郑州市教育局/附件1.xlsx,附件1,7,C,error,INVALID_PHONE
                郑州市教育局/附件1.xlsx,附件1,7,H,warning,INVALID_DATE
                """);
        assertThat(columns(csv.resolve("issues.csv"), "message")).allSatisfy(m -> assertThat(m).containsPattern("\\p{IsHan}{4,}"));

        // every data row ends in exactly one status, with lineage
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM hz_record WHERE run_id = 'test-run-1'", Integer.class);
        Integer read = jdbc.queryForObject("SELECT SUM(rows_read) FROM hz_file WHERE run_id = 'test-run-1'", Integer.class);
        assertThat(rows).isEqualTo(read).isEqualTo(22);

        assertThat(read(csv.resolve("completeness.csv"), "unit", "pairing", "cases").lines().limit(8))
                .containsExactly("unit,pairing,cases", "郑州市教育局,submitted,none", "开封市教育局,late,none",
                        "洛阳市教育局,submitted,none", "平顶山市教育局,missing,none", "安阳市教育局,missing,none",
                        "鹤壁市教育局,missing,none", "新乡市教育局,missing,none");
        assertThat(read(csv.resolve("completeness.csv"), "unit", "pairing", "cases")).contains("郑州大学,not_required,submitted");
    }

    /** Selected columns of a CSV output, re-printed as CSV text (records in file order). */
    static String read(Path file, String... columns) throws Exception {
        List<CSVRecord> records = records(file);
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (CSVRecord r : records) {
            sb.append(java.util.Arrays.stream(columns).map(r::get).collect(Collectors.joining(","))).append('\n');
        }
        return sb.toString();
    }

    static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static List<String> columns(Path file, String column) throws Exception {
        return records(file).stream().map(r -> r.get(column)).toList();
    }
}
