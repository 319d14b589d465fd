package cn.huizong.validation;

/**
 * What reading one file's bytes found out.
 *
 * @param template  template id, "document", "archive", or null when the file is rejected before that
 * @param unitText  the 填报单位/推荐单位 as written in the sheet, or null
 * @param unit      its registry name, or null
 * @param failure   the file-level error that rejects the file, or null
 */
public record ContentResult(String template, String unitText, String unit, int rowsRead, Issue failure) {

    public static ContentResult rejected(IssueCode code, String message) {
        return new ContentResult(null, null, null, 0, Issue.file(code, message));
    }
}
