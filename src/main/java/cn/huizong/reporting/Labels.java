package cn.huizong.reporting;

import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;

/** The words and widths every workbook shares (省级汇总表, the letters, the marked copies' comments). */
final class Labels {

    private Labels() {
    }

    static String severityLabel(String severity) {
        return switch (severity == null ? "" : severity) {
            case "error" -> "错误";
            case "info" -> "说明";
            default -> "提醒";
        };
    }

    static String statusLabel(String fileStatus) {
        return switch (fileStatus == null ? "" : fileStatus) {
            case "accepted" -> "采用";
            case "rejected" -> "退回";
            case "duplicate_file" -> "重复来件，已忽略";
            case "superseded" -> "已被新文件替代";
            case "document" -> "文档，已登记";
            default -> fileStatus;
        };
    }

    /** 附件1 结对包联情况 style short names for column headers and letters. */
    static String shortTitle(TemplateSpec t) {
        return t.label().equals(t.shortName()) ? t.shortName() : t.label() + " " + t.shortName();
    }

    /** The template's title without its 附件N label. */
    static String bare(String title) {
        return title.replaceFirst("^附件\\d+\\s*", "");
    }

    /** Titles as printed in the notice: full-width brackets. */
    static String display(String title) {
        return title.replace('(', '（').replace(')', '）');
    }

    /** Column widths in characters, by what the column holds. */
    static int width(ColumnSpec c) {
        if (c.sequence()) {
            return 6;
        }
        if (c.date()) {
            return 14;
        }
        if (c.phone()) {
            return 18;
        }
        if (c.maxLength() > 0) {
            return 44;
        }
        if (c.unitType()) {
            return 16;
        }
        return c.required() ? 16 : 18;
    }
}
