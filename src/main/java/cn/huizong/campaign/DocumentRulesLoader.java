package cn.huizong.campaign;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import cn.huizong.campaign.DocumentRules.LineSpacing;
import cn.huizong.campaign.DocumentRules.Margins;
import cn.huizong.campaign.DocumentRules.PlanRule;
import cn.huizong.campaign.DocumentRules.RoleRule;
import cn.huizong.registry.UnitType;

/** The {@code writeups:} section of a campaign YAML; absent, documents are not judged. */
final class DocumentRulesLoader {

    static final List<String> ROLES = List.of("title", "subheading", "minorHeading", "body", "caption", "tableTitle",
            "tableCell");
    private static final Pattern LINE = Pattern.compile("(exact|multiple)\\s+(\\d+(?:\\.\\d+)?)|single");

    private DocumentRulesLoader() {
    }

    static DocumentRules parse(Object section, String source) {
        if (section == null) {
            return DocumentRules.NONE;
        }
        Map<String, Object> w = map(section, "writeups", source);
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        map(w.getOrDefault("fonts", Map.of()), "writeups.fonts", source)
                .forEach((face, names) -> aliases.put(face, strings(names)));
        Map<String, String> wrong = new LinkedHashMap<>();
        map(w.getOrDefault("wrongFonts", Map.of()), "writeups.wrongFonts", source)
                .forEach((name, face) -> wrong.put(name, String.valueOf(face)));
        Map<String, RoleRule> roles = new LinkedHashMap<>();
        map(w.getOrDefault("roles", Map.of()), "writeups.roles", source).forEach((role, rule) -> {
            if (!ROLES.contains(role)) {
                throw bad(source, "writeups.roles 的“" + role + "”不是已知的段落类别，应为 " + String.join("、", ROLES) + " 之一");
            }
            roles.put(role, role(map(rule, "writeups.roles." + role, source), role, source));
        });
        Map<String, Object> m = map(w.getOrDefault("margins", Map.of()), "writeups.margins", source);
        Margins margins = m.isEmpty() ? null : new Margins(decimal(m.get("top"), "margins.top", source),
                decimal(m.get("bottom"), "margins.bottom", source), decimal(m.get("left"), "margins.left", source),
                decimal(m.get("right"), "margins.right", source),
                decimal(m.getOrDefault("tolerance", 0.02), "margins.tolerance", source));
        List<PlanRule> plans = new ArrayList<>();
        for (Object o : list(w.getOrDefault("plans", List.of()), "writeups.plans", source)) {
            Map<String, Object> p = map(o, "writeups.plans", source);
            if (!List.of("city", "school").contains(String.valueOf(p.get("kind")))) {
                throw bad(source, "writeups.plans 的 kind“" + p.get("kind") + "”无效，应为 city（附件2）或 school（附件3）");
            }
            Object deadline = p.get("deadline");
            plans.add(new PlanRule(String.valueOf(p.get("kind")), String.valueOf(p.getOrDefault("label", p.get("kind"))),
                    strings(p.get("titleWords")),
                    strings(p.get("unitTypes")).stream().map(t -> UnitType.fromCode(t).orElseThrow(() -> bad(source,
                            "writeups.plans 的单位类型“" + t + "”无效，应为 city、dfc、undergrad 或 vocational"))).toList(),
                    strings(p.get("sections")), deadline == null ? null
                            : deadline instanceof java.util.Date d
                                    ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                                    : LocalDate.parse(String.valueOf(deadline))));
        }
        return new DocumentRules(aliases, wrong, roles, margins,
                pattern(w, "subheadingPattern", "^[一二三四五六七八九十]+[、．.]", source),
                pattern(w, "minorHeadingPattern", "^[（(][一二三四五六七八九十]+[）)]", source),
                pattern(w, "captionPattern", "^图\\s*[0-9０-９一二三四五六七八九十]", source),
                pattern(w, "tableTitlePattern", "^(续)?表\\s*[0-9０-９一二三四五六七八九十]", source),
                (int) decimal(w.getOrDefault("headingMaxChars", 40), "headingMaxChars", source),
                strings(w.get("sections")), (int) decimal(w.getOrDefault("minSections", 2), "minSections", source),
                strings(w.get("writeupNameWords")), strings(w.get("planWords")), plans);
    }

    private static RoleRule role(Map<String, Object> r, String role, String source) {
        LineSpacing spacing = null;
        if (r.get("lineSpacing") != null) {
            var m = LINE.matcher(String.valueOf(r.get("lineSpacing")).strip());
            if (!m.matches()) {
                throw bad(source, "writeups.roles." + role + ".lineSpacing“" + r.get("lineSpacing")
                        + "”无效，应为 exact 30（固定值30磅）、single（单倍行距）或 multiple 1.5（1.5倍行距）");
            }
            spacing = m.group(1) == null ? new LineSpacing(false, 1)
                    : new LineSpacing(m.group(1).equals("exact"), Double.parseDouble(m.group(2)));
        }
        Object size = r.get("size");
        return new RoleRule(text(r.get("font")), text(r.get("latinFont")),
                size == null ? null : decimal(size, "roles." + role + ".size", source), spacing, text(r.get("align")));
    }

    private static String pattern(Map<String, Object> w, String key, String fallback, String source) {
        String p = String.valueOf(w.getOrDefault(key, fallback));
        try {
            Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw bad(source, "writeups." + key + "“" + p + "”不是有效的正则表达式");
        }
        return p;
    }

    private static double decimal(Object v, String key, String source) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw bad(source, "writeups." + key + " 应为数字，现为“" + v + "”");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String key, String source) {
        if (!(v instanceof Map<?, ?> m)) {
            throw bad(source, "“" + key + "”应为“键: 值”的对照，现为“" + v + "”");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) m).forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, String key, String source) {
        if (!(v instanceof List<?> l)) {
            throw bad(source, "“" + key + "”应为列表，现为“" + v + "”");
        }
        return (List<Object>) l;
    }

    private static String text(Object v) {
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).strip();
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of() : List.of(String.valueOf(v));
    }

    private static IllegalArgumentException bad(String source, String what) {
        return new IllegalArgumentException("活动定义 " + source + " 中" + what);
    }
}
