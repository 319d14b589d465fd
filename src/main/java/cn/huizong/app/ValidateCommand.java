package cn.huizong.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.intake.FileKind;
import cn.huizong.support.ReadLimits;
import cn.huizong.registry.Registry;
import cn.huizong.validation.ContentResult;
import cn.huizong.validation.Issue;
import cn.huizong.validation.Severity;
import cn.huizong.validation.SubmittedText;

/**
 * {@code validate FILE}: a clerk's check of one file before accepting it. The same reading and rules as a
 * run, plus what can be judged from the file alone (unit, type, quota, deadline); no database, no output.
 * Exit 0 when the file has no errors, 4 when it has.
 */
public final class ValidateCommand {

    public static final int EXIT_HAS_ERRORS = 4;

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
        OneFileCheck.Received received;
        try {
            received = new OneFileCheck.Received(Files.getLastModifiedTime(file).toInstant(), "（按文件修改时间）");
        } catch (IOException e) {
            received = null; // no time, no lateness
        }
        OneFileCheck.Report report;
        try {
            report = new OneFileCheck(campaign, registry, ReadLimits.DEFAULT).check(file, shortPath(file), null, received);
        } catch (IOException e) {
            err.println("无法读取文件：" + file + "（" + e.getMessage() + "）");
            return ConsolidationRunner.EXIT_FAILURE;
        }
        print(out, file, report, campaign);
        return report.hasErrors() ? EXIT_HAS_ERRORS : ConsolidationRunner.EXIT_OK;
    }

    private static void print(PrintStream out, Path file, OneFileCheck.Report report, Campaign campaign) {
        ContentResult result = report.result();
        List<Issue> issues = report.issues();
        out.println("文件：" + file);
        out.println("表格：" + (report.templates().isEmpty() ? "未识别"
                : String.join("、", report.templates().stream().map(TemplateSpec::title).toList())));
        out.println("报送单位：" + report.unit().map(u -> u.name() + "（" + report.unitTypeLabel().orElse("") + "）").orElse("无法确定")
                + (result.unitText() != null ? "　表内填写：" + SubmittedText.quote(result.unitText()) : ""));
        out.println("数据行：" + report.rows() + " 行，其中有错误的 " + report.errorRows() + " 行");
        long errors = report.errors();
        long notes = report.notes();
        out.println("问题：错误 " + errors + " 条，提醒 " + (issues.size() - errors - notes) + " 条"
                + (notes > 0 ? "，说明 " + notes + " 条" : ""));
        if (issues.isEmpty()) {
            out.println("未发现问题，可以接收。");
            return;
        }
        out.printf("%-16s %-4s %-22s %s%n", "单元格", "级别", "代码", "说明");
        for (Issue i : issues) {
            out.printf("%-16s %-4s %-22s %s%n", cellName(i), levelName(i.severity()), i.code().name(), i.message());
        }
    }

    /** Where an issue is, as a clerk reads it: 附件1!C7, 附件1!12行, or （整个文件）. */
    public static String cellName(Issue i) {
        String sheet = SubmittedText.quote(i.sheet()); // a sheet name may be thousands of characters
        return i.sheet() == null ? "（整个文件）"
                : i.row() == 0 ? sheet : sheet + "!" + (i.column() == null ? "" : i.column()) + i.row()
                        + (i.column() == null ? "行" : "");
    }

    public static String levelName(Severity s) {
        return switch (s) {
            case ERROR -> "错误";
            case WARNING -> "提醒";
            case INFO -> "说明";
        };
    }

    private static String shortPath(Path file) {
        Path parent = file.getParent();
        return (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/") + file.getFileName();
    }
}
