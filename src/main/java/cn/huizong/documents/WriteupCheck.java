package cn.huizong.documents;

import java.util.ArrayList;
import java.util.List;

import cn.huizong.campaign.DocumentRules;
import cn.huizong.campaign.DocumentRules.LineSpacing;
import cn.huizong.campaign.DocumentRules.RoleRule;
import cn.huizong.validation.IssueCode;

/**
 * The rules of 附件4 over a write-up's effective formatting: fonts per character class, sizes, line spacing and
 * alignment per paragraph role, pictures clipped by exact spacing, margins and the four sections.
 */
final class WriteupCheck {

    private static final double SIZE_TOLERANCE = 0.01;
    /** Twips of line spacing taken as equal (a quarter point, what Word's dialog rounds away). */
    private static final int LINE_TOLERANCE = 5;

    private final DocumentRules rules;
    private final Findings findings = new Findings();

    private WriteupCheck(DocumentRules rules) {
        this.rules = rules;
    }

    /**
     * @param placement captions and table titles placed and judged (not for a .doc, whose pictures HWPF does not
     *                  place in their paragraphs)
     */
    static Findings check(WordBody body, Layout layout, DocumentRules rules, boolean placement) {
        WriteupCheck c = new WriteupCheck(rules);
        if (placement) {
            layout.placeCaptionsAndTitles(c.findings);
        }
        for (WordBody.Para p : body.paras) {
            Layout.Role role = layout.role(p);
            if (role == Layout.Role.PICTURE) {
                c.picture(p);
            } else if (role.rule != null) {
                rules.role(role.rule).ifPresent(rule -> c.paragraph(p, role, rule));
            }
        }
        c.margins(body.margins);
        c.sections(layout.headings(), rules.sections(), DocumentKind.WRITEUP.label());
        return c.findings;
    }

    /** Only the section headings of a plan (附件2/3). */
    static Findings sections(Layout layout, List<String> sections, String label) {
        WriteupCheck c = new WriteupCheck(null);
        c.sections(layout.headings(), sections, label);
        return c.findings;
    }

    private void paragraph(WordBody.Para p, Layout.Role role, RoleRule rule) {
        String who = role.label;
        String key = role.rule;
        if (rule.font() != null) {
            String wrong = wrongFont(p, rule.font(), true);
            if (wrong != null) {
                findings.add(IssueCode.DOC_FONT, key + ".font", p.number(), wrong, (list, found) -> IssueCode.DOC_FONT
                        .message(who, "中文字体", rule.font(), list, found, rule.font()));
            }
        }
        if (rule.latinFont() != null) {
            String wrong = wrongFont(p, rule.latinFont(), false);
            if (wrong != null) {
                findings.add(IssueCode.DOC_FONT, key + ".latinFont", p.number(), wrong,
                        (list, found) -> IssueCode.DOC_FONT.message(who, "数字和英文字母字体", rule.latinFont(), list,
                                found, rule.latinFont()));
            }
        }
        if (rule.sizePoints() != null) {
            for (WordBody.Run r : p.runs()) {
                if (!r.text().isBlank() && Math.abs(r.format().points() - rule.sizePoints()) > SIZE_TOLERANCE) {
                    String expected = Wording.size(rule.sizePoints());
                    findings.add(IssueCode.DOC_FONT_SIZE, key + ".size", p.number(), Wording.size(r.format().points()),
                            (list, found) -> IssueCode.DOC_FONT_SIZE.message(who, expected, list, found, expected));
                    break;
                }
            }
        }
        LineSpacing spacing = rule.lineSpacing();
        if (spacing != null && !spacingMatches(p.format(), spacing)) {
            String expected = spacing.exact() ? Wording.exact(spacing.value()) : Wording.multiple(spacing.value());
            findings.add(IssueCode.DOC_LINE_SPACING, key + ".lineSpacing", p.number(), Wording.spacing(p.format()),
                    (list, found) -> IssueCode.DOC_LINE_SPACING.message(who, expected, list, found, expected));
        }
        if (rule.align() != null && !rule.align().equals(p.format().align())) {
            findings.add(IssueCode.DOC_ALIGNMENT, key + ".align", p.number(), Wording.align(p.format().align()),
                    (list, found) -> IssueCode.DOC_ALIGNMENT.message(who, Wording.align(rule.align()), list, found));
        }
    }

