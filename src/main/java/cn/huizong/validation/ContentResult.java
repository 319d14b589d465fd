package cn.huizong.validation;

import java.util.List;

/**
 * What reading one file's bytes found out.
 *
 * @param template  template id (the first table's, when a workbook holds several), "document", "archive", or null
 *                  when the file is rejected before that
 * @param templates every template the file holds, in the order found (one for most files)
 * @param unitText  the 填报单位/推荐单位 as written in the sheet, or null
 * @param unit      its registry name, or null
 * @param failure   the file-level error that rejects the file, or null
 */
public record ContentResult(String template, List<String> templates, String unitText, String unit, int rowsRead,
        Issue failure) {

    public ContentResult {
        templates = templates == null ? (template == null ? List.of() : List.of(template)) : List.copyOf(templates);
    }

    public ContentResult(String template, String unitText, String unit, int rowsRead, Issue failure) {
        this(template, null, unitText, unit, rowsRead, failure);
    }

    public static ContentResult rejected(IssueCode code, String message) {
        return new ContentResult(null, null, null, 0, Issue.file(code, message));
    }
}
