package cn.huizong.documents;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.DocumentRules;
import cn.huizong.campaign.DocumentRules.PlanRule;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.Failures;
import cn.huizong.reading.FormatSniffer;
import cn.huizong.reading.ReadFailure;
import cn.huizong.registry.UnitType;
import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;

/**
 * Checks one received Word document against the campaign's rules (YAML {@code writeups:}): what it is (a case
 * write-up of 附件4, a plan of 附件2/3, something else), its title and pictures, and its problems. A .docx is
 * judged on the formatting Word shows; a .doc on its margins and sizes; a .wps, .pdf or .ofd is recorded, not
 * judged. Never throws on a bad file: what cannot be read is an issue. Meant for the documents a unit sends
 * (.docx, .doc, .wps, .pdf, .ofd, .rtf); the JPGs sent beside a write-up are its pictures, matched by the caller
 * through {@link DocumentReport#pictures()}.
 */
public final class DocumentChecker {

    private DocumentChecker() {
    }

    public static DocumentReport check(Path file, String name, Campaign campaign) {
        return check(file, name, campaign, null);
    }

    /**
     * @param name     the file's name as received (its extension and words count)
     * @param unitType the sending unit's type, which says which plan a title of 实施方案 is; null if unknown
     */
    public static DocumentReport check(Path file, String name, Campaign campaign, UnitType unitType) {
        DocumentRules rules = campaign.documents();
        String ext = FileKind.extension(name);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        } catch (IOException e) {
            return rejected(name, ext, IssueCode.UNREADABLE_FILE, WordMessages.unreadable("读取失败"), rules);
        }
        if (head.length == 0) {
            return rejected(name, ext, IssueCode.UNREADABLE_FILE, WordMessages.unreadable("文件为空（0 字节）"), rules);
        }
        try {
            if (FormatSniffer.isZip(head) && !ext.equals("wps") && !ext.equals("ofd")) {
                return docx(file.toFile(), name, rules, unitType);
            }
            if (FormatSniffer.isOle2(head) && (ext.equals("doc") || ext.equals("dot") || ext.equals("docx"))) {
                if (encrypted(file.toFile())) {
                    return rejected(name, ext, IssueCode.ENCRYPTED_FILE, WordMessages.ENCRYPTED, rules);
                }
                return doc(file.toFile(), name, rules, unitType);
            }
        } catch (ReadFailure f) {
            IssueCode code = IssueCode.of(f.reason());
            String message = code == IssueCode.ENCRYPTED_FILE ? WordMessages.ENCRYPTED
                    : code == IssueCode.UNREADABLE_FILE ? WordMessages.unreadable(f.detail())
                            : code.message(f.detail());
            return rejected(name, ext, code, message, rules);
        }
        String format = ext.isEmpty() ? "无扩展名的文件" : "." + ext + " 文件";
        return new DocumentReport(name, ext, kindByName(name, rules), null, false, List.of(),
                List.of(Issue.file(IssueCode.DOC_NOT_DOCX, IssueCode.DOC_NOT_DOCX.message(format, "未核查格式"))));
    }

    private static DocumentReport docx(File file, String name, DocumentRules rules, UnitType unitType)
            throws ReadFailure {
        WordBody body;
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file, PackageAccess.READ);
            body = WordBody.read(new XWPFDocument(pkg));
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            throw Failures.classify(e, Failures.DAMAGED);
        } finally {
            if (pkg != null) {
                pkg.revert(); // opened read-only: closed without writing anything back
            }
        }
        return judge(name, "docx", body, rules, unitType, true, List.of());
    }

    private static DocumentReport doc(File file, String name, DocumentRules rules, UnitType unitType)
            throws ReadFailure {
        WordBody body;
        try {
            body = LegacyWord.read(file);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            ReadFailure f = Failures.classify(e, Failures.DAMAGED);
            if (f.reason() == ReadFailure.Reason.ENCRYPTED) {
                throw f;
            }
            // Word 6/95 and what HWPF cannot follow: recorded with the request for a .docx
            return new DocumentReport(name, "doc", kindByName(name, rules), null, false, List.of(), List.of(
                    Issue.file(IssueCode.DOC_NOT_DOCX, IssueCode.DOC_NOT_DOCX.message(".doc 文件", "无法读取其格式"))));
        }
        Issue request = Issue.file(IssueCode.DOC_NOT_DOCX,
                IssueCode.DOC_NOT_DOCX.message(".doc 文件", "只核查了页边距、字号和各部分，字体、行距、图题和表题未核查"));
        return judge(name, "doc", body, LegacyWord.sizesOnly(rules), unitType, false, List.of(request));
    }

    private static DocumentReport judge(String name, String format, WordBody body, DocumentRules rules,
            UnitType unitType, boolean placement, List<Issue> first) {
        Layout layout = Layout.of(body.paras, rules);
        DocumentKind kind = kind(layout, name, rules, unitType);
        List<Issue> issues = new java.util.ArrayList<>(first);
        if (kind == DocumentKind.WRITEUP) {
            issues.addAll(WriteupCheck.check(body, layout, rules, placement).issues());
        } else if (kind != DocumentKind.OTHER) {
            plan(kind, rules).ifPresent(p -> issues.addAll(WriteupCheck.sections(layout, p.sections(), p.label())
                    .issues()));
        }
        List<String> shown = List.of();
        if (kind != DocumentKind.WRITEUP && kind != DocumentKind.OTHER) {
            List<String> headings = layout.headings();
            shown = rules.plans().stream().filter(p -> !p.sections().isEmpty() && p.sections().stream()
                    .allMatch(s -> headings.stream().anyMatch(h -> h.contains(s)))).map(PlanRule::kind).toList();
        }
        return new DocumentReport(name, format, kind, layout.title, true, body.pictures, issues, shown);
    }

    /**
     * By title words: 一地一策 → 附件2, 一校一品/一校多品 → 附件3, 实施方案 → the plan of the unit's type (or of the
     * sections it shows); else a write-up if it shows enough of the 附件4 sections.
     */
    static DocumentKind kind(Layout layout, String name, DocumentRules rules, UnitType unitType) {
        String title = layout.title == null ? "" : layout.title;
        for (PlanRule p : rules.plans()) {
            if (p.titleWords().stream().anyMatch(title::contains)) {
                return DocumentKind.ofPlan(p.kind());
            }
        }
        List<String> headings = layout.headings();
        if (rules.planWords().stream().anyMatch(title::contains)) {
            for (PlanRule p : rules.plans()) {
                if (unitType != null && p.unitTypes().contains(unitType)) {
                    return DocumentKind.ofPlan(p.kind());
                }
            }
            PlanRule best = null;
            long bestCount = 0;
            for (PlanRule p : rules.plans()) {
                long n = p.sections().stream().filter(s -> headings.stream().anyMatch(h -> h.contains(s))).count();
                if (n > bestCount) {
                    best = p;
                    bestCount = n;
                }
            }
            if (best != null) {
                return DocumentKind.ofPlan(best.kind());
            }
        }
        long sections = rules.sections().stream().filter(s -> headings.stream().anyMatch(h -> h.contains(s))).count();
        if (sections >= rules.minSections()) {
            return DocumentKind.WRITEUP;
        }
        return layout.title == null ? kindByName(name, rules) : DocumentKind.OTHER;
    }

    /** A document whose content was not read: by the words of its file name. */
    public static DocumentKind kindByName(String name, DocumentRules rules) {
        for (PlanRule p : rules.plans()) {
            if (p.titleWords().stream().anyMatch(name::contains)) {
                return DocumentKind.ofPlan(p.kind());
            }
        }
        if (rules.writeupNameWords().stream().anyMatch(name::contains)) {
            return DocumentKind.WRITEUP;
        }
        return DocumentKind.OTHER;
    }

    private static Optional<PlanRule> plan(DocumentKind kind, DocumentRules rules) {
        return rules.plans().stream().filter(p -> DocumentKind.ofPlan(p.kind()) == kind).findFirst();
    }

    /** An OLE2 file named .docx or .doc holding Office's encryption streams (a password-protected document). */
    private static boolean encrypted(File file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file, true)) {
            return fs.getRoot().hasEntry("EncryptionInfo") || fs.getRoot().hasEntry("EncryptedPackage");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static DocumentReport rejected(String name, String ext, IssueCode code, String message,
            DocumentRules rules) {
        return new DocumentReport(name, ext.toLowerCase(Locale.ROOT), kindByName(name, rules), null, false, List.of(),
                List.of(Issue.file(code, message)));
    }
}
