package cn.huizong.reporting;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFComments;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTMarkupRange;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;

import cn.huizong.campaign.DocumentRules;
import cn.huizong.documents.WordParagraphs;

/**
 * Word comments on the paragraphs a .docx's issues name, one comment per issue and paragraph: the issue's
 * message, on each paragraph its message lists (“第2、4、7段等12段”: 2, 4 and 7, as many as the checker lists,
 * so a copy never carries hundreds of comments), else on the paragraph of its row; an issue of the whole
 * document (margins, missing sections, no matching case) on the title. Paragraphs are found by
 * {@link WordParagraphs}, the checker's own numbering. Each comment is a real one (word/comments.xml, a
 * commentRangeStart/commentRangeEnd pair around the paragraph's content and a commentReference run), which Word,
 * WPS and LibreOffice show beside the page.
 */
final class WordComments {

    /** The paragraph list in a message (第2、4、7段), as documents/Findings writes it. */
    private static final Pattern LISTED = Pattern.compile("第(\\d+(?:、\\d+)*)段");
    private static final javax.xml.namespace.QName START = new javax.xml.namespace.QName(
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "commentRangeStart");
    /** Enough for every issue of a write-up; a pathological file stops here rather than growing without end. */
    static final int MAX_COMMENTS = 300;

    /** Who writes the comments and when: the organisation (河南省教育厅), its short name, the run's time. */
    record Author(String name, String initials, Calendar date) {
    }

    private WordComments() {
    }

    /** @return the number of comments put on the document */
    static int mark(XWPFDocument doc, List<ReportData.IssueRow> issues, DocumentRules rules, Author author) {
        WordParagraphs paragraphs = WordParagraphs.of(doc, rules);
        if (paragraphs.paragraphs().isEmpty()) {
            return 0;
        }
        XWPFComments comments = doc.createComments(); // the document's own, where it has some: ids go on after them
        BigInteger next = BigInteger.ZERO;
        for (XWPFComment c : comments.getComments()) {
            try {
                next = next.max(new BigInteger(c.getId()).add(BigInteger.ONE));
            } catch (NumberFormatException | NullPointerException e) {
                // an id Word would not write: ours are numbers after the others anyway
            }
        }
        int made = 0;
        for (ReportData.IssueRow issue : issues) {
            for (int n : paragraphsOf(issue, paragraphs)) {
                if (made >= MAX_COMMENTS) {
                    return made;
                }
                comment(comments, paragraphs.number(n), next, issue.message(), author);
                next = next.add(BigInteger.ONE);
                made++;
            }
        }
        return made;
    }

    /**
     * The paragraphs an issue is about: those its message lists where the list starts at its row, else its row,
     * else (the whole document, or a row past the end) the title or the first paragraph.
     */
    static List<Integer> paragraphsOf(ReportData.IssueRow issue, WordParagraphs paragraphs) {
        Integer row = issue.row();
        Set<Integer> out = new LinkedHashSet<>();
        if (row != null && paragraphs.number(row) != null) {
            Matcher m = LISTED.matcher(issue.message());
            while (m.find()) {
                String[] numbers = m.group(1).split("、");
                if (Integer.parseInt(numbers[0]) == row) {
                    for (String s : numbers) {
                        if (paragraphs.number(Integer.parseInt(s)) != null) {
                            out.add(Integer.parseInt(s));
                        }
                    }
                    break;
                }
            }
            out.add(row);
        } else {
            out.add(paragraphs.title() > 0 ? paragraphs.title() : 1);
        }
        return new ArrayList<>(out);
    }

    private static void comment(XWPFComments comments, XWPFParagraph p, BigInteger id, String text, Author author) {
        XWPFComment c = comments.createComment(id);
        c.setAuthor(author.name());
        c.setInitials(author.initials());
        c.setDate(author.date());
        XWPFParagraph body = c.createParagraph();
        body.createRun().getCTR().addNewAnnotationRef(); // the comment's mark, first, as Word writes it
        body.createRun().setText(text);

        CTP ctp = p.getCTP();
        CTMarkupRange start = ctp.addNewCommentRangeStart();
        start.setId(id);
        // the range opens before the paragraph's content (after its properties and the ranges opened before it,
        // so that a paragraph's comments keep the issues' order): added elements go last
        try (XmlCursor from = start.newCursor(); XmlCursor to = ctp.newCursor()) {
            boolean at = to.toFirstChild();
            if (at && to.getObject() instanceof CTPPr) {
                at = to.toNextSibling();
            }
            while (at && to.getObject() instanceof CTMarkupRange && !to.isAtSamePositionAs(from)
                    && START.equals(to.getName())) {
                at = to.toNextSibling();
            }
            if (at && !to.isAtSamePositionAs(from)) {
                from.moveXml(to);
            }
        }
        ctp.addNewCommentRangeEnd().setId(id);
        ctp.addNewR().addNewCommentReference().setId(id);
    }
}
