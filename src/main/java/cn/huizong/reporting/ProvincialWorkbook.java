package cn.huizong.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.resolution.DocumentCompleteness;

/**
 * 省级汇总表.xlsx, the workbook the province's clerks read, one class per sheet: a sheet per template
 * ({@link RecordsSheet} by city, or {@link CasesSheet} by unit type where quotas apply), {@link QuotaSheet},
 * {@link RosterSheet}, {@link WriteupsSheet} (where the campaign has write-up rules), {@link IssuesSheet}; labels
 * in {@link Labels}, styles in {@link TableStyle}. Streamed with SXSSF, so a campaign of a million pairing rows is
 * written in a small heap. The rows of a template without quotas are read once for its sheet and its feed
 * ({@link RecordPass}), so this also writes those feeds.
 */
final class ProvincialWorkbook {

    public static final String FILE_NAME = "省级汇总表.xlsx";

    private static final Logger log = LoggerFactory.getLogger(ProvincialWorkbook.class);

    private final ReportData data;
    private final Campaign campaign;

    ProvincialWorkbook(ReportData data, Campaign campaign) {
        this.data = data;
        this.campaign = campaign;
    }

    /**
     * @param csvDir where the feeds of templates without quotas go (read in the same pass as their sheets); the
     *        caller writes the other feeds
     */
    public void write(String runId, Path file, Path csvDir) throws IOException {
        StreamedWorkbook wb = new StreamedWorkbook();
        try {
            SheetContext ctx = new SheetContext(wb, new TableStyle(wb), "汇总运行 " + runId);
            // one sheet per template, whatever the campaign has: rows by city, or by unit type where quotas apply
            long pairings = 0;
            long accepted = 0;
            for (TemplateSpec t : campaign.templates()) {
                if (t.quotaApplies()) {
                    accepted += new CasesSheet(data, campaign).write(ctx, runId, t);
                } else {
                    RecordsSheet sheet = new RecordsSheet(ctx, t);
                    new RecordPass(data, campaign).run(runId, t, csvDir.resolve(t.output()), sheet);
                    pairings += sheet.finish();
                }
            }
            campaign.templates().stream().filter(TemplateSpec::quotaApplies).findFirst()
                    .ifPresent(t -> new QuotaSheet(data, campaign).write(ctx, runId, t));
            new RosterSheet(data, campaign).write(ctx, runId);
            if (DocumentCompleteness.applies(campaign)) {
                new WriteupsSheet(data, campaign).write(ctx, runId);
            }
            long issues = new IssuesSheet(data).write(ctx, runId);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            log.info("wrote {}: {} pairings, {} cases, {} issues", file.getFileName(), pairings, accepted, issues);
        } finally {
            wb.close();
            wb.dispose(); // the temporary sheet files
        }
    }

    /** A template's sheet: 结对包联汇总, 典型案例汇总 … */
    static String sheetName(TemplateSpec t) {
        return t.shortName() + "汇总";
    }
}
