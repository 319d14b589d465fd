package cn.huizong.documents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import cn.huizong.campaign.DocumentRules;
import cn.huizong.validation.IssueCode;

/**
 * The role of each paragraph, as 附件4 names them: the title (first non-empty paragraph), subheadings (一、… or
 * an outline level), body text, picture paragraphs, captions (below a picture), table titles (above a table)
 * and table text. Where a caption or a table title is missing or on the wrong side, that is a finding.
 */
final class Layout {

    enum Role {
        LABEL(null, "附件标注"), TITLE("title", "标题"), SUBHEADING("subheading", "小标题"),
        MINOR_HEADING("minorHeading", "二级标题"), BODY("body", "正文"), PICTURE(null, "图片段落"),
        CAPTION("caption", "图题"), TABLE_TITLE("tableTitle", "表格标题"), TABLE_CELL("tableCell", "表格文字"),
        EMPTY(null, "空段落");

        final String rule;
        final String label;

        Role(String rule, String label) {
            this.rule = rule;
            this.label = label;
        }
    }

    private static final Pattern ATTACHMENT_LABEL = Pattern.compile("^附件\\s*[0-9０-９]*\\s*[：:]?$");
    private static final Pattern SENTENCE_END = Pattern.compile("[。；：:;！？!?]$");

    final Map<Integer, Role> roles = new HashMap<>();
    final List<WordBody.Para> paras;
    String title;
    private final DocumentRules rules;
    private final Pattern subheading;
    private final Pattern minorHeading;
    private final Pattern caption;
    private final Pattern tableTitle;

    private Layout(List<WordBody.Para> paras, DocumentRules rules) {
        this.paras = paras;
        this.rules = rules;
        this.subheading = Pattern.compile(rules.subheadingPattern());
        this.minorHeading = Pattern.compile(rules.minorHeadingPattern());
        this.caption = Pattern.compile(rules.captionPattern());
        this.tableTitle = Pattern.compile(rules.tableTitlePattern());
    }

    /** Roles only, no findings: for classifying a document before it is judged. */
    static Layout of(List<WordBody.Para> paras, DocumentRules rules) {
        Layout l = new Layout(paras, rules);
        l.assign();
        return l;
    }

    Role role(WordBody.Para p) {
        return roles.getOrDefault(p.number(), Role.EMPTY);
    }

    /** Texts of the headings (subheadings and outline-level paragraphs), spaces removed, for finding sections. */
    List<String> headings() {
        List<String> out = new ArrayList<>();
        for (WordBody.Para p : paras) {
            Role r = role(p);
            if (r == Role.SUBHEADING || r == Role.MINOR_HEADING
                    || (r == Role.BODY && p.format().outline() < 9)) {
                out.add(p.text().replaceAll("\\s+", ""));
            }
        }
        return out;
    }

    private void assign() {
        for (WordBody.Para p : paras) {
            String t = p.text().strip();
            if (p.table() >= 0) {
                roles.put(p.number(), t.isEmpty() ? Role.EMPTY : Role.TABLE_CELL);
            } else if (p.picture()) {
                roles.put(p.number(), Role.PICTURE);
            } else if (t.isEmpty()) {
                roles.put(p.number(), Role.EMPTY);
            } else if (title == null && ATTACHMENT_LABEL.matcher(t).matches()) {
                roles.put(p.number(), Role.LABEL);
            } else if (title == null) {
                title = t;
                roles.put(p.number(), Role.TITLE);
            } else if (shortText(t) && (subheading.matcher(t).find() || p.format().outline() < 9)) {
                roles.put(p.number(), Role.SUBHEADING);
            } else if (shortText(t) && caption.matcher(t).find()) {
                roles.put(p.number(), Role.CAPTION); // by its words; where pictures are placed, moved or confirmed
            } else if (shortText(t) && tableTitle.matcher(t).find()) {
                roles.put(p.number(), Role.TABLE_TITLE);
            } else if (shortText(t) && minorHeading.matcher(t).find()) {
                roles.put(p.number(), Role.MINOR_HEADING);
            } else {
                roles.put(p.number(), Role.BODY);
            }
        }
    }

