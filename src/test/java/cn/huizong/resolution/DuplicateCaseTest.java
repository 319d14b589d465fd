package cn.huizong.resolution;

import static cn.huizong.fixtures.Feeds.records;
import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.Workbooks;
import cn.huizong.app.Cli;

/** The same case name (after normalising) from two units: both rows kept, each unit told who else sent it. */
class DuplicateCaseTest {

    @TempDir
    Path work;

    @Test
    void sameCaseNameFromTwoUnitsWarnsBothAndKeepsBoth() throws Exception {
        Path inbox = work.resolve("inbox");
        Workbooks.xlsx(inbox.resolve("郑州大学/附件5.xlsx"), Workbooks.casesSheet("郑州大学", List.of(
                r(1, "校企共建 智能制造（产业学院）", "简介一", "郑州大学", "双一流建设高校", "陈刚", "13838000001"),
                r(2, "独有案例", "简介二", "郑州大学", "双一流建设高校", "陈刚", "13838000001"))));
        Workbooks.xlsx(inbox.resolve("河南大学/附件5.xlsx"), Workbooks.casesSheet("河南大学", List.of(
                r(1, "校企共建智能制造(产业学院)", "简介三", "河南大学", "双一流建设高校", "赵敏", "13938000002"))));
        Workbooks.xlsx(inbox.resolve("许昌学院/附件5.xlsx"), Workbooks.casesSheet("许昌学院", List.of(
                r(1, "另一个案例", "简介四", "许昌学院", "本科", "任静", "13598900001"))));
        for (Path f : List.of(inbox.resolve("郑州大学/附件5.xlsx"), inbox.resolve("河南大学/附件5.xlsx"),
                inbox.resolve("许昌学院/附件5.xlsx"))) {
            Workbooks.receivedAt(f, "2025-12-08T10:00:00");
        }
        Path output = work.resolve("out");
        Cli run = Cli.run("consolidate", "--input", inbox.toString(), "--output", output.toString(), "--data",
                work.resolve("data").toString(), "--db", "jdbc:h2:mem:dupcase-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        assertThat(run.code()).as(run.err()).isZero();

        List<String> duplicates = records(output.resolve("latest/csv/issues.csv")).stream()
                .filter(i -> i.get("code").equals("DUPLICATE_CASE"))
                .map(i -> String.join("|", i.get("unit"), i.get("file"), i.get("row"), i.get("column"),
                        i.get("severity"), i.get("message")))
                .toList();
        assertThat(duplicates).containsExactlyInAnyOrder(
                "郑州大学|郑州大学/附件5.xlsx|5|B|warning|案例名称“校企共建 智能制造（产业学院）”与河南大学报送的案例相同，两条均已保留。请核实是否重复申报。",
                "河南大学|河南大学/附件5.xlsx|5|B|warning|案例名称“校企共建智能制造(产业学院)”与郑州大学报送的案例相同，两条均已保留。请核实是否重复申报。");
        assertThat(records(output.resolve("latest/csv/cases.csv")).stream()
                .map(c -> c.get("unit") + ":" + c.get("case_name") + ":" + c.get("status")).toList())
                .containsExactlyInAnyOrder("郑州大学:校企共建 智能制造（产业学院）:accepted", "郑州大学:独有案例:accepted",
                        "河南大学:校企共建智能制造(产业学院):accepted", "许昌学院:另一个案例:accepted");
    }
}
