package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.columns;
import static cn.huizong.fixtures.Feeds.records;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.SampleInbox;

/**
 * The shipped sample inbox's write-ups and plans (fixtures/SampleWriteups) show each document rule: the codes each
 * file produces, as the README's list “What the sample inbox shows” gives them.
 */
class SampleInboxWriteupsTest {

    @TempDir
    static Path work;

    static Path csv;

    @BeforeAll
    static void consolidate() throws Exception {
        Path inbox = work.resolve("input/inbox");
        SampleInbox.write(inbox, work.resolve("input/received.csv"));
        Cli run = Cli.run("consolidate", "--input", inbox.toString(), "--output", work.resolve("out").toString(),
                "--data", work.resolve("data").toString(), "--db",
                "jdbc:h2:mem:sample-writeups-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        assertThat(run.code()).as(run.err()).isZero();
        csv = work.resolve("out/latest/csv");
    }


    @Test
    void documentsFeedListsEveryWriteupAndPlan() throws Exception {
        assertThat(columns(records(csv.resolve("documents.csv")), "file", "unit", "kind", "case_name", "pictures",
                "pictures_sent", "status", "errors", "warnings")).isEqualTo("""
                信阳师范大学/信阳师范大学“一校一品”实施方案.docx|信阳师范大学|school_plan||0|0|has_problems|0|1
                河南大学典型案例.zip!/河南大学/典型案例材料-黄河文化创意产业赋能.docx|河南大学|other||0|0|ok|0|0
                河南工业大学/典型案例材料-粮食储运技术服务企业.docx|河南工业大学|writeup|粮食储运技术服务企业|1|1|ok|0|0
                郑州大学/郑州大学“一校一品”实施方案.pdf|郑州大学|school_plan||0|0|not_checked|0|0
                郑州市教育局/“校企双元”助力高新区企业用工.doc|郑州市教育局|writeup|“校企双元”助力高新区企业用工|2|2|has_problems|0|1
                郑州市教育局/典型案例材料-汽车城产教融合共同体建设纪实.docx|郑州市教育局|writeup||2|2|ok|0|1
                郑州市教育局/郑州市教育助企中原行“一地一策”实施方案.docx|郑州市教育局|city_plan||0|0|ok|0|0
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|郑州铁路职业技术学院|writeup|轨道交通订单班|2|1|has_problems|0|10""");
    }

    @Test
    void eachDocumentRuleAndCodeIsShownOnce() throws Exception {
        List<CSVRecord> issues = records(csv.resolve("issues.csv")).stream()
                .filter(i -> i.get("code").startsWith("DOC_") || i.get("code").contains("WRITEUP")).toList();
        assertThat(columns(issues, "file", "row", "severity", "code")).isEqualTo("""
                信阳师范大学/信阳师范大学“一校一品”实施方案.docx||warning|DOC_MISSING_SECTION
                郑州市教育局/“校企双元”助力高新区企业用工.doc||warning|DOC_NOT_DOCX
                郑州市教育局/典型案例材料-汽车城产教融合共同体建设纪实.docx||warning|WRITEUP_WITHOUT_CASE
                郑州市教育局/附件5-郑州市教育助企典型案例汇总表.xlsx|6|warning|CASE_WITHOUT_WRITEUP
                郑州铁路职业技术学院-典型案例.csv|4|warning|CASE_WITHOUT_WRITEUP
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx||warning|DOC_MARGINS
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx||warning|DOC_MISSING_SECTION
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|1|warning|DOC_FONT_SIZE
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|3|warning|DOC_FONT
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|3|warning|DOC_LINE_SPACING
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|7|warning|DOC_CAPTION_POSITION
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|8|warning|DOC_PICTURE_NOT_SENT
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|10|warning|DOC_PICTURE_CLIPPED
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|11|warning|DOC_ALIGNMENT
                郑州铁路职业技术学院/轨道交通订单班-案例材料.docx|20|warning|DOC_TABLE_TITLE""");
        assertThat(issues).filteredOn(i -> i.get("code").equals("DOC_FONT")).singleElement()
                .satisfies(i -> assertThat(i.get("message")).contains("为仿宋（仿宋与仿宋_GB2312不是同一种字体）"));
        assertThat(issues).filteredOn(i -> i.get("code").equals("DOC_LINE_SPACING")).singleElement()
                .satisfies(i -> assertThat(i.get("message")).contains("为1.5倍行距"));
        assertThat(issues).filteredOn(i -> i.get("code").equals("DOC_MARGINS")).singleElement()
                .satisfies(i -> assertThat(i.get("message")).contains("上3.70、下3.50、左2.80、右2.60厘米"));
        assertThat(issues).filteredOn(i -> i.get("code").equals("DOC_MISSING_SECTION")).extracting(i -> i.get("message"))
                .anySatisfy(m -> assertThat(m).startsWith("未找到“经验总结”部分"))
                .anySatisfy(m -> assertThat(m).startsWith("未找到“建设依据”部分"));
    }
}
