package cn.huizong.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a written unit name is made comparable beyond layout (campaign YAML, {@code unitNames}): the seal marks
 * written after it ((公章)) and the variants of a name that mean the same unit (教体局 → 教育局). The registry
 * comes before the campaign, so the campaign hands these to {@link Registry#withNames}.
 *
 * @param sealWords    words in brackets at the end of a name that are a seal mark, not part of it
 * @param replacements variants replaced in their order, longest first where one contains another
 */
public record UnitNames(List<String> sealWords, Map<String, String> replacements) {

    /** Today's rules, used when the campaign says nothing. */
    public static final UnitNames DEFAULT = new UnitNames(List.of("公章", "盖章", "章"),
            linked("教育体育局", "教育局", "教体局", "教育局"));

    public UnitNames {
        sealWords = List.copyOf(sealWords);
        replacements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replacements));
    }

    Pattern sealPattern() {
        return Pattern.compile("\\((?:" + String.join("|", sealWords.stream().map(Pattern::quote).toList()) + ")\\)$");
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