    /** Captions and table titles: assigned, and where one is missing or on the wrong side, a finding. */
    void placeCaptionsAndTitles(Findings findings) {
        for (int i = 0; i < paras.size(); i++) {
            WordBody.Para p = paras.get(i);
            if (role(p) == Role.PICTURE) {
                int next = nextFilled(i);
                if (next >= 0 && role(paras.get(next)) == Role.PICTURE) {
                    continue; // pictures in a row share the caption below the last of them
                }
                if (next >= 0 && looksLikeCaption(paras.get(next), false)) {
                    roles.put(paras.get(next).number(), Role.CAPTION);
                    continue;
                }
                int before = previousFilled(i);
                if (before >= 0 && looksLikeCaption(paras.get(before), true)) {
                    roles.put(paras.get(before).number(), Role.CAPTION);
                    findings.add(IssueCode.DOC_CAPTION_POSITION, "caption.above", paras.get(before).number(), null,
                            (list, found) -> IssueCode.DOC_CAPTION_POSITION.message(list + "的图题在图片上方"));
                } else {
                    findings.add(IssueCode.DOC_CAPTION_POSITION, "caption.missing", p.number(), null,
                            (list, found) -> IssueCode.DOC_CAPTION_POSITION.message(list + "的图片下方没有图题"));
                }
            }
            if (p.table() >= 0 && (i == 0 || paras.get(i - 1).table() != p.table())) {
                int before = previousFilled(i);
                if (before >= 0 && looksLikeTableTitle(paras.get(before), false)) {
                    roles.put(paras.get(before).number(), Role.TABLE_TITLE);
                    continue;
                }
                int end = i;
                while (end + 1 < paras.size() && paras.get(end + 1).table() == p.table()) {
                    end++;
                }
                int after = nextFilled(end);
                if (after >= 0 && looksLikeTableTitle(paras.get(after), true)) {
                    roles.put(paras.get(after).number(), Role.TABLE_TITLE);
                    findings.add(IssueCode.DOC_TABLE_TITLE, "tableTitle.below", paras.get(after).number(), null,
                            (list, found) -> IssueCode.DOC_TABLE_TITLE.message(list + "的表格标题在表格下方"));
                } else {
                    findings.add(IssueCode.DOC_TABLE_TITLE, "tableTitle.missing", p.number(), null,
                            (list, found) -> IssueCode.DOC_TABLE_TITLE.message("从" + list + "起的表格上方没有标题"));
                }
            }
        }
    }

    /** A caption: 图1 …; below a picture also a short centred line that is not a sentence. */
    private boolean looksLikeCaption(WordBody.Para p, boolean strict) {
        String t = p.text().strip();
        if (p.table() >= 0 || !shortText(t) || role(p) == Role.SUBHEADING) {
            return false;
        }
        return caption.matcher(t).find()
                || (!strict && "center".equals(p.format().align()) && !SENTENCE_END.matcher(t).find());
    }

    /** A table title: 表1 …; above a table also a short line that is not a sentence (…如下：). */
    private boolean looksLikeTableTitle(WordBody.Para p, boolean strict) {
        String t = p.text().strip();
        if (p.table() >= 0 || p.picture() || !shortText(t) || role(p) == Role.SUBHEADING
                || role(p) == Role.TITLE) {
            return false;
        }
        return tableTitle.matcher(t).find() || (!strict && !SENTENCE_END.matcher(t).find());
    }

    private boolean shortText(String t) {
        return t.length() <= rules.headingMaxChars();
    }

    /** The next paragraph with text or a picture after index i, in the body (not a table), or -1. */
    private int nextFilled(int i) {
        for (int j = i + 1; j < paras.size(); j++) {
            WordBody.Para q = paras.get(j);
            if (q.table() >= 0) {
                return -1;
            }
            if (!q.blank() || q.picture()) {
                return j;
            }
        }
        return -1;
    }

    private int previousFilled(int i) {
        for (int j = i - 1; j >= 0; j--) {
            WordBody.Para q = paras.get(j);
            if (q.table() >= 0) {
                return -1;
            }
            if (!q.blank() || q.picture()) {
                return q.picture() ? -1 : j;
            }
        }
        return -1;
    }
}
