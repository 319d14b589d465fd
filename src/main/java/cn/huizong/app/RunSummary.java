package cn.huizong.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.resolution.DocumentCompleteness;

/** The few lines a clerk reads after a run: files, rows, problems, who is missing, where the results are. */
final class RunSummary {

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    RunSummary(JdbcTemplate jdbc, Campaign campaign) {
        this.campaign = campaign;
        this.jdbc = jdbc;
    }

    String text(String runId, Path output) {
        java.io.StringWriter buffer = new java.io.StringWriter();
        java.io.PrintWriter out = new java.io.PrintWriter(buffer);
        Map<String, Object> f = jdbc.queryForMap("SELECT COUNT(*) AS total, "
                + "SUM(CASE WHEN status = 'accepted' AND template <> 'archive' THEN 1 ELSE 0 END) AS accepted, "
                + "SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) AS rejected, "
                + "SUM(CASE WHEN status = 'duplicate_file' THEN 1 ELSE 0 END) AS dup, "
                + "SUM(CASE WHEN status = 'superseded' THEN 1 ELSE 0 END) AS superseded, "
                + "SUM(CASE WHEN status = 'document' THEN 1 ELSE 0 END) AS docs, "
                + "SUM(CASE WHEN template = 'archive' THEN 1 ELSE 0 END) AS archives "
                + "FROM hz_file WHERE run_id = ?", runId);
        Map<String, Object> r = jdbc.queryForMap("SELECT "
                + "SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END) AS accepted, "
                + "SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) AS rejected, "
                + "SUM(CASE WHEN status = 'duplicate' THEN 1 ELSE 0 END) AS dup, "
                + "SUM(CASE WHEN status = 'over_quota' THEN 1 ELSE 0 END) AS over, "
                + "SUM(CASE WHEN status = 'superseded' THEN 1 ELSE 0 END) AS superseded "
                + "FROM hz_record WHERE run_id = ?", runId);
        Map<String, Object> i = jdbc.queryForMap("SELECT "
                + "SUM(CASE WHEN severity = 'error' THEN 1 ELSE 0 END) AS errors, "
                + "SUM(CASE WHEN severity = 'warning' THEN 1 ELSE 0 END) AS warnings, "
                + "SUM(CASE WHEN severity = 'info' THEN 1 ELSE 0 END) AS notes FROM hz_issue WHERE run_id = ?",
                runId);
        out.printf("汇总完成（运行编号 %s）%n", runId);
        out.printf("文件：共 %d 个，采用 %d，退回 %d，重复 %d，被新文件替代 %d，文档 %d，压缩包 %d%n", n(f, "total"),
                n(f, "accepted"), n(f, "rejected"), n(f, "dup"), n(f, "superseded"), n(f, "docs"), n(f, "archives"));
        out.printf("数据行：采用 %d，退回 %d，重复 %d，超出配额 %d，随旧文件作废 %d%n", n(r, "accepted"), n(r, "rejected"),
                n(r, "dup"), n(r, "over"), n(r, "superseded"));
        out.printf("问题：错误 %d 条，提醒 %d 条%s（见 issues.csv）%n", n(i, "errors"), n(i, "warnings"),
                n(i, "notes") > 0 ? "，说明 " + n(i, "notes") + " 条" : "");
        for (TemplateSpec t : campaign.templates()) {
            // a table some units must send names them (a clerk phones them); an optional one is only counted
            List<String> missing = jdbc.queryForList("SELECT c.unit FROM hz_completeness c JOIN hz_completeness_status s "
                    + "ON s.run_id = c.run_id AND s.unit = c.unit WHERE c.run_id = ? AND s.template = ? AND s.status = ? "
                    + "ORDER BY c.position", String.class, runId, t.id(), t.missingStatus());
            boolean named = "missing".equals(t.missingStatus());
            out.printf("%s：%d 个%s%n", t.missingLabel(), missing.size(), !named || missing.isEmpty() ? ""
                    : "（" + String.join("、", missing.subList(0, Math.min(missing.size(), 19))) + "）");
        }
        if (DocumentCompleteness.applies(campaign)) {
            // what the 案例材料核查 sheet and completeness.csv hold per unit, in one line for the clerk
            Map<String, Object> d = jdbc.queryForMap("SELECT SUM(writeups_received) AS received, "
                    + "SUM(writeups_linked) AS linked, SUM(writeups_expected) AS expected, "
                    + "SUM(CASE WHEN plan_status = 'submitted' THEN 1 ELSE 0 END) AS plans, "
                    + "SUM(CASE WHEN plan_status = 'late' THEN 1 ELSE 0 END) AS late, "
                    + "SUM(CASE WHEN plan_status = 'missing' THEN 1 ELSE 0 END) AS missing "
                    + "FROM hz_completeness WHERE run_id = ?", runId);
            out.printf("案例材料：收到 %d 份，已采用的 %d 项案例中 %d 项有材料；实施方案：已报送 %d 个，逾期 %d 个，未报送 %d 个%n",
                    n(d, "received"), n(d, "expected"), n(d, "linked"), n(d, "plans"), n(d, "late"), n(d, "missing"));
        }
        out.printf("结果：%s", output.resolve("latest"));
        out.flush();
        return buffer.toString();
    }

    private static long n(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            v = m.get(key.toUpperCase());
        }
        return v instanceof Number num ? num.longValue() : 0;
    }
}
