package cn.huizong.app;

import cn.huizong.reading.FileSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.intake.FileKind;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.registry.UnitFromPath;
import cn.huizong.registry.UnitType;
import cn.huizong.support.ReadLimits;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentSink;
import cn.huizong.documents.DocumentFileChecker;
import cn.huizong.validation.FileChecker;
import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;
import cn.huizong.validation.Severity;
import cn.huizong.validation.StagedRow;
import cn.huizong.validation.SubmittedText;
import cn.huizong.validation.TimeBoxedChecker;

/**
 * A clerk's check of one file before accepting it, as data: the same reading and rules as a run, plus what can
 * be judged from the file alone (unit, type, quota, deadline); no database, no output. {@code validate} prints
 * it; the console shows it for an upload.
 */
public final class OneFileCheck {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** When the file came in, and how that is known (said after the time in a lateness message). */
    public record Received(Instant at, String how) {
    }

    /**
     * What the check found.
     *
     * @param issues every issue, in the order of the file's rows
     */
    public record Report(ContentResult result, List<TemplateSpec> templates, Optional<RegistryUnit> unit,
            Optional<String> unitTypeLabel, int rows, long errorRows, List<Issue> issues) {

        public long errors() {
            return count(Severity.ERROR);
        }

        public long warnings() {
            return count(Severity.WARNING);
        }

        public long notes() {
            return count(Severity.INFO);
        }

        public boolean hasErrors() {
            return errors() > 0;
        }

        private long count(Severity s) {
            return issues.stream().filter(i -> i.severity() == s).count();
        }
    }

    private final Campaign campaign;
    private final Registry registry;
    private final ReadLimits limits;

    public OneFileCheck(Campaign campaign, Registry registry, ReadLimits limits) {
        this.campaign = campaign;
        this.registry = registry;
        this.limits = limits;
    }

    /**
     * @param file       the file to read
     * @param name       its name as the unit sent it (a path's last two parts say the unit when the file does not)
     * @param unitHint   the unit the clerk says sent it, or null
     * @param received   when it came in, or null when unknown (no lateness check)
     */
    public Report check(Path file, String name, String unitHint, Received received) throws IOException {
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        FileKind kind = FileKind.of(fileName);
        Collected collected = new Collected(campaign);
        // the same time budget as a run: a file that hangs the parser is reported, not waited for
        ContentResult result = TimeBoxedChecker.of(new FileChecker(campaign, registry, limits)
                .with(FileKind.DOCUMENT, new DocumentFileChecker(campaign, null)), null)
                .check(new FileSource(fileName, kind, file, null), collected);
        List<Issue> issues = new ArrayList<>(collected.issues);
        if (result.failure() != null) {
            issues.add(result.failure());
        }
        Optional<RegistryUnit> unit = Optional.ofNullable(result.unit()).flatMap(registry::byName)
                .or(() -> Optional.ofNullable(unitHint).filter(h -> !h.isBlank()).flatMap(registry::byName))
                .or(() -> UnitFromPath.guess(name, registry));
        List<TemplateSpec> templates = result.templates().stream().map(campaign::template).flatMap(Optional::stream)
                .toList();
        if (!templates.isEmpty() && unit.isEmpty()) {
            issues.add(Issue.file(IssueCode.UNKNOWN_UNIT, IssueCode.unknownUnit(result.unitText(), fileName, registry)));
        }
        for (TemplateSpec t : templates) {
            // a workbook may hold several tables: each is judged on its own rows
            List<RowFacts> rows = collected.kept.stream()
                    .filter(r -> r.template() == null ? t.id().equals(result.template()) : r.template().equals(t.id()))
                    .toList();
            unit.ifPresent(u -> judgeWithRegistry(t, u, rows, issues, received));
        }
        issues.sort(Comparator.comparing((Issue i) -> i.rowNo() == null ? 0 : i.rowNo()).thenComparing(Issue::row)
                .thenComparing(i -> i.column() == null ? "" : i.column()));
        return new Report(result, templates, unit, unit.map(u -> campaign.typeLabel(u.type())), collected.rows,
                collected.errorRows, List.copyOf(issues));
    }

    /** The rules a run applies once the unit is known, for this file alone. */
    private void judgeWithRegistry(TemplateSpec t, RegistryUnit unit, List<RowFacts> rows, List<Issue> issues,
            Received received) {
        UnitType type = unit.type();
        for (RowFacts r : rows) {
            if (r.claimedType() != null && !r.claimedType().equals(type.code())) {
                issues.add(new Issue(r.sheet(), r.excelRow(), r.claimedColumn(), IssueCode.UNIT_TYPE_MISMATCH,
                        IssueCode.UNIT_TYPE_MISMATCH.message(SubmittedText.quote(r.claimedTypeText()),
                                campaign.typeLabel(type), campaign.organisation().shortName()),
                        r.rowNo()));
            }
        }
        Optional<Integer> quota = campaign.quota(type);
        if (t.quotaApplies() && quota.isPresent()) {
            List<RowFacts> valid = rows.stream().filter(RowFacts::valid)
                    .sorted(Comparator.comparing((RowFacts r) -> r.sequence() == null ? 1 : 0)
                            .thenComparing(r -> r.sequence() == null ? 0 : r.sequence()).thenComparing(RowFacts::rowNo))
                    .toList();
            for (int i = quota.get(); i < valid.size(); i++) {
                RowFacts r = valid.get(i);
                issues.add(new Issue(r.sheet(), r.excelRow(), null, IssueCode.OVER_QUOTA,
                        IssueCode.OVER_QUOTA.message(campaign.typeLabel(type), quota.get(), i + 1), r.rowNo()));
            }
        }
        if (received != null && received.at().isAfter(campaign.deadlineEnd(t).toInstant())) {
            issues.add(Issue.file(IssueCode.LATE_SUBMISSION, IssueCode.LATE_SUBMISSION.message(t.title(),
                    t.deadline() + " 24:00", SHOWN.format(received.at().atZone(campaign.zone())) + received.how())));
        }
    }

    /** What the registry rules need of a row: the row itself is not kept, so a 200,000-row file stays small. */
    private record RowFacts(int rowNo, String sheet, int excelRow, boolean valid, Integer sequence, String claimedType,
            String claimedTypeText, String claimedColumn, String template) {
    }

    /** Counts rows and keeps issues, and the facts of the rows the registry rules look at. */
    private static final class Collected implements ContentSink {
        private final Campaign campaign;
        final List<RowFacts> kept = new ArrayList<>();
        final List<Issue> issues = new ArrayList<>();
        int rows;
        long errorRows;

        Collected(Campaign campaign) {
            this.campaign = campaign;
        }

        @Override
        public void row(StagedRow row) {
            rows++;
            if (row.hasError()) {
                errorRows++;
            }
            boolean quota = row.template() == null || campaign.template(row.template()).map(TemplateSpec::quotaApplies)
                    .orElse(false);
            if (row.claimedType() != null || quota) {
                kept.add(new RowFacts(row.rowNo(), row.sheet(), row.excelRow(), !row.hasError() && row.duplicateOf() == null,
                        row.sequence(), row.claimedType(), row.claimedTypeText(), row.claimedColumn(), row.template()));
            }
        }

        @Override
        public void issue(Issue issue) {
            issues.add(issue);
        }
    }
}
