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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import cn.huizong.support.Sha256;
import cn.huizong.registry.UnitNames;
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
        for (Object key : m.keySet()) {
            if (!TOP_LEVEL.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("活动定义 " + source + " 中的“" + key + "”不是已知的项（拼写有误？），应为 "
                        + String.join("、", TOP_LEVEL) + " 之一");
            }
        }
        List<Campaign.UnitTypeSpec> unitTypes = unitTypes(m, source);
        Set<UnitType> known = new HashSet<>(unitTypes.stream().map(Campaign.UnitTypeSpec::type).toList());
        List<TemplateSpec> templates = new ArrayList<>();
        for (Object t : list(m, "templates", source)) {
            templates.add(template(entry(t, "templates", source), known, source));
        }
        checkTemplates(templates, source);
        Map<UnitType, Integer> quotas = new EnumMap<>(UnitType.class);
        map(m, "quotas", source).forEach((k, v) -> quotas.put(type(k, "quotas", known, source),
                number(v, "quotas." + k, source)));
        List<Campaign.TypeKeywords> keywords = new ArrayList<>();
        List<Object> keywordEntries = listOrEmpty(m, "unitTypeKeywords", source);
        for (int i = 0; i < keywordEntries.size(); i++) {
            String path = "unitTypeKeywords[" + (i + 1) + "]";
            Map<String, Object> k = entry(keywordEntries.get(i), "unitTypeKeywords", source);
            keywords.add(new Campaign.TypeKeywords(type(str(k, "type", path + ".type", source), path + ".type", known,
                    source), strings(k.get("words"), path + ".words", source)));
        }
        return new Campaign(
                str(m, "id", "id", source),
                text(m.getOrDefault("title", m.get("id")), "title", source),
                zone(m, source),
                number(m.getOrDefault("rulesVersion", 1), "rulesVersion", source),
                strings(m.getOrDefault("unitLabels", List.of("填报单位", "推荐单位")), "unitLabels", source),
                List.copyOf(templates),
                quotas,
                List.copyOf(keywords),
                strings(m.getOrDefault("ongoingWords", List.of("长期", "持续推进", "长期坚持")), "ongoingWords", source),
                deadlineWords(m, source),
                rowWords(m, source),
                number(m.getOrDefault("correctionDays", 3), "correctionDays", source),
                Sha256.of(bytes),
                organisation(m, source),
                unitTypes,
                unitLine(m, source),
                unitNames(m, source),
                markedCopies(m, source),
                DocumentRulesLoader.parse(m.get("writeups"), source),
                reminderDays(m, source));
    }

    /** reminderDays: days before a template's deadline on which send-reminders writes (-1: the day after it). */
    private static List<Integer> reminderDays(Map<String, Object> m, String source) {
        Object v = m.getOrDefault("reminderDays", List.of(3, 1, -1));
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“reminderDays”应为整数列表，如 [3, 1, -1]，现为“" + v + "”");
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : l) {
            out.add(number(o, "reminderDays", source));
        }
        return List.copyOf(out);
    }

    /** Every key the top level may hold; anything else is a misspelling that would silently fall back to a default. */
    private static final List<String> TOP_LEVEL = List.of("id", "title", "timezone", "rulesVersion", "organisation",
            "unitTypes", "unitLabels", "unitLine", "unitNames", "templates", "quotas", "correctionDays", "ongoingWords",
            "deadlineWords", "deadlineWordsAssumed", "deadlineYear", "unitTypeKeywords", "rowWords", "markedCopies",
            "writeups", "reminderDays");

    /** Today's unit types, for a YAML without {@code unitTypes}: listed as the roster totals them, ordered as reports sort. */
    private static final List<Campaign.UnitTypeSpec> DEFAULT_UNIT_TYPES = List.of(
            new Campaign.UnitTypeSpec(UnitType.CITY, "市级教育行政部门", 4),
            new Campaign.UnitTypeSpec(UnitType.DFC, "“双一流”建设和创建高校", 1),
            new Campaign.UnitTypeSpec(UnitType.UNDERGRAD, "其他本科高校", 2),
            new Campaign.UnitTypeSpec(UnitType.VOCATIONAL, "高职高专院校", 3));

    private static ZoneId zone(Map<String, Object> m, String source) {
        String zone = text(m.getOrDefault("timezone", "Asia/Shanghai"), "timezone", source);
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("活动定义 " + source + " 中的“timezone”“" + zone
                    + "”不是有效的时区，应如 Asia/Shanghai", e);
        }
    }

    /**
     * unitTypes: [{id, label, order}]. The ids are the registry's (registry.csv's unit_type), so each known id
     * must be listed once, and nothing else; order defaults to the listing position.
     */
    private static List<Campaign.UnitTypeSpec> unitTypes(Map<String, Object> m, String source) {
        if (!m.containsKey("unitTypes")) {
            return DEFAULT_UNIT_TYPES;
        }
        List<Object> entries = list(m, "unitTypes", source);
        List<Campaign.UnitTypeSpec> types = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "unitTypes[" + (i + 1) + "]";
            Map<String, Object> e = entry(entries.get(i), "unitTypes", source);
            onlyKeys(e, path, List.of("id", "label", "order"), source);
            String id = str(e, "id", path + ".id", source);
            UnitType type = UnitType.fromCode(id).orElseThrow(() -> new IllegalArgumentException("活动定义 " + source
                    + " 中“" + path + ".id”的单位类型“" + id + "”无效，名录（registry.csv）只用 " + UnitType.codes()));
            if (types.stream().anyMatch(t -> t.type() == type)) {
                throw new IllegalArgumentException("活动定义 " + source + " 中“unitTypes”的单位类型“" + id + "”重复");
            }
            types.add(new Campaign.UnitTypeSpec(type, str(e, "label", path + ".label", source),
                    number(e.getOrDefault("order", i + 1), path + ".order", source)));
        }
        for (UnitType t : UnitType.values()) {
            if (types.stream().noneMatch(x -> x.type() == t)) {
                throw new IllegalArgumentException("活动定义 " + source + " 中“unitTypes”缺少单位类型“" + t.code()
                        + "”：名录中的每种单位类型（" + UnitType.codes() + "）都须写明名称");
            }
        }
        return List.copyOf(types);
    }

    /** organisation: {name, short}; today's 河南省教育厅 / 省教育厅 when absent. */
    private static Campaign.Organisation organisation(Map<String, Object> m, String source) {
        if (!m.containsKey("organisation")) {
            return new Campaign.Organisation("河南省教育厅", "省教育厅");
        }
        Map<String, Object> o = map(m, "organisation", source);
        onlyKeys(o, "organisation", List.of("name", "short"), source);
        String name = str(o, "name", "organisation.name", source);
        return new Campaign.Organisation(name, o.containsKey("short") ? str(o, "short", "organisation.short", source)
                : name);
    }

    /** unitLine: {seal, endsAt}; each list replaces its default when given. */
    private static Campaign.UnitLineWords unitLine(Map<String, Object> m, String source) {
        Map<String, Object> u = map(m, "unitLine", source);
        onlyKeys(u, "unitLine", List.of("seal", "endsAt"), source);
        return new Campaign.UnitLineWords(
                nonEmpty(u, "seal", "unitLine.seal", List.of("公章", "盖章"), source),
                nonEmpty(u, "endsAt", "unitLine.endsAt", List.of("填报人", "联系人", "联系方式", "填报日期", "日期"), source));
    }

    /** unitNames: {seal, replace}; each replaces its default when given. */
    @SuppressWarnings("unchecked")
    private static UnitNames unitNames(Map<String, Object> m, String source) {
        Map<String, Object> u = map(m, "unitNames", source);
        onlyKeys(u, "unitNames", List.of("seal", "replace"), source);
        List<String> seal = nonEmpty(u, "seal", "unitNames.seal", UnitNames.DEFAULT.sealWords(), source);
        Map<String, String> replace = UnitNames.DEFAULT.replacements();
        if (u.containsKey("replace")) {
            Map<String, String> r = new LinkedHashMap<>();
            map(u, "replace", "unitNames.replace", source).forEach((k, v) -> {
                String to = text(v, "unitNames.replace." + k, source);
                if (String.valueOf(k).isBlank()) {
                    throw new IllegalArgumentException("活动定义 " + source + " 中“unitNames.replace”有空的写法");
                }
                r.put(String.valueOf(k), to);
            });
            replace = r;
        }
        return new UnitNames(seal, replace);
    }

    private static final Pattern SIZE = Pattern.compile("(?i)(\\d{1,12})\\s*(B|KB|MB|GB)?");

    /** markedCopies: {maxBytes, maxRows, maxDocumentBytes}; a size in bytes or with KB/MB/GB (1024-based). */
    private static Campaign.MarkedCopyLimits markedCopies(Map<String, Object> m, String source) {
        Map<String, Object> c = map(m, "markedCopies", source);
        onlyKeys(c, "markedCopies", List.of("maxBytes", "maxRows", "maxDocumentBytes"), source);
        return new Campaign.MarkedCopyLimits(size(c, "maxBytes", 5L * 1024 * 1024, source),
                number(c.getOrDefault("maxRows", 10_000), "markedCopies.maxRows", source),
                size(c, "maxDocumentBytes", 30L * 1024 * 1024, source));
    }

    private static long size(Map<String, Object> c, String key, long fallback, String source) {
        if (!c.containsKey(key)) {
            return fallback;
        }
        Object v = c.get(key);
        Matcher s = SIZE.matcher(v instanceof Map<?, ?> || v instanceof List<?> || v == null ? "" : String.valueOf(v).strip());
        if (!s.matches()) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“markedCopies." + key
                    + "”应为字节数或带单位的大小（如 5MB），现为“" + v + "”");
        }
        long unit = switch (s.group(2) == null ? "B" : s.group(2).toUpperCase(java.util.Locale.ROOT)) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(s.group(1)) * unit;
    }

    private static TemplateSpec template(Map<String, Object> t, Set<UnitType> known, String source) {
        String id = str(t, "id", "templates[].id", source);
        String at = "templates." + id;
        List<ColumnSpec> columns = new ArrayList<>();
        for (Object o : list(t, "columns", at + ".columns", source)) {
            Map<String, Object> c = entry(o, at + ".columns", source);
            String key = str(c, "key", at + ".columns[].key", source);
            String col = "columns." + key;
            if (flag(c, "numbersOnly", col, source) && !flag(c, "phone", col, source)) {
                throw new IllegalArgumentException("活动定义 " + source + " 中的列“" + c.get("key")
                        + "”设置了 numbersOnly，但不是电话列（应同时设置 phone: true）");
            }
            columns.add(new ColumnSpec(
                    key,
                    str(c, "title", col + ".title", source),
                    strings(c.getOrDefault("aliases", List.of()), col + ".aliases", source),
                    flag(c, "required", col, source), flag(c, "fillDown", col, source), flag(c, "phone", col, source),
                    flag(c, "date", col, source),
                    number(c.getOrDefault("maxLength", 0), col + ".maxLength", source),
                    flag(c, "unitType", col, source), flag(c, "sequence", col, source),
                    flag(c, "crossUnitDuplicate", col, source), flag(c, "keyed", col, source),
                    flag(c, "numbersOnly", col, source)));
        }
        List<UnitType> requiredFrom = strings(t.getOrDefault("requiredFrom", List.of()), at + ".requiredFrom", source)
                .stream().map(s -> type(s, at + ".requiredFrom", known, source)).toList();
        LocalDate date = deadline(t.get("deadline"), at + ".deadline", source);
        String title = text(t.getOrDefault("title", id), at + ".title", source);
        String shortName = text(t.getOrDefault("shortName", title.replaceFirst("^附件\\d+\\s*", "")), at + ".shortName",
                source);
        String label = TemplateSpec.labelOf(title, shortName);
        return new TemplateSpec(id, title, date, requiredFrom,
                text(t.getOrDefault("missingStatus", "missing"), at + ".missingStatus", source),
                flag(t, "quotaApplies", at, source),
                text(t.getOrDefault("output", id + ".csv"), at + ".output", source), List.copyOf(columns), shortName,
                text(t.getOrDefault("missingLabel", "未报送" + label + "的单位"), at + ".missingLabel", source));
    }

    /** A date as YAML reads 2025-12-20 (a Date), or as text; missing or anything else names its key. */
    private static LocalDate deadline(Object v, String key, String source) {
        if (v instanceof java.util.Date d) {
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        if (v == null) {
            throw new IllegalArgumentException("活动定义 " + source + " 缺少必填项“" + key + "”（截止日期，如 2025-12-20）");
        }
        try {
            return LocalDate.parse(String.valueOf(v).strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + key + "”应为日期，如 2025-12-20，现为“" + v + "”",
                    e);
        }
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
        for (String word : strings(m.get("deadlineWordsAssumed"), "deadlineWordsAssumed", source)) {
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

    /** A unit type id among the campaign's unitTypes; {@code key} names where it was written. */
    private static UnitType type(String code, String key, Set<UnitType> known, String source) {
        return UnitType.fromCode(code).filter(known::contains).orElseThrow(() -> new IllegalArgumentException(
                "活动定义 " + source + " 中“" + key + "”的单位类型“" + code + "”无效，应为 unitTypes 中的 "
                        + UnitType.codes()));
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

    private static Map<String, Object> map(Map<String, Object> m, String key, String source) {
        return map(m, key, key, source);
    }

    /** A section written as key: value (empty when absent); {@code path} names it in the message. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key, String path, String source) {
        Object v = m.getOrDefault(key, Map.of());
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + path + "”应为“键: 值”的对照，现为“" + v + "”");
        }
        return (Map<String, Object>) map;
    }

    /** A section's keys must be among {@code known}: a misspelt one would silently leave its default. */
    private static void onlyKeys(Map<String, Object> m, String path, List<String> known, String source) {
        for (Object key : m.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("活动定义 " + source + " 中“" + path + "”的“" + key + "”不是已知的项，应为 "
                        + String.join("、", known) + " 之一");
            }
        }
    }

    /** A list of words that, when given, may not be empty (an empty one would switch the rule off unnoticed). */
    private static List<String> nonEmpty(Map<String, Object> m, String key, String path, List<String> fallback,
            String source) {
        if (!m.containsKey(key)) {
            return fallback;
        }
        List<String> words = strings(m.get(key), path, source);
        if (words.isEmpty() || words.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + path + "”应为不空的词表，如 [公章, 盖章]");
        }
        return words;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOrEmpty(Map<String, Object> m, String key, String source) {
        Object v = m.getOrDefault(key, List.of());
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + key + "”应为列表，现为“" + v + "”");
        }
        return (List<Object>) l;
    }

    /** true/false, absent meaning false; a word ("yes", "是") names its key instead of reading as false. */
    private static boolean flag(Map<String, Object> m, String key, String path, String source) {
        Object v = m.get(key);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        throw new IllegalArgumentException("活动定义 " + source + " 中“" + path + "." + key + "”应为 true 或 false，现为“" + v
                + "”");
    }

    /** A required text; {@code path} names it (templates.cases.columns[].key). */
    private static String str(Map<String, Object> m, String key, String path, String source) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException("活动定义 " + source + " 缺少必填项“" + path + "”");
        }
        return text(v, path, source);
    }

    /** A single value written as text, a number or a date; a list or a section where one belongs names its key. */
    private static String text(Object v, String path, String source) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + path + "”应为一个值（文字），现为“" + v + "”");
        }
        return String.valueOf(v);
    }

    private static List<Object> list(Map<String, Object> m, String key, String source) {
        return list(m, key, key, source);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key, String path, String source) {
        Object v = m.get(key);
        if (v != null && !(v instanceof List<?>)) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + path + "”应为列表，现为“" + v + "”");
        }
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("活动定义 " + source + " 缺少列表“" + path + "”");
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
        return new RowWords(words(w, "example", d.example(), source), words(w, "placeholders", d.placeholders(), source),
                words(w, "total", d.total(), source), words(w, "note", d.note(), source),
                words(w, "signature", d.signature(), source), words(w, "sameAsAbove", d.sameAsAbove(), source),
                words(w, "sameAsLeft", d.sameAsLeft(), source), words(w, "quietColumns", d.quietColumns(), source));
    }

    private static List<String> words(Map<String, Object> w, String key, List<String> fallback, String source) {
        return w.containsKey(key) ? strings(w.get(key), "rowWords." + key, source) : fallback;
    }

    /** A list of words (one word alone is a list of one); a section, or a list inside the list, names its key. */
    private static List<String> strings(Object v, String path, String source) {
        if (v instanceof Map<?, ?>) {
            throw new IllegalArgumentException("活动定义 " + source + " 中“" + path + "”应为列表，如 [词1, 词2]，现为“" + v + "”");
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                out.add(text(o, path, source));
            }
            return List.copyOf(out);
        }
        return v == null ? List.of() : List.of(String.valueOf(v));
    }
}
