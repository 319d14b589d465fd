package cn.huizong.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import cn.huizong.support.Sha256;
import cn.huizong.registry.UnitType;

/** Reads a campaign YAML into a {@link Campaign}, failing with a Chinese message that names the bad entry. */
public final class CampaignLoader {

    private static final Pattern MONTH_DAY = Pattern.compile("(\\d{1,2})-(\\d{1,2})");

    /** Bundled copy of the shipped campaign, used when no file is given and jobs/ is absent. */
    public static final String BUNDLED = "/jobs/jiaoyu-zhuqi-2025.yml";

    private CampaignLoader() {
    }

    public static Campaign load(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    public static Campaign loadBundled() throws IOException {
        try (InputStream in = CampaignLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("bundled campaign missing: " + BUNDLED);
            }
            return parse(in.readAllBytes(), "内置活动定义");
        }
    }

    @SuppressWarnings("unchecked")
    public static Campaign parse(byte[] bytes, String source) {
        Object doc;
        try {
            // SafeConstructor: plain maps and lists only, no arbitrary types from the file.
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("活动定义 " + source + " 不是有效的 YAML：" + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("活动定义 " + source + " 为空或格式不对");
        }
        Map<String, Object> m = (Map<String, Object>) root;
        List<TemplateSpec> templates = new ArrayList<>();
        for (Object t : list(m, "templates", source)) {
            templates.add(template(entry(t, "templates", source), source));
        }
        checkTemplates(templates, source);
        Map<UnitType, Integer> quotas = new EnumMap<>(UnitType.class);
        map(m, "quotas", source).forEach((k, v) -> quotas.put(type(k, source),
                number(v, "quotas." + k, source)));
        List<Campaign.TypeKeywords> keywords = new ArrayList<>();
        for (Object o : listOrEmpty(m, "unitTypeKeywords", source)) {
            Map<String, Object> k = entry(o, "unitTypeKeywords", source);
            keywords.add(new Campaign.TypeKeywords(type(String.valueOf(k.get("type")), source), strings(k.get("words"))));
        }
        return new Campaign(
                str(m, "id", source),
                String.valueOf(m.getOrDefault("title", m.get("id"))),
                ZoneId.of(String.valueOf(m.getOrDefault("timezone", "Asia/Shanghai"))),
                number(m.getOrDefault("rulesVersion", 1), "rulesVersion", source),
                strings(m.getOrDefault("unitLabels", List.of("填报单位", "推荐单位"))),
                List.copyOf(templates),
                quotas,
                List.copyOf(keywords),
                strings(m.getOrDefault("ongoingWords", List.of("长期", "持续推进", "长期坚持"))),
                deadlineWords(m, source),
                rowWords(m, source),
                number(m.getOrDefault("correctionDays", 3), "correctionDays", source),
                Sha256.of(bytes),
                DocumentRulesLoader.parse(m.get("writeups"), source));
    }

    @SuppressWarnings("unchecked")
    private static TemplateSpec template(Map<String, Object> t, String source) {
        List<ColumnSpec> columns = new ArrayList<>();
        for (Object o : list(t, "columns", source)) {
            Map<String, Object> c = entry(o, "columns", source);
            if (flag(c, "numbersOnly") && !flag(c, "phone")) {
                throw new IllegalArgumentException("活动定义 " + source + " 中的列“" + c.get("key")
                        + "”设置了 numbersOnly，但不是电话列（应同时设置 phone: true）");
            }
            columns.add(new ColumnSpec(
                    str(c, "key", source),
                    str(c, "title", source),
                    strings(c.getOrDefault("aliases", List.of())),
                    flag(c, "required"), flag(c, "fillDown"), flag(c, "phone"), flag(c, "date"),
                    number(c.getOrDefault("maxLength", 0), "columns." + c.get("key") + ".maxLength", source),
                    flag(c, "unitType"), flag(c, "sequence"), flag(c, "crossUnitDuplicate"), flag(c, "keyed"),
                    flag(c, "numbersOnly")));
        }
        List<UnitType> requiredFrom = strings(t.getOrDefault("requiredFrom", List.of())).stream()
                .map(s -> type(s, source)).toList();
        String id = str(t, "id", source);
        Object deadline = t.get("deadline");
        LocalDate date = deadline instanceof java.util.Date d
                ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                : LocalDate.parse(String.valueOf(deadline));
        String title = String.valueOf(t.getOrDefault("title", id));
        String shortName = String.valueOf(t.getOrDefault("shortName", title.replaceFirst("^附件\\d+\\s*", "")));
        String label = TemplateSpec.labelOf(title, shortName);
        return new TemplateSpec(id, title, date, requiredFrom,
                String.valueOf(t.getOrDefault("missingStatus", "missing")), flag(t, "quotaApplies"),
                String.valueOf(t.getOrDefault("output", id + ".csv")), List.copyOf(columns), shortName,
                String.valueOf(t.getOrDefault("missingLabel", "未报送" + label + "的单位")));
    }

    /**
     * deadlineWords (word: MM-DD), deadlineWordsAssumed (words among them) and deadlineYear. Without a
     * deadlineWords section a year's end (年底, 年末) is still understood, as it always was.
     */
    @SuppressWarnings("unchecked")
    private static DeadlineWords deadlineWords(Map<String, Object> m, String source) {
        Object section = m.getOrDefault("deadlineWords", Map.of("年底", "12-31", "年末", "12-31"));
        if (!(section instanceof Map<?, ?> words)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中的“deadlineWords”应为“词: 月-日”的对照，如 上半年: 06-30");
        }
        Map<String, MonthDay> monthDays = new HashMap<>();
        ((Map<Object, Object>) words).forEach((word, value) -> {
            Matcher md = MONTH_DAY.matcher(String.valueOf(value).strip());
            MonthDay day = null;
            try {
                day = md.matches() ? MonthDay.of(Integer.parseInt(md.group(1)), Integer.parseInt(md.group(2))) : null;
            } catch (DateTimeException e) {
                // reported below with the entry
            }
            if (word == null || String.valueOf(word).isBlank() || day == null) {
                throw new IllegalArgumentException("活动定义 " + source + " 中 deadlineWords 的“" + word + ": " + value
                        + "”无效，应为“词: 月-日”，如 上半年: 06-30");
            }
            monthDays.put(DeadlineWords.key(String.valueOf(word)), day);
        });
        Set<String> assumed = new HashSet<>();
        for (String word : strings(m.get("deadlineWordsAssumed"))) {
            if (!monthDays.containsKey(DeadlineWords.key(word))) {
                throw new IllegalArgumentException("活动定义 " + source + " 中 deadlineWordsAssumed 的“" + word
                        + "”不在 deadlineWords 中，请先在 deadlineWords 中写明它对应的月-日");
            }
            assumed.add(DeadlineWords.key(word));
        }
        Object year = m.get("deadlineYear");
        if (year != null && !(year instanceof Integer y && y >= 2000 && y <= 2100)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中的 deadlineYear“" + year + "”无效，应为四位年份，如 2026");
        }
        return new DeadlineWords(monthDays, assumed, (Integer) year);
    }

    private static UnitType type(String code, String source) {
        return UnitType.fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                "活动定义 " + source + " 中的单位类型“" + code + "”无效，应为 city、dfc、undergrad 或 vocational"));
    }

    /** Template ids and feed names must be unique, and no feed may take the name of a fixed one. */
    private static void checkTemplates(List<TemplateSpec> templates, String source) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Set<String> feeds = new java.util.HashSet<>(List.of("submissions.csv", "quota.csv", "issues.csv",
                "completeness.csv"));
        for (TemplateSpec t : templates) {
            if (!ids.add(t.id())) {
                throw new IllegalArgumentException("活动定义 " + source + " 中模板编号“" + t.id() + "”重复，每个模板的 id 须不同");
            }
            if (!feeds.add(t.output())) {
                throw new IllegalArgumentException("活动定义 " + source + " 中模板“" + t.id() + "”的输出文件名“" + t.output()
                        + "”与其他输出重名，请换一个名字（submissions.csv、quota.csv、issues.csv、completeness.csv 已占用）");
            }
        }
    }

    /** An integer written as a number or as digits in quotes; anything else names its key. */
    private static int number(Object v, String key, String source) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s && s.strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(s.strip());
        }
        throw new IllegalArgumentException("活动定义 " + source + " 中“" + key + "”应为整数，现为“" + v + "”");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Object o, String key, String source) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + key + "”的每一项应为“键: 值”的对照，现为“" + o + "”");
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key, String source) {
        Object v = m.getOrDefault(key, Map.of());
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + key + "”应为“键: 值”的对照，现为“" + v + "”");
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOrEmpty(Map<String, Object> m, String key, String source) {
        Object v = m.getOrDefault(key, List.of());
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + key + "”应为列表，现为“" + v + "”");
        }
        return (List<Object>) l;
    }

    private static boolean flag(Map<String, Object> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    private static String str(Map<String, Object> m, String key, String source) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException("活动定义 " + source + " 缺少必填项“" + key + "”");
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key, String source) {
        Object v = m.get(key);
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("活动定义 " + source + " 缺少列表“" + key + "”");
        }
        return (List<Object>) l;
    }

    /** rowWords: each list replaces its default when given; an unknown key is a mistake worth naming. */
    @SuppressWarnings("unchecked")
    private static RowWords rowWords(Map<String, Object> m, String source) {
        Object section = m.get("rowWords");
        if (section == null) {
            return RowWords.DEFAULT;
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中的“rowWords”应为“类别: [词, …]”的对照，如 total: [合计, 小计]");
        }
        Map<String, Object> w = (Map<String, Object>) map;
        List<String> known = List.of("example", "placeholders", "total", "note", "signature", "sameAsAbove", "sameAsLeft",
                "quietColumns");
        for (String key : w.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("活动定义 " + source + " 中 rowWords 的“" + key + "”不是已知类别，应为 "
                        + String.join("、", known) + " 之一");
            }
        }
        RowWords d = RowWords.DEFAULT;
        return new RowWords(words(w, "example", d.example()), words(w, "placeholders", d.placeholders()),
                words(w, "total", d.total()), words(w, "note", d.note()), words(w, "signature", d.signature()),
                words(w, "sameAsAbove", d.sameAsAbove()), words(w, "sameAsLeft", d.sameAsLeft()),
                words(w, "quietColumns", d.quietColumns()));
    }

    private static List<String> words(Map<String, Object> w, String key, List<String> fallback) {
        return w.containsKey(key) ? strings(w.get(key)) : fallback;
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of() : List.of(String.valueOf(v));
    }
}
