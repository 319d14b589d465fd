package cn.huizong.app;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.Workbooks;

/** {@code validate FILE}: a clerk's check of one file, with no database and no output written. */
class ValidateCommandTest {

    @TempDir
    Path work;

    static Cli validate(String... args) {
        return Cli.run(args);
    }

    @Test
    void cleanFileExitsZeroAndSaysSo() throws Exception {
        Path file = work.resolve("洛阳市教育局/附件1.xlsx");
        Workbooks.xlsx(file, Workbooks.pairingSheet("洛阳市教育局", List.of(r("洛阳市教育局", "洛阳高新区", "郑华 0379-64310001",
                13783110002L, "人才", "举措", "推进中", "长期"))));
        Workbooks.receivedAt(file, "2025-12-10T10:00:00");
        Cli r = validate("validate", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("附件1 各地（校）结对包联情况汇总表").contains("报送单位：洛阳市教育局（市级教育行政部门）")
                .contains("数据行：1 行").contains("未发现问题");
    }

    @Test
    void fileWithErrorsExitsFourAndListsEveryCell() throws Exception {
        Path file = work.resolve("许昌学院-附件5.xlsx");
        Workbooks.xlsx(file, Workbooks.casesSheet("", List.of(
                r(1, "案例一", "简介", "许昌学院", "本科", "任静", "电话待定"),
                r(2, "案例二", "长".repeat(201), "许昌学院", "本科", "任静", "13598900001"),
                r(3, "案例三", "简介", "许昌学院", "高职高专院校", "任静", "13598900001"),
                r(4, "案例四", "简介", "许昌学院", "本科", "任静", "13598900001"),
                r(5, "案例五", "简介", "许昌学院", "本科", "任静", "13598900001"),
                r(6, "案例六", "简介", "许昌学院", "本科", "任静", "13598900001"))));
        Workbooks.receivedAt(file, "2025-12-08T10:00:00");
        Cli r = validate("validate", file.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out()).contains("报送单位：许昌学院（其他本科高校）")
                .contains("附件5!G5").contains("INVALID_PHONE")
                .contains("附件5!C6").contains("SUMMARY_TOO_LONG")
                .contains("附件5!E7").contains("UNIT_TYPE_MISMATCH")
                .contains("附件5!10行").contains("OVER_QUOTA")
                .contains("问题：错误 2 条，提醒 2 条");
        assertThat(work.resolve("data")).doesNotExist();
        assertThat(work.resolve("output")).doesNotExist();
    }

    @Test
    void unreadableFileIsAnErrorAndAMissingFileAUsageError() throws Exception {
        Path file = work.resolve("坏文件.xlsx");
        Files.writeString(file, "not a workbook");
        assertThat(validate("validate", file.toString()).code()).isEqualTo(4);
        assertThat(validate("validate", work.resolve("none.xlsx").toString()).code()).isEqualTo(2);
        assertThat(validate("validate").code()).isEqualTo(2);
    }
}