    private static boolean spacingMatches(Formatting.ParaFormat f, LineSpacing s) {
        if (s.exact() != f.exact() || (!s.exact() && !"auto".equals(f.lineRule()))) {
            return false;
        }
        return Math.abs(f.line() - s.wordLine()) <= LINE_TOLERANCE;
    }

    /** Exact line spacing shorter than the picture shows only a strip of it. */
    private void picture(WordBody.Para p) {
        Formatting.ParaFormat f = p.format();
        if (f.exact() && (p.pictureHeight() <= 0 || f.line() / 20.0 < p.pictureHeight())) {
            findings.add(IssueCode.DOC_PICTURE_CLIPPED, "picture.clipped", p.number(), Wording.spacing(f),
                    (list, found) -> IssueCode.DOC_PICTURE_CLIPPED.message(list, found));
        }
    }

    /**
     * The first font of the paragraph that is not the expected face, for the character class of the slot: CJK
     * text uses the eastAsia font, ASCII digits and letters the ascii font, other Latin letters hAnsi.
     */
    private String wrongFont(WordBody.Para p, String expected, boolean cjk) {
        String face = rules.face(expected);
        for (WordBody.Run r : p.runs()) {
            String text = r.text();
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                String font;
                if (cjk && isCjk(c)) {
                    font = r.format().eastAsia();
                } else if (!cjk && c < 0x80 && Character.isLetterOrDigit(c)) {
                    font = r.format().ascii();
                } else if (!cjk && c >= 0xC0 && c <= 0x24F && Character.isLetter(c)) {
                    font = r.format().hAnsi();
                } else {
                    continue;
                }
                if (font == null || !face.equals(rules.face(font))) {
                    return describe(font, face);
                }
                break; // one character of the class decides the run: a run has one font per slot
            }
        }
        return null;
    }

    private String describe(String font, String expected) {
        if (font == null) {
            return "未指定字体";
        }
        String meant = rules.wrongFonts().get(font.strip());
        if (meant != null && rules.face(meant).equals(expected)) {
            return font + "（" + font + "与" + expected + "不是同一种字体）";
        }
        return font;
    }

    static boolean isCjk(int c) {
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        if (s == Character.UnicodeScript.HAN) {
            return true;
        }
        // CJK punctuation and full-width forms are drawn with the eastAsia font too
        return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
    }

    private void margins(List<WordBody.Margins> sections) {
        DocumentRules.Margins want = rules.margins();
        if (want == null) {
            return;
        }
        for (WordBody.Margins m : sections) {
            double top = Measures.cm(m.top());
            double bottom = Measures.cm(m.bottom());
            double left = Measures.cm(m.left());
            double right = Measures.cm(m.right());
            double tol = want.tolerance() + 1e-9;
            if (Math.abs(top - want.top()) > tol || Math.abs(bottom - want.bottom()) > tol
                    || Math.abs(left - want.left()) > tol || Math.abs(right - want.right()) > tol) {
                String expected = want.top() == want.bottom() && want.left() == want.right()
                        ? "上下各" + Wording.cm(want.top()) + "厘米、左右各" + Wording.cm(want.left()) + "厘米"
                        : "上" + Wording.cm(want.top()) + "、下" + Wording.cm(want.bottom()) + "、左"
                                + Wording.cm(want.left()) + "、右" + Wording.cm(want.right()) + "厘米";
                findings.file(IssueCode.DOC_MARGINS, IssueCode.DOC_MARGINS.message(expected, "上" + Wording.cm(top)
                        + "、下" + Wording.cm(bottom) + "、左" + Wording.cm(left) + "、右" + Wording.cm(right) + "厘米"));
                return; // one issue: the first section that differs
            }
        }
    }

    private void sections(List<String> headings, List<String> wanted, String label) {
        List<String> missing = new ArrayList<>();
        for (String s : wanted) {
            if (headings.stream().noneMatch(h -> h.contains(s))) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            findings.file(IssueCode.DOC_MISSING_SECTION, IssueCode.DOC_MISSING_SECTION.message(
                    "“" + String.join("”“", missing) + "”", label, String.join("、", wanted), missing.get(0)));
        }
    }
}
