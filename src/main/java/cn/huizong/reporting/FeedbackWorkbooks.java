package cn.huizong.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.huizong.campaign.Campaign;

/**
 * 反馈/&lt;unit&gt;.xlsx for every unit with at least one issue: the letter, then the unit's issues with file,
 * sheet, cell and the fix. Issues are read once, grouped by unit, and each unit's workbook is streamed
 * while its issues go by. Issues of files whose unit could not be told go to 反馈/（单位未能确定）.xlsx, for the
 * clerk to forward by hand.
 */
final class FeedbackWorkbooks {

    public static final String FOLDER = "反馈";
    public static final String NO_UNIT = "（单位未能确定）";
    static final String SHEET = "反馈意见";

    private static final Logger log = LoggerFactory.getLogger(FeedbackWorkbooks.class);
    private static final List<SheetTable.Column> COLUMNS = List.of(new SheetTable.Column("序号", 6),
            new SheetTable.Column("文件", 30), new SheetTable.Column("工作表", 10), new SheetTable.Column("位置", 9),
            new SheetTable.Column("类别", 6), new SheetTable.Column("问题说明及修改方法", 60));

    private final ReportData data;
    private final Campaign campaign;
    private final FeedbackLetter letter;

    FeedbackWorkbooks(ReportData data, Campaign campaign) {
        this.data = data;
        this.campaign = campaign;
        this.letter = new FeedbackLetter(campaign);
    }

    /** @return the files written */
    List<Path> write(String runId, Path feedbackDir, List<ReportData.FileRow> files,
            Map<Integer, MarkedCopies.Outcome> copies) throws IOException {
        Instant asOf = data.runStartedAt(runId);
        Map<String, List<ReportData.FileRow>> filesByUnit = new HashMap<>();
        Map<Integer, String> pathByFileNo = new HashMap<>();
        Map<Integer, String> unitByFileNo = new HashMap<>();
        for (ReportData.FileRow f : files) {
            filesByUnit.computeIfAbsent(f.unit() == null ? "" : f.unit(), k -> new ArrayList<>()).add(f);
            pathByFileNo.put(f.fileNo(), f.path());
            unitByFileNo.put(f.fileNo(), f.unit() == null ? "" : f.unit());
        }
        Map<String, List<MarkedCopies.Outcome>> copiesByUnit = new HashMap<>();
        copies.values().forEach(o -> copiesByUnit.computeIfAbsent(unitByFileNo.getOrDefault(o.fileNo(), ""),
                k -> new ArrayList<>()).add(o));
        Map<String, Map<String, Map<String, Integer>>> counts = data.issueCounts(runId);
        Map<String, List<ReportData.IssueRow>> fileIssues = data.fileIssues(runId);
        Map<String, List<ReportData.IssueRow>> documentIssues = data.issuesWithCodes(runId, DocumentAdvice.codes());
        Map<String, Map<String, ReportData.RowCounts>> rows = data.rowCounts(runId);
        Map<String, Integer> quotas = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        data.roster(runId, campaign.templates()).forEach(r -> types.put(r.unit(), r.unitType()));
        campaign.templates().stream().filter(t -> t.quotaApplies()).findFirst().ifPresent(t -> data.quota(runId, t)
                .forEach(q -> {
                    if (q.quota() != null) {
                        quotas.put(q.unit(), q.quota());
                    }
                }));

        List<Path> written = new ArrayList<>();
        Writer[] open = {null};
        try {
            data.issuesByUnit(runId, issue -> {
                String unit = issue.unit() == null ? "" : issue.unit();
                if (open[0] == null || !open[0].unit.equals(unit)) {
                    close(open[0], written);
                    FeedbackLetter.Facts facts = new FeedbackLetter.Facts(issue.unit(), types.get(unit), asOf,
                            filesByUnit.getOrDefault(unit, List.of()), rows.getOrDefault(unit, Map.of()),
                            quotas.get(unit), counts.getOrDefault(unit, Map.of()),
                            fileIssues.getOrDefault(unit, List.of()), copiesByUnit.getOrDefault(unit, List.of()),
                            pathByFileNo, documentIssues.getOrDefault(unit, List.of()));
                    open[0] = new Writer(unit, feedbackDir, facts, runId);
                }
                open[0].add(issue);
            });
            close(open[0], written);
            open[0] = null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (open[0] != null) {
                open[0].wb.dispose();
            }
        }
        log.info("wrote {} feedback workbooks", written.size());
        return written;
    }

    private static void close(Writer w, List<Path> written) {
        if (w == null) {
            return;
        }
        try {
            written.add(w.finish());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One unit's workbook while its issues stream by. */
    private final class Writer {
        final String unit;
        final Path file;
        final SXSSFWorkbook wb = new StreamedWorkbook();
        final SheetTable table;
        long n;

        Writer(String unit, Path dir, FeedbackLetter.Facts facts, String runId) {
            this.unit = unit;
            this.file = dir.resolve(FileNames.safe(unit.isEmpty() ? NO_UNIT : unit) + ".xlsx");
            TableStyle style = new TableStyle(wb);
            table = new SheetTable(wb, style, SHEET, COLUMNS, "汇总运行 " + runId);
            table.paragraph(letter.heading(), style.heading, 30);
            for (String p : letter.paragraphs(facts)) {
                table.paragraph(p, style.prose);
            }
            table.skipRow();
            int errors = facts.count("error");
            int warnings = facts.count("warning");
            int notes = facts.count("info");
            table.begin("问题清单（错误 " + errors + " 处，提醒 " + warnings + " 处" + (notes > 0 ? "，说明 " + notes + " 处" : "")
                    + "）");
        }

        void add(ReportData.IssueRow i) {
            table.add(++n, i.file(), i.sheet() == null ? "" : i.sheet(), i.place(),
                    Labels.severityLabel(i.severity()), i.message());
        }

        Path finish() throws IOException {
            table.finish();
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            } finally {
                wb.close();
                wb.dispose();
            }
            return file;
        }
    }
}
