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
 * The workbooks people read, written into the run folder before it is published: 省级汇总表.xlsx for the
 * province, and under 反馈/ a letter per unit with problems plus marked copies of its problem files.
 */
public final class Reports {

    private final ReportData data;
    private final Campaign campaign;
    private final EvidenceStore store;
    private final ReadLimits limits;

    /** @param store the received files by hash, read for the marked copies of problem files (never the inbox) */
    public Reports(JdbcTemplate jdbc, Campaign campaign, EvidenceStore store, ReadLimits limits) {
        this.data = new ReportData(jdbc, campaign);
        this.campaign = campaign;
        this.store = store;
        this.limits = limits;
    }

    public void write(String runId, Path runFolder) throws IOException {
        new ProvincialWorkbook(data, campaign).write(runId, runFolder.resolve(ProvincialWorkbook.FILE_NAME));
        Path feedback = runFolder.resolve(FeedbackWorkbooks.FOLDER);
        List<ReportData.FileRow> files = data.files(runId);
        Map<Integer, ReportData.FileRow> byNo = new LinkedHashMap<>();
        files.forEach(f -> byNo.put(f.fileNo(), f));
        Map<Integer, MarkedCopies.Outcome> copies = new MarkedCopies(data, store, limits, campaign.markedCopies()).write(runId, feedback, byNo);
        new FeedbackWorkbooks(data, campaign).write(runId, feedback, files, copies);
    }
}
