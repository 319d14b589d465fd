package cn.huizong.job;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.app.Cli;
import cn.huizong.fixtures.Workbooks;

/**
 * A .doc write-up (the sample inbox's, saved by LibreOffice) sent without its pictures as JPGs: HWPF does not place
 * pictures in paragraphs, so DOC_PICTURE_NOT_SENT is the whole file's, with no row.
 */
class LegacyWriteupInARunTest {

    @TempDir
    Path work;

    @Test
    void picturesOfADocNotSentAsJpgAreOneIssueOfTheWholeFile() throws Exception {
        Path unit = Files.createDirectories(work.resolve("inbox/郑州市教育局"));
        Workbooks.xlsx(unit.resolve("附件5.xlsx"), Workbooks.casesSheet("郑州市教育局", List.of(
                r(1, "“校企双元”助力高新区企业用工", "简介。", "郑州市教育局", "市级教育行政部门", "赵敏", "0371-67180001"))));
        Files.copy(Path.of("input/inbox/郑州市教育局/“校企双元”助力高新区企业用工.doc"), unit.resolve("案例材料.doc"));
        Cli run = Cli.run("consolidate", "--input", work.resolve("inbox").toString(), "--output",
                work.resolve("out").toString(), "--data", work.resolve("data").toString(), "--db",
                "jdbc:h2:mem:legacy-writeup-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        assertThat(run.code()).as(run.err()).isZero();

        assertThat(records(work.resolve("out/latest/csv/issues.csv"))).filteredOn(i -> i.get("code")
                .equals("DOC_PICTURE_NOT_SENT")).singleElement().satisfies(i -> {
                    assertThat(i.get("row")).isEmpty();
                    assertThat(i.get("message")).startsWith("文中2张图片没有单独报送 JPG 文件");
                });
        assertThat(records(work.resolve("out/latest/csv/documents.csv"))).singleElement().satisfies(d -> {
            assertThat(d.get("case_name")).isEqualTo("“校企双元”助力高新区企业用工");
            assertThat(d.get("pictures") + "/" + d.get("pictures_sent")).isEqualTo("2/0");
        });
    }
}
