package cn.huizong.web.upload;

import java.util.List;
import java.util.Locale;

import cn.huizong.campaign.TemplateSpec;
import cn.huizong.app.OneFileCheck;
import cn.huizong.app.ValidateCommand;
import cn.huizong.validation.Issue;

/**
 * An uploaded file as stored and checked: where it is in the inbox, whether the same bytes were there already,
 * and what {@code validate} would say of it.
 *
 * @param path      its path under the inbox, with '/'
 * @param templates the titles of the tables recognised
 * @param note      a remark for the clerk (an archive is checked in the run, member by member), or null
 */
public record CheckedUpload(String path, String sha256, boolean duplicate, long size, String template,
        List<String> templates, String unit, String unitType, String unitText, int rows, long errorRows, long errors,
        long warnings, long notes, List<CheckedIssue> issues, String note) {

    /** One issue, with its cell and level as {@code validate} prints them. */
    public record CheckedIssue(String sheet, Integer row, String column, String severity, String code, String message,
            String cell, String level) {
    }

    static CheckedUpload of(String path, String sha256, boolean duplicate, long size, OneFileCheck.Report report) {
        List<TemplateSpec> ts = report.templates();
        String template = ts.isEmpty() ? null : String.join("+", ts.stream().map(TemplateSpec::id).toList());
        List<CheckedIssue> issues = report.issues().stream().map(CheckedUpload::issue).toList();
        return new CheckedUpload(path, sha256, duplicate, size, template, ts.stream().map(TemplateSpec::title).toList(),
                report.unit().map(u -> u.name()).orElse(null), report.unitTypeLabel().orElse(null),
                report.result().unitText(), report.rows(), report.errorRows(), report.errors(), report.warnings(),
                report.notes(), issues, null);
    }

    static CheckedUpload archive(String path, String sha256, boolean duplicate, long size) {
        return new CheckedUpload(path, sha256, duplicate, size, null, List.of(), null, null, null, 0, 0, 0, 0, 0,
                List.of(), "压缩包已收下：其中的每个文件在下次汇总时逐个读取检查（单个检查请先解压后上传表格文件）。");
    }

    private static CheckedIssue issue(Issue i) {
        return new CheckedIssue(i.sheet(), i.row() == 0 ? null : i.row(), i.column(),
                i.severity().name().toLowerCase(Locale.ROOT), i.code().name(), i.message(), ValidateCommand.cellName(i),
                ValidateCommand.levelName(i.severity()));
    }
}
