package cn.huizong.documents;

import java.util.List;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

import cn.huizong.campaign.DocumentRules;

/**
 * The paragraphs of a .docx numbered exactly as the checks number them in their issues (第N段, the row):
 * the same walk of the same document by {@link WordBody} (content controls, nested tables, hyperlinks and all)
 * and {@link Layout}'s title, so a comment put on paragraph N of a marked copy sits on the paragraph the issue
 * means. Read for numbering only: no picture is read again and no formatting resolved, so a photo-heavy
 * write-up does not hold its pictures twice while it is marked.
 *
 * @param paragraphs 第N段 is {@code paragraphs.get(N - 1)}
 * @param title      the number of the title paragraph (the first non-empty one, an 附件N label skipped), 0 if none
 */
public record WordParagraphs(List<XWPFParagraph> paragraphs, int title) {

    public static WordParagraphs of(XWPFDocument doc, DocumentRules rules) {
        WordBody body = WordBody.read(doc, WordBody.Reading.NUMBERING);
        Layout layout = Layout.of(body.paras, rules); // the title needs text, tables and pictures, no formatting
        int title = body.paras.stream().filter(p -> layout.role(p) == Layout.Role.TITLE).mapToInt(WordBody.Para::number)
                .findFirst().orElse(0);
        return new WordParagraphs(List.copyOf(body.sources), title);
    }

    /** Paragraph number n (1-based), or null where the document has no such paragraph. */
    public XWPFParagraph number(int n) {
        return n >= 1 && n <= paragraphs.size() ? paragraphs.get(n - 1) : null;
    }
}
