package cn.huizong.web.stats;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answers of the stats API (and the data behind 统计看板's charts). */
final class StatsJson {

    private StatsJson() {
    }

    @Schema(description = "当前汇总结果：数据来自哪次运行、截至何时")
    record RunInfo(
            @Schema(description = "其数据行构成当前结果的运行编号（hz_current_run.run_id）") String runId,
            @Schema(description = "数据截至时间：该运行开始读取收件箱的时间，ISO-8601 带时区") String asOf,
            @Schema(description = "使其成为当前结果的运行的结束时间") String finishedAt,
            @Schema(description = "使其成为当前结果的运行（未变化的运行指向它所等同的较早运行）") String latestRunId) {
    }

    @Schema(description = "所用筛选条件（空为全部）")
    record Filters(String city, String type, String template) {

        static Filters of(StatsFilter f) {
            return new Filters(f.city(), f.type(), f.template());
        }
    }

    @Schema(description = "一张表格的报送情况。sent = onTime + late；missing 含 returned；"
            + "expected 为须报送该表的单位数（活动配置 requiredFrom）")
    record Counts(
            @Schema(description = "表格编号，如 pairing、cases") String template,
            @Schema(description = "表格简称，如 附件1") String label,
            @Schema(description = "截止日期 yyyy-MM-dd") String deadline,
            @Schema(description = "应报") int expected,
            @Schema(description = "已报（按时 + 逾期）") int sent,
            @Schema(description = "按时报送") int onTime,
            @Schema(description = "逾期报送") int late,
            @Schema(description = "未报（含退回待复报）") int missing,
            @Schema(description = "退回待复报：尚无采用的文件，但报送过被退回的文件") int returned) {
    }

    record TemplateSummary(String template, String label, String title, String deadline, int expected, int sent,
            int onTime, int late, int missing, int returned,
            @Schema(description = "采用的数据行数（该表 hz_current_* 视图中 status = accepted 的行）") long rowsAccepted) {
    }

    record Summary(RunInfo run, Filters filters,
            @Schema(description = "符合筛选条件的名录单位数") int units,
            @Schema(description = "有错误（severity = error）问题的单位数") int unitsWithErrors,
            List<TemplateSummary> templates) {
    }

    @Schema(description = "一个地市或一种单位类型")
    record Group(
            @Schema(description = "地市名称，或单位类型编号") String key,
            @Schema(description = "显示名称") String label,
            @Schema(description = "名录单位数") int units,
            List<Counts> templates) {
    }

    record Breakdown(RunInfo run, Filters filters, List<Group> groups) {
    }

    @Schema(description = "一天：当天收到的该表文件数，当天首次有效报送的单位数，以及截至当天的累计单位数")
    record Day(String date, int files, int units, int cumulative) {
    }

    record TemplateTimeline(String template, String label, String deadline, int expected, List<Day> days) {
    }

    record Timeline(RunInfo run, Filters filters, List<TemplateTimeline> templates) {
    }

    record QuotaLine(String unit, String unitType, String typeLabel, String city,
            @Schema(description = "限额；空为不限") Integer quota,
            @Schema(description = "有效案例数") int validCases,
            @Schema(description = "采用") int accepted,
            @Schema(description = "超出限额") int overQuota) {
    }

    record QuotaUse(RunInfo run, Filters filters, int validCases, int accepted, int overQuota,
            List<QuotaLine> units) {
    }

    record CodeCount(String code,
            @Schema(description = "error、warning 或 info") String severity,
            @Schema(description = "错误、提醒 或 说明") String severityLabel,
            long count, int files, int units) {
    }

    record UnitIssues(@Schema(description = "单位；空为未能识别单位的文件") String unit, String city, String unitType,
            long errors, long warnings, long infos) {
    }

    record Issues(RunInfo run, Filters filters, long total, List<CodeCount> byCode, List<UnitIssues> byUnit) {
    }
}
