package cn.huizong.registry;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import cn.huizong.support.TextDecoding;

/** The units expected to submit, and the matching of names as people write them to those units. */
public final class Registry {

    private final List<RegistryUnit> units;
    /** Normalised name or alias to unit; longest keys first so that "contains" prefers the most specific name. */
    private final Map<String, RegistryUnit> byKey = new LinkedHashMap<>();
    private final UnitNames names;
    private final java.util.regex.Pattern seal;
    /** Lower-case address to unit; an address listed by two units stays with the first. */
    private final Map<String, RegistryUnit> byEmail = new LinkedHashMap<>();

    public Registry(List<RegistryUnit> units) {
        this(units, UnitNames.DEFAULT);
    }

    public Registry(List<RegistryUnit> units, UnitNames names) {
        this.units = List.copyOf(units);
        this.names = names;
        this.seal = names.sealPattern();
        List<Map.Entry<String, RegistryUnit>> keys = new ArrayList<>();
        for (RegistryUnit u : units) {
            keys.add(Map.entry(key(u.name()), u));
            for (String a : u.aliases()) {
                if (!key(a).isEmpty()) {
                    keys.add(Map.entry(key(a), u));
                }
            }
        }
        for (RegistryUnit u : units) {
            u.emails().forEach(e -> byEmail.putIfAbsent(e, u));
        }
        keys.sort(Comparator.comparingInt((Map.Entry<String, RegistryUnit> e) -> e.getKey().length()).reversed());
        for (Map.Entry<String, RegistryUnit> e : keys) {
            byKey.putIfAbsent(e.getKey(), e.getValue());
        }
    }

    /**
     * Reads registry.csv (unit_name,unit_type,city,aliases[,emails]), UTF-8 or GBK, with the aliases and e-mails
     * added from the console in the side file beside it ({@link RegistryAdditions}).
     */
    public static Registry load(Path file) throws IOException {
        String text = TextDecoding.decode(Files.readAllBytes(file));
        return RegistryAdditions.apply(parse(new StringReader(text), file.toString()), RegistryAdditions.read(file));
    }

    public static Registry parse(Reader reader, String source) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<RegistryUnit> units = new ArrayList<>();
        for (CSVRecord r : format.parse(reader)) {
            String name = r.get("unit_name");
            if (name.isBlank()) {
                continue;
            }
            UnitType type = UnitType.fromCode(r.get("unit_type")).orElseThrow(() -> new IllegalArgumentException(
                    "名录 " + source + " 第" + (r.getRecordNumber() + 1) + "行：单位类型“" + r.get("unit_type")
                            + "”无效，应为 city、dfc、undergrad 或 vocational"));
            String aliases = r.isMapped("aliases") ? r.get("aliases") : "";
            List<String> list = aliases.isBlank() ? List.of()
                    : Arrays.stream(aliases.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            String emails = r.isMapped("emails") && r.isSet("emails") ? r.get("emails") : "";
            units.add(new RegistryUnit(name.trim(), type, r.isMapped("city") ? r.get("city") : "", list,
                    emailList(emails)));
        }
        if (units.isEmpty()) {
            throw new IllegalArgumentException("名录 " + source + " 中没有任何单位");
        }
        return new Registry(units);
    }

    /** Addresses separated by ; (or , and Chinese ；，), trimmed and in lower case. */
    static List<String> emailList(String text) {
        return text.isBlank() ? List.of()
                : Arrays.stream(text.split("[;,；，\\s]+")).map(Registry::address).filter(s -> !s.isEmpty())
                        .distinct().toList();
    }

