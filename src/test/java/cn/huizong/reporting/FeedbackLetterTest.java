package cn.huizong.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.huizong.campaign.CampaignLoader;

class FeedbackLetterTest {

    final FeedbackLetter letter;

    FeedbackLetterTest() throws Exception {
        letter = new FeedbackLetter(CampaignLoader.loadBundled());
    }

    static FeedbackLetter.Facts facts(String asOf, Map<String, Map<String, Integer>> issues) {
        Instant t = OffsetDateTime.parse(asOf).toInstant();
        ReportData.FileRow file = new ReportData.FileRow(1, "郑州大学/附件5.xlsx", "郑州大学/附件5.xlsx", null, null,
                "SPREADSHEET", "cases", "accepted", "郑州大学", t.minusSeconds(3600), false, 100, "x", 7);
        return new FeedbackLetter.Facts("郑州大学", "dfc", t, List.of(file),
                Map.of("cases", new ReportData.RowCounts(Map.of("accepted", 5, "rejected", 1, "over_quota", 1))), 5,
                issues, List.of(), List.of(new MarkedCopies.Outcome(1, "郑州大学/附件5.xlsx", null, 3)),
                Map.of(1, "郑州大学/附件5.xlsx"));
    }

    @Test
    void beforeTheDeadlineTheDeadlineIsTheDate() {
        List<String> p = letter.paragraphs(facts("2025-12-05T10:00:00+08:00",
                Map.of("cases", Map.of("error", 1, "warning", 2))));
        assertThat(p.get(0)).isEqualTo("郑州大学：");
        assertThat(p.get(1)).isEqualTo("截至2025年12月5日 10:00，省教育厅共收到你单位报送的文件 1 个："
                + "郑州大学/附件5.xlsx（12月5日 09:00 收到，采用）。");
        assertThat(p.get(2)).isEqualTo("采用情况：附件5 典型案例采用 5 项，因错误未采用 1 项，超出限额未纳入 1 项"
                + "（你单位属于“双一流”建设和创建高校，限报 5 项）。");
        assertThat(p.get(3)).startsWith("需要修改：共发现错误 1 处、提醒 2 处").contains("于2025年12月9日前将修改后的完整表格重新报送");
        assertThat(p.get(4)).contains("见“反馈/郑州大学/”文件夹：附件5.xlsx");
    }

    @Test
    void afterTheDeadlineAFewDaysFromTheRun() {
        List<String> p = letter.paragraphs(facts("2025-12-10T10:00:00+08:00", Map.of("cases", Map.of("error", 1))));
        assertThat(p.get(3)).contains("于2025年12月13日（原定截止时间2025年12月9日已过）前");
    }

    @Test
    void differentTemplatesDifferentDates() {
        String by = letter.deadlines(facts("2025-12-10T10:00:00+08:00",
                new java.util.TreeMap<>(Map.of("cases", Map.of("error", 1), "pairing", Map.of("error", 2)))));
        assertThat(by).isEqualTo("附件5 典型案例于2025年12月13日（原定截止时间2025年12月9日已过）前、附件1 结对包联于2025年12月20日前，");
    }

    @Test
    void warningsOnlyAskForACheck() {
        List<String> p = letter.paragraphs(facts("2025-12-05T10:00:00+08:00", Map.of("cases", Map.of("warning", 1))));
        assertThat(p.get(3)).startsWith("请核实：发现提醒 1 处");
    }
}
