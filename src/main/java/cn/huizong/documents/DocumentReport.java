package cn.huizong.documents;

import java.util.List;

import cn.huizong.validation.Issue;
import cn.huizong.validation.Severity;

/**
 * The check of one received document, as data.
 *
 * @param name     the file's name as received
 * @param format   its format by content: docx, doc, wps, pdf, ofd …
 * @param kind     write-up, plan or other
 * @param title    its first non-empty paragraph (null where the content was not read)
 * @param checked  its layout was judged (false for .pdf/.wps/.ofd and unreadable files)
 * @param pictures the pictures inside it, each once
 * @param issues   one per rule and paragraph role, the paragraph number as row (0 for the whole file)
 * @param plansShown the plans (their kind: city, school) whose every section the content shows, whatever its
 *                 title says: resolution counts a plan titled as the other kind for a unit whose plan it follows
 */
public record DocumentReport(String name, String format, DocumentKind kind, String title, boolean checked,
        List<DocumentPicture> pictures, List<Issue> issues, List<String> plansShown) {

    public DocumentReport {
        pictures = List.copyOf(pictures);
        issues = List.copyOf(issues);
        plansShown = List.copyOf(plansShown);
    }

    public DocumentReport(String name, String format, DocumentKind kind, String title, boolean checked,
            List<DocumentPicture> pictures, List<Issue> issues) {
        this(name, format, kind, title, checked, pictures, issues, List.of());
    }

    public int pictureCount() {
        return pictures.size();
    }

    /** ok, has_problems, not_checked (recorded, not judged) or rejected (could not be read). */
    public String status() {
        if (issues.stream().anyMatch(i -> i.severity() == Severity.ERROR)) {
            return "rejected";
        }
        if (!checked) {
            return "not_checked";
        }
        return issues.isEmpty() ? "ok" : "has_problems";
    }
}
