package cn.huizong.reporting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;

/**
 * A run's result as the console reads it: the same queries as the reports ({@link ReportData}), in the same
 * order on every database, as public rows.
 */
public final class ResultQueries {

    /** A registry unit's completeness; statuses by template id (submitted, late, missing, none, not_required). */
    public record UnitRow(int position, String unit, String unitType, String unitTypeLabel, String city,
            Map<String, String> statuses, int filesSent, int filesRejected) {
    }

    /** A file or archive member of the run with its outcome (accepted, rejected, duplicate_file, superseded …). */
    public record FileRow(int fileNo, String path, String memberName, String kind, String template, String status,
            String unit, Instant receivedAt, boolean late, long sizeBytes, String sha256, int rowsRead) {

        /** The outcome as the roster sheet says it (采用, 退回 …). */
        public String statusLabel() {
            return Labels.statusLabel(status);
        }

        /** The templates the file counts for (a workbook may hold several: pairing+cases). */
        public List<String> templates() {
            return template == null || template.isEmpty() ? List.of() : List.of(template.split("\\+"));
        }
    }

    /** An issue as in issues.csv; row and column are null at file level. */
    public record IssueRow(int fileNo, String file, String unit, String sheet, Integer row, String column,
            String severity, String code, String message, String place) {
    }

    private final ReportData data;
    private final Campaign campaign;

    /** Queries of a campaign's results: unit types are labelled as that campaign says. */
    public ResultQueries(JdbcTemplate jdbc, Campaign campaign) {
        this.data = new ReportData(jdbc, campaign);
        this.campaign = campaign;
    }

    /** Every registry unit of the run, in registry order. */
    public List<UnitRow> roster(String runId, List<TemplateSpec> templates) {
        return data.roster(runId, templates).stream().map(r -> new UnitRow(r.position(), r.unit(), r.unitType(),
                campaign.typeLabel(r.unitType()), r.city(), r.statuses(), r.filesSent(), r.filesRejected())).toList();
    }

    /** Every file and archive member of the run, in manifest order. */
    public List<FileRow> files(String runId) {
        return data.files(runId).stream().map(f -> new FileRow(f.fileNo(), f.path(), f.memberName(), f.kind(),
                f.template(), f.status(), f.unit(), f.receivedAt(), f.late(), f.sizeBytes(), f.sha256(), f.rowsRead()))
                .toList();
    }

    /** The issues of the files a unit sent, in issues.csv order. */
    public List<IssueRow> issuesOfUnit(String runId, String unit) {
        List<IssueRow> out = new ArrayList<>();
        data.issuesOfUnit(runId, unit, i -> out.add(new IssueRow(i.fileNo(), i.file(), i.unit(), i.sheet(), i.row(),
                i.column(), i.severity(), i.code(), i.message(), i.place())));
        return out;
    }

    /** A template's name for a column header: 附件1 结对包联. */
    public static String shortTitle(TemplateSpec t) {
        return Labels.shortTitle(t);
    }
}
