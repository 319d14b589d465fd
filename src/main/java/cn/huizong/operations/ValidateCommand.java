package cn.huizong.operations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.intake.FileKind;
import cn.huizong.registry.UnitFromPath;
import cn.huizong.support.ReadLimits;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.registry.UnitType;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.ContentSink;
import cn.huizong.validation.FileChecker;
import cn.huizong.validation.TimeBoxedChecker;
import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;
import cn.huizong.validation.Severity;
import cn.huizong.validation.StagedRow;
import cn.huizong.validation.SubmittedText;

/**
 * {@code validate FILE}: a clerk's check of one file before accepting it. The same reading and rules as a
 * run, plus what can be judged from the file alone (unit, type, quota, deadline); no database, no output.
 * Exit 0 when the file has no errors, 4 when it has.
 */
public final class ValidateCommand {

    public static final int EXIT_HAS_ERRORS = 4;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ValidateCommand() {
    }

    public static int run(CliArguments cli, PrintStream out, PrintStream err) {
        if (cli.positional().size() != 1) {
            err.println("用法错误：validate 需要且只需要一个文件，例如 java -jar huizong.jar validate 附件1.xlsx");
            return ConsolidationRunner.EXIT_USAGE;
        }
        Path file = Path.of(cli.positional().get(0)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            err.println("用法错误：文件不存在：" + file);
            return ConsolidationRunner.EXIT_USAGE;
        }
        Campaign campaign;
        Registry registry;
        try {
            String c = cli.options().get("campaign");
            campaign = c != null ? CampaignLoader.load(Path.of(c))
                    : Files.exists(Path.of(RunRequest.DEFAULT_CAMPAIGN)) ? CampaignLoader.load(Path.of(RunRequest.DEFAULT_CAMPAIGN))
                            : CampaignLoader.loadBundled();
            registry = Registry.load(Path.of(cli.option("registry", "input/registry.csv"))).withNames(campaign.unitNames());
        } catch (IOException | RuntimeException e) {
            err.println("用法错误：" + e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        }
        FileKind kind = FileKind.of(file.getFileName().toString());
        if (kind == FileKind.ARCHIVE) {
            err.println("用法错误：validate 检查单个表格文件，请先解压 zip 再逐个检查。");
            return ConsolidationRunner.EXIT_USAGE;
        }
        Collected collected = new Collected();
        // the same time budget as a run: a file that hangs the parser is reported, not waited for
        ContentResult result = TimeBoxedChecker.of(new FileChecker(campaign, registry, ReadLimits.DEFAULT), null)
                .check(new FileChecker.Source(file.getFileName().toString(), kind, file, null), collected);
        List<Issue> issues = new ArrayList<>(collected.issues);
        if (result.failure() != null) {
            issues.add(result.failure());
        }
        Optional<RegistryUnit> unit = Optional.ofNullable(result.unit()).flatMap(registry::byName)
                .or(() -> UnitFromPath.guess(shortPath(file), registry));
        List<TemplateSpec> templates = result.templates().stream().map(campaign::template).flatMap(Optional::stream)
                .toList();
        if (!templates.isEmpty() && unit.isEmpty()) {
            issues.add(Issue.file(IssueCode.UNKNOWN_UNIT,
                    IssueCode.unknownUnit(result.unitText(), file.getFileName().toString(), registry)));
        }
        for (TemplateSpec t : templates) {
            // a workbook may hold several tables: each is judged on its own rows
            List<StagedRow> rows = collected.rows.stream()
                    .filter(r -> r.template() == null ? t.id().equals(result.template()) : r.template().equals(t.id()))
                    .toList();
            unit.ifPresent(u -> judgeWithRegistry(campaign, t, u, rows, issues, file));
        }
        print(out, file, result, templates, unit, collected.rows, issues, campaign);
        return issues.stream().anyMatch(i -> i.severity() == Severity.ERROR) ? EXIT_HAS_ERRORS : ConsolidationRunner.EXIT_OK;
    }

    /** The rules a run applies once the unit is known, for this file alone. */
    private static void judgeWithRegistry(Campaign campaign, TemplateSpec t, RegistryUnit unit, List<StagedRow> rows,
            List<Issue> issues, Path file) {
        UnitType type = unit.type();
        for (StagedRow r : rows) {
            if (r.claimedType() != null && !r.claimedType().equals(type.code())) {
                issues.add(new Issue(r.sheet(), r.excelRow(), r.claimedColumn(), IssueCode.UNIT_TYPE_MISMATCH,
                        IssueCode.UNIT_TYPE_MISMATCH.message(SubmittedText.quote(r.claimedTypeText()),
                                campaign.typeLabel(type), campaign.organisation().shortName()),
                        r.rowNo()));
            }
        }
        Optional<Integer> quota = campaign.quota(type);
        if (t.quotaApplies() && quota.isPresent()) {
            List<StagedRow> valid = rows.stream().filter(r -> !r.hasError() && r.duplicateOf() == null)
                    .sorted(Comparator.comparing((StagedRow r) -> r.sequence() == null ? 1 : 0)
                            .thenComparing(r -> r.sequence() == null ? 0 : r.sequence()).thenComparing(StagedRow::rowNo))
                    .toList();
            for (int i = quota.get(); i < valid.size(); i++) {
                StagedRow r = valid.get(i);
                issues.add(new Issue(r.sheet(), r.excelRow(), null, IssueCode.OVER_QUOTA,
                        IssueCode.OVER_QUOTA.message(campaign.typeLabel(type), quota.get(), i + 1), r.rowNo()));
            }
        }
        try {
            Instant received = Files.getLastModifiedTime(file).toInstant();
            if (received.isAfter(campaign.deadlineEnd(t).toInstant())) {
                issues.add(Issue.file(IssueCode.LATE_SUBMISSION, IssueCode.LATE_SUBMISSION.message(t.title(),
                        t.deadline() + " 24:00", SHOWN.format(received.atZone(campaign.zone())) + "（按文件修改时间）")));
            }
        } catch (IOException ignored) {
            // no time, no lateness
        }
    }

    private static void print(PrintStream out, Path file, ContentResult result, List<TemplateSpec> templates,
            Optional<RegistryUnit> unit, List<StagedRow> rows, List<Issue> issues, Campaign campaign) {
        out.println("文件：" + file);
        out.println("表格：" + (templates.isEmpty() ? "未识别"
                : String.join("、", templates.stream().map(TemplateSpec::title).toList())));
        out.println("报送单位：" + unit.map(u -> u.name() + "（" + campaign.typeLabel(u.type()) + "）").orElse("无法确定")
                + (result.unitText() != null ? "　表内填写：" + SubmittedText.quote(result.unitText()) : ""));
        long errorRows = rows.stream().filter(StagedRow::hasError).count();
        out.println("数据行：" + rows.size() + " 行，其中有错误的 " + errorRows + " 行");
        long errors = issues.stream().filter(i -> i.severity() == Severity.ERROR).count();
        long notes = issues.stream().filter(i -> i.severity() == Severity.INFO).count();
        out.println("问题：错误 " + errors + " 条，提醒 " + (issues.size() - errors - notes) + " 条"
                + (notes > 0 ? "，说明 " + notes + " 条" : ""));
        if (issues.isEmpty()) {
            out.println("未发现问题，可以接收。");
            return;
        }
        issues.sort(Comparator.comparing((Issue i) -> i.rowNo() == null ? 0 : i.rowNo()).thenComparing(Issue::row)
                .thenComparing(i -> i.column() == null ? "" : i.column()));
        out.printf("%-16s %-4s %-22s %s%n", "单元格", "级别", "代码", "说明");
        for (Issue i : issues) {
            String sheet = SubmittedText.quote(i.sheet()); // a sheet name may be thousands of characters
            String cell = i.sheet() == null ? "（整个文件）"
                    : i.row() == 0 ? sheet : sheet + "!" + (i.column() == null ? "" : i.column()) + i.row()
                            + (i.column() == null ? "行" : "");
            String level = switch (i.severity()) {
                case ERROR -> "错误";
                case WARNING -> "提醒";
                case INFO -> "说明";
            };
            out.printf("%-16s %-4s %-22s %s%n", cell, level, i.code().name(),
                    i.message());
        }
    }

    private static String shortPath(Path file) {
        Path parent = file.getParent();
        return (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/") + file.getFileName();
    }

    /** Keeps what the checker finds in memory: one file's worth, for printing. */
    private static final class Collected implements ContentSink {
        final List<StagedRow> rows = new ArrayList<>();
        final List<Issue> issues = new ArrayList<>();

        @Override
        public void row(StagedRow row) {
            rows.add(row);
        }

        @Override
        public void issue(Issue issue) {
            issues.add(issue);
        }
    }
}
