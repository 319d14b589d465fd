package cn.huizong.reporting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.intake.EvidenceStore;
import cn.huizong.support.ReadLimits;

/**
 * Everything a run folder holds, written before it is published: the CSV feeds under csv/, 省级汇总表.xlsx for
 * the province, and under 反馈/ a letter per unit with problems plus marked copies of its problem files.
 */
public final class Reports {

    private final JdbcTemplate jdbc;
    private final ReportData data;
    private final Campaign campaign;
    private final EvidenceStore store;
    private final ReadLimits limits;

    /** @param store the received files by hash, read for the marked copies of problem files (never the inbox) */
    public Reports(JdbcTemplate jdbc, Campaign campaign, EvidenceStore store, ReadLimits limits) {
        this.jdbc = jdbc;
        this.data = new ReportData(jdbc);
        this.campaign = campaign;
        this.store = store;
        this.limits = limits;
    }

    public void write(String runId, Path runFolder) throws IOException {
        Path csv = runFolder.resolve("csv");
        // the feeds of templates without quotas come with their sheets of 省级汇总表 (one read of their rows)
        new CsvExporter(jdbc, campaign).export(runId, csv, t -> t.quotaApplies());
        new ProvincialWorkbook(data, campaign).write(runId, runFolder.resolve(ProvincialWorkbook.FILE_NAME), csv);
        Path feedback = runFolder.resolve(FeedbackWorkbooks.FOLDER);
        List<ReportData.FileRow> files = data.files(runId);
        Map<Integer, ReportData.FileRow> byNo = new LinkedHashMap<>();
        files.forEach(f -> byNo.put(f.fileNo(), f));
        Map<Integer, MarkedCopies.Outcome> copies = new MarkedCopies(data, store, limits).write(runId, feedback, byNo);
        new FeedbackWorkbooks(data, campaign).write(runId, feedback, files, copies);
    }
}
