package cn.huizong.campaign;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import cn.huizong.registry.UnitType;

/**
 * What a received Word document is checked against (campaign YAML, {@code writeups:}): the layout of a case
 * write-up (附件4) by paragraph role, its sections, and the plans (附件2/3) by their section headings.
 *
 * @param fontAliases       a face and the other names Word and WPS save it under (仿宋_GB2312: [FangSong_GB2312])
 * @param wrongFonts        names that look like a required face but are another one (仿宋 → 仿宋_GB2312)
 * @param roles             layout per paragraph role: title, subheading, minorHeading, body, caption,
 *                          tableTitle, tableCell
 * @param margins           page margins in centimetres, with their tolerance
 * @param subheadingPattern a paragraph (no longer than {@code headingMaxChars}) starting like this is a subheading
 * @param minorHeadingPattern likewise for a second-level heading (（一）)
 * @param captionPattern    a paragraph starting like this is a picture caption (图1)
 * @param tableTitlePattern a paragraph starting like this is a table title (表1)
 * @param headingMaxChars   longest text a heading, caption or table title may have
 * @param sections          the write-up's sections, found in its subheadings
 * @param minSections       sections a document must show to count as a write-up
 * @param writeupNameWords  file-name words of a write-up whose content cannot be read (.pdf, .wps)
 * @param planWords         title words of a plan whose kind follows the sending unit's type (实施方案)
 * @param plans             the implementation plans (附件2 一地一策, 附件3 一校一品)
 */
public record DocumentRules(
        Map<String, List<String>> fontAliases,
        Map<String, String> wrongFonts,
        Map<String, RoleRule> roles,
        Margins margins,
        String subheadingPattern,
        String minorHeadingPattern,
        String captionPattern,
        String tableTitlePattern,
        int headingMaxChars,
        List<String> sections,
        int minSections,
        List<String> writeupNameWords,
        List<String> planWords,
        List<PlanRule> plans) {

    /** A campaign without write-up rules: documents are classified as other and not judged. */
    public static final DocumentRules NONE = new DocumentRules(Map.of(), Map.of(), Map.of(), null, "^$", "^$", "^$",
            "^$", 0, List.of(), Integer.MAX_VALUE, List.of(), List.of(), List.of());

    public DocumentRules {
        fontAliases = Map.copyOf(fontAliases);
        wrongFonts = Map.copyOf(wrongFonts);
        roles = Map.copyOf(roles);
        sections = List.copyOf(sections);
        writeupNameWords = List.copyOf(writeupNameWords);
        planWords = List.copyOf(planWords);
        plans = List.copyOf(plans);
    }

    public Optional<RoleRule> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    /** The face a font name stands for (FangSong_GB2312 → 仿宋_GB2312), or the name itself. */
    public String face(String fontName) {
        if (fontName == null) {
            return null;
        }
        String key = fontKey(fontName);
        for (Map.Entry<String, List<String>> e : fontAliases.entrySet()) {
            if (fontKey(e.getKey()).equals(key) || e.getValue().stream().anyMatch(a -> fontKey(a).equals(key))) {
                return e.getKey();
            }
        }
        return fontName.strip();
    }

    /** Font names compare without case and spaces (Times New Roman = TimesNewRoman). */
    public static String fontKey(String name) {
        return name.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Layout of one paragraph role; a null field is not checked.
     *
     * @param font        face of CJK text (the eastAsia slot)
     * @param latinFont   face of ASCII digits and Latin letters (the ascii and hAnsi slots)
     * @param sizePoints  font size in points (三号 = 16)
     * @param lineSpacing line spacing
     * @param align       paragraph alignment: left, center, right, both
     */
    public record RoleRule(String font, String latinFont, Double sizePoints, LineSpacing lineSpacing, String align) {
    }

    /** Line spacing: exact N points, or a multiple of single lines (single = multiple 1). */
    public record LineSpacing(boolean exact, double value) {

        /** Word's w:spacing line value: twips for exact, 240ths of a line for a multiple. */
        public int wordLine() {
            return (int) Math.round(exact ? value * 20 : value * 240);
        }
    }

    /** Page margins in centimetres, each allowed to differ by the tolerance. */
    public record Margins(double top, double bottom, double left, double right, double tolerance) {
    }

    /**
     * An implementation plan the notice asks for.
     *
     * @param kind       city or school
     * @param label      what the notice calls it (附件2 “一地一策”实施方案)
     * @param titleWords title words that make a document this plan (一地一策)
     * @param unitTypes  units whose 实施方案 is this plan
     * @param sections   the template's section headings
     * @param deadline   when it is due
     */
    public record PlanRule(String kind, String label, List<String> titleWords, List<UnitType> unitTypes,
            List<String> sections, LocalDate deadline) {

        public PlanRule {
            titleWords = List.copyOf(titleWords);
            unitTypes = List.copyOf(unitTypes);
            sections = List.copyOf(sections);
        }
    }
}
