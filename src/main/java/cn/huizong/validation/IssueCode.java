package cn.huizong.validation;

/**
 * Every problem Huizong reports, with its severity and the Chinese message (what is wrong, how to fix it).
 * Codes are a stable contract for dashboards and scripts; messages may be reworded.
 */
public enum IssueCode {
    // row level
    MISSING_REQUIRED(Severity.ERROR, "“%s”为必填项，此处为空。请补填后重新报送。"),
    INVALID_PHONE(Severity.ERROR, "“%s”中没有有效的电话号码（现填“%s”）。请填写11位手机号（如13812345678）、带区号的固定电话（如0371-69691274）或400/800服务电话（如400-123-4567）。"),
    SUMMARY_TOO_LONG(Severity.ERROR, "“%s”共%d字，超过%d字的限制。请精简到%d字以内（不计空格和换行）后重新报送。"),
    INVALID_DATE(Severity.WARNING, "“%s”中的“%s”无法识别为日期。请写成2026-06-30、2026年6月30日、2026年6月、2026年底、2026年上半年、2026年第三季度或2025.12—2026.6等形式（须写明年份）；长期工作可写“长期”。"),
    DEADLINE_ASSUMED(Severity.WARNING, "“%s”中的“%s”未写明具体日期，已按%s理解。如另有所指，请写明具体日期。"),
    UNIT_TYPE_MISMATCH(Severity.WARNING, "单位类型填写为“%s”，但本单位在名录中属于%s，已按名录类型核定限额。如名录有误，请联系省教育厅。"),
    DUPLICATE_ROW(Severity.WARNING, "本行与%s内容完全相同，只保留一次。请删除重复行。"),
    DUPLICATE_CASE(Severity.WARNING, "案例名称“%s”与%s报送的案例相同，两条均已保留。请核实是否重复申报。"),
    OVER_QUOTA(Severity.WARNING, "本单位属于%s，典型案例限报%d项，本案例排第%d项，超出限额，未纳入汇总。如需替换，请调整序号后重新报送。"),
    // file level
    LATE_SUBMISSION(Severity.WARNING, "%s的报送截止时间为%s，本文件收到时间为%s，已逾期。"),
    SAME_TIME_SUBMISSIONS(Severity.WARNING, "本文件与“%s”收到时间相同（%s），内容不同，无法判断以哪个为准，两个文件均已采用。如其中有旧版本，请重新发送正确的完整表格。"),
    SUPERSEDED_FILE(Severity.INFO, "本文件%s已被%s收到的“%s”替代，未纳入汇总（同一单位同一表格以最后收到的文件为准）。"),
    DUPLICATE_FILE(Severity.INFO, "本文件与%s收到的“%s”内容完全相同，按后者汇总，不重复计算。"),
    NO_DATA_ROWS(Severity.WARNING, "表格中没有填写任何数据行，本文件不计为报送，也不替代此前报送的文件。请填写后重新报送。"),
    EMPTY_TABLE_IGNORED(Severity.WARNING, "本文件中的%s没有填写任何数据行，未计为报送，也不替代此前报送的%s。如需报送，请填写后重新发送。"),
    SKIPPED_ROWS(Severity.WARNING, "以下行不是数据，未汇总：%s。如其中有需要报送的数据，请改写为正式数据行后重新报送。"),
    SKIPPED_NOTE_ROWS(Severity.INFO, "以下行是说明、签字或重复的表头，未作为数据汇总：%s。"),
    HIDDEN_SHEET_SKIPPED(Severity.WARNING, "隐藏的工作表“%s”也是%s，未读取，以显示的工作表为准。如其中有需要报送的内容，请移到显示的工作表后重新报送。"),
    HIDDEN_SHEET_READ(Severity.WARNING, "%s只在隐藏的工作表“%s”中，已按该表汇总。请确认这是要报送的表格。"),
    HIDDEN_DATA_READ(Severity.WARNING, "%s被隐藏（可能是筛选所致），其中填写的数据已一并汇总。如这些内容不应报送，请删除后重新报送。"),
    EXTRA_COLUMN_IGNORED(Severity.WARNING, "%s不在模板之内，其中填写的内容未汇总。如需报送，请写入模板的相应列后重新报送。"),
    JOINED_COLUMNS(Severity.INFO, "“%s”分为%s几列填写，已按顺序以空格连接，作为一项汇总。"),
    UNREADABLE_FILE(Severity.ERROR, "文件无法打开（%s），可能已损坏或未下载完整。请用 Excel 或 WPS 打开确认无误后，另存为 .xlsx 重新发送。"),
    ENCRYPTED_FILE(Severity.ERROR, "文件设置了密码，无法读取。请取消密码保护（文件→信息→保护工作簿→用密码进行加密，清空密码）后重新发送。"),
    UNSUPPORTED_FORMAT(Severity.ERROR, "不支持的文件格式：%s。请用 Excel 或 WPS 另存为 .xlsx 后重新发送。"),
    UNRECOGNIZED_TEMPLATE(Severity.ERROR, "未识别出附件1或附件5的表格：%s。请使用通知所附模板，保留原表头后重新报送。"),
    UNKNOWN_UNIT(Severity.ERROR, "无法确定报送单位（%s）。请在表格上方“填报单位：”处填写单位全称，或在文件名中写明单位全称后重新报送。名录中最接近的单位是“%s”。"),
    FILE_TOO_LARGE(Severity.ERROR, "文件超出处理上限（%s）。请删除多余的行、列或工作表后重新发送。"),
    ARCHIVE_REJECTED(Severity.ERROR, "压缩包无法处理：%s。请直接发送表格文件，或只打一层 zip 压缩包。"),
    /** The database refused what was read from the file (a value or a constraint); only this file is left out. */
    STAGING_FAILED(Severity.ERROR, "文件“%s”中的数据无法存入汇总数据库，本文件未纳入汇总，其他文件不受影响。汇总组会核查原因；请检查表格中有无异常内容（如超长文字、特殊字符），修改后重新报送。"),
    // Word documents: case write-ups (附件4) and plans (附件2/3); the row is the paragraph number (第N段)
    DOC_FONT(Severity.WARNING, "%s的%s应为%s，%s为%s。请选中这些段落，在“字体”中改为%s后重新报送。"),
    DOC_FONT_SIZE(Severity.WARNING, "%s的字号应为%s，%s为%s。请改为%s后重新报送。"),
    DOC_LINE_SPACING(Severity.WARNING, "%s的行距应为%s，%s为%s。请在“段落→行距”中设置为%s后重新报送。"),
    DOC_ALIGNMENT(Severity.WARNING, "%s应%s，%s为%s。请在“段落→对齐方式”中修改后重新报送。"),
    DOC_MARGINS(Severity.WARNING, "页边距应为%s，本文件为%s。请在“布局→页边距→自定义页边距”中修改后重新报送。"),
    DOC_MISSING_SECTION(Severity.WARNING, "未找到%s部分。%s应包括%s，请以小标题写明（如“一、%s”）后重新报送。"),
    DOC_CAPTION_POSITION(Severity.WARNING, "图题应位于图片下方：%s。请将图题放在图片下方、居中后重新报送。"),
    DOC_TABLE_TITLE(Severity.WARNING, "表格标题应位于表格上方：%s。请在表格上方写明标题（宋体小五，居中）后重新报送。"),
    DOC_PICTURE_CLIPPED(Severity.WARNING, "%s的图片所在段落行距为%s，图片被固定行距遮挡，只显示出一部分。请将这些段落的行距改为单倍行距后重新报送。"),
    DOC_PICTURE_NOT_SENT(Severity.WARNING, "文中的%s没有单独报送 JPG 文件。附件4要求图片同时随电子材料单独报送 JPG 格式文件，请补发。"),
    DOC_NOT_DOCX(Severity.WARNING, "本文件为%s，%s。附件4要求报送 Word 文档，请另存为 .docx 后重新报送。"),
    WRITEUP_WITHOUT_CASE(Severity.WARNING, "本材料的标题“%s”与本单位典型案例汇总表（附件5）中的案例名称都对不上。请核对标题与案例名称是否一致，或在汇总表中补报该案例。"),
    CASE_WITHOUT_WRITEUP(Severity.WARNING, "案例“%s”没有收到典型案例材料（Word 文档）。请按附件4的要求补报。");

    private final Severity severity;
    private final String template;

    IssueCode(Severity severity, String template) {
        this.severity = severity;
        this.template = template;
    }

    public Severity severity() {
        return severity;
    }

    public String message(Object... args) {
        return String.format(template, args);
    }

    /** The UNKNOWN_UNIT message: what the sheet said (if anything) and the closest registry entry to it. */
    public static String unknownUnit(String unitText, String fileName, cn.huizong.registry.Registry registry) {
        String written = unitText != null ? "表内填写为“" + SubmittedText.quote(unitText) + "”，文件夹和文件名中也没有单位名称"
                : "表内未填写填报单位，文件夹和文件名中也没有单位名称";
        return UNKNOWN_UNIT.message(written, registry.closest(unitText != null ? unitText : fileName).name());
    }
}
