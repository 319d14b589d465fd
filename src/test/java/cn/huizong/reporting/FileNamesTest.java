package cn.huizong.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void replacesWhatFileSystemsRefuseAndKeepsChinese() {
        assertThat(FileNames.safe("附件1:\"结对\"*?<>|/\\.xlsx")).isEqualTo("附件1__结对________.xlsx");
        assertThat(FileNames.safe("郑州大学\u0000\u001F\u007F表.xlsx")).isEqualTo("郑州大学___表.xlsx");
        assertThat(FileNames.safe("河南大学（公章）")).isEqualTo("河南大学（公章）");
    }

    @Test
    void neverEmptyNeverADotFolderNeverAReservedWindowsName() {
        assertThat(FileNames.safe("")).isEqualTo("_");
        assertThat(FileNames.safe(null)).isEqualTo("_");
        assertThat(FileNames.safe("..")).isEqualTo("_");
        assertThat(FileNames.safe("报表. . ")).isEqualTo("报表");
        assertThat(FileNames.safe("CON.xlsx")).isEqualTo("_CON.xlsx");
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String name = FileNames.safe("案".repeat(200) + ".xlsx");
        assertThat(name).endsWith(".xlsx").hasSize(FileNames.MAX_CODE_POINTS);
        assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(255);
    }

    @Test
    void extensionsAndSegments() {
        assertThat(FileNames.withExtension("郑州铁路职业技术学院-典型案例.csv", "xlsx")).isEqualTo("郑州铁路职业技术学院-典型案例.xlsx");
        assertThat(FileNames.lastSegment("河南大学典型案例.zip!/河南大学/附件5.xlsx")).isEqualTo("附件5.xlsx");
        assertThat(FileNames.lastSegment("a\\b\\c.xls")).isEqualTo("c.xls");
    }
}