    /** An address as compared: trimmed, angle brackets and mailto: dropped, lower case. */
    public static String address(String written) {
        String a = written == null ? "" : written.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.regionMatches(true, 0, "mailto:", 0, 7)) {
            a = a.substring(7);
        }
        return a.toLowerCase(java.util.Locale.ROOT);
    }

    /** The unit that lists this sender's address in its {@code emails} column. */
    public Optional<RegistryUnit> byEmail(String address) {
        return Optional.ofNullable(byEmail.get(address(address)));
    }

    /** The same units, names compared under a campaign's rules ({@code unitNames} in its YAML). */
    public Registry withNames(UnitNames rules) {
        return rules.equals(names) ? this : new Registry(units, rules);
    }

    /** Key of a unit name as written, under this registry's name rules. */
    private String key(String written) {
        return Names.unit(written, names, seal);
    }

    public List<RegistryUnit> units() {
        return units;
    }

    public Optional<RegistryUnit> byName(String canonical) {
        return units.stream().filter(u -> u.name().equals(canonical)).findFirst();
    }

    /** The unit a written name refers to: exact match first, else the longest registry name it contains. */
    public Optional<RegistryUnit> match(String written) {
        String key = key(written);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        RegistryUnit exact = byKey.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        return contained(key, true);
    }

    /**
     * What a folder or file name says about its unit: the longest registry name or alias inside it, or that it
     * names another institution whose name merely starts with one (河南理工大学万方学院 is not 河南理工大学),
     * or nothing.
     */
    public PathName inName(String text) {
        String key = key(text);
        if (key.isEmpty()) {
            return PathName.NOTHING;
        }
        Optional<RegistryUnit> u = contained(key, true);
        if (u.isPresent()) {
            return new PathName(u.get(), false);
        }
        return new PathName(null, contained(key, false).isPresent());
    }

    /** A folder or file name read against the registry; see {@link #inName}. */
    public record PathName(RegistryUnit unit, boolean anotherInstitution) {
        static final PathName NOTHING = new PathName(null, false);
    }

    /**
     * The longest registry name or alias inside a normalised text. On a 填报单位 line a department after the
     * name is fine (郑州大学科学技术处), but more of a school's name is another institution written in a way
     * the registry does not know (郑州大学西亚斯学院, 河南理工大学万方学院): that must not count as the named one.
     */
    private Optional<RegistryUnit> contained(String key, boolean refuseLongerSchoolNames) {
        for (Map.Entry<String, RegistryUnit> e : byKey.entrySet()) {
            int at = key.indexOf(e.getKey());
            while (at >= 0) {
                if (!refuseLongerSchoolNames || !startsAnotherInstitution(key, at + e.getKey().length())) {
                    return Optional.of(e.getValue());
                }
                at = key.indexOf(e.getKey(), at + 1);
            }
        }
        return Optional.empty();
    }

    /** A few Han characters and a school word right after a matched name: another institution (万方学院). */
    private static final java.util.regex.Pattern INSTITUTION_TAIL =
            java.util.regex.Pattern.compile("\\p{IsHan}{0,8}?(学院|大学|分校|校区)");

    /** Whether the Chinese characters right after a matched name carry on into another school's name. */
    private static boolean startsAnotherInstitution(String key, int end) {
        int stop = end;
        while (stop < key.length() && Character.UnicodeScript.of(key.codePointAt(stop)) == Character.UnicodeScript.HAN) {
            stop += Character.charCount(key.codePointAt(stop));
        }
        // refusing errs towards UNKNOWN_UNIT (a clerk forwards the file) rather than crediting a branch school's
        // file to its parent: 郑州大学计算机学院 is refused too, and its unit line or folder decides
        return INSTITUTION_TAIL.matcher(key.substring(end, stop)).lookingAt();
    }

    /** The registry entry whose name is closest to what was written (for the error message). */
    public RegistryUnit closest(String written) {
        String key = key(written);
        RegistryUnit best = units.get(0);
        int bestScore = Integer.MAX_VALUE;
        for (Map.Entry<String, RegistryUnit> e : byKey.entrySet()) {
            int d = Names.distance(key, e.getKey());
            if (d < bestScore) {
                bestScore = d;
                best = e.getValue();
            }
        }
        return best;
    }

    /** Raw bytes of the registry file decoded, and of its side file of additions where there is one, for fingerprints. */
    public static byte[] fingerprintBytes(Path file) throws IOException {
        String additions = RegistryAdditions.fingerprintText(file);
        String text = TextDecoding.decode(Files.readAllBytes(file));
        return (additions.isEmpty() ? text : text + "\n" + RegistryAdditions.FILE_NAME + "\n" + additions)
                .getBytes(StandardCharsets.UTF_8);
    }
}
