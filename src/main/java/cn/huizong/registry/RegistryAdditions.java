package cn.huizong.registry;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import cn.huizong.support.TextDecoding;

/**
 * Aliases and contact e-mails added to the registry from the console, kept in a side file beside it
 * ({@code registry-additions.csv}: unit_name,kind,value,added_at,added_by, one addition a line) so that
 * registry.csv stays as the province edits it. {@link Registry#load} merges them, and they count in the registry's
 * fingerprint, so the next run reads every file again under the new names.
 */
public final class RegistryAdditions {

    public static final String FILE_NAME = "registry-additions.csv";
    private static final List<String> HEADER = List.of("unit_name", "kind", "value", "added_at", "added_by");

    /** What is added. */
    public enum Kind {
        ALIAS("别名"), EMAIL("联系邮箱");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One addition, as written in the side file. */
    public record Addition(String unit, Kind kind, String value, OffsetDateTime addedAt, String addedBy) {
    }

    private RegistryAdditions() {
    }

    /** The side file of a registry file: beside it. */
    public static Path fileFor(Path registryFile) {
        return registryFile.toAbsolutePath().normalize().resolveSibling(FILE_NAME);
    }

    /** The additions in the order they were made; none when there is no side file. */
    public static List<Addition> read(Path registryFile) throws IOException {
        Path side = fileFor(registryFile);
        if (!Files.isRegularFile(side)) {
            return List.of();
        }
        String text = TextDecoding.decode(Files.readAllBytes(side));
        List<Addition> out = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        for (CSVRecord r : format.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text))) {
            Kind kind;
            try {
                kind = Kind.valueOf(r.get("kind").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("名录补充文件 " + side + " 第" + (r.getRecordNumber() + 1) + "行：类别“"
                        + r.get("kind") + "”无效，应为 alias 或 email", e);
            }
            String at = r.isMapped("added_at") ? r.get("added_at") : "";
            out.add(new Addition(r.get("unit_name"), kind, r.get("value"), at.isBlank() ? null : OffsetDateTime.parse(at),
                    r.isMapped("added_by") ? r.get("added_by") : ""));
        }
        return out;
    }

    /**
     * Adds a line to the side file. The file is rewritten whole and replaced by a rename, so a run starting
     * meanwhile reads it before or after, never half.
     */
    public static synchronized void append(Path registryFile, Addition a) throws IOException {
        Path side = fileFor(registryFile);
        String text = Files.isRegularFile(side) ? TextDecoding.decode(Files.readAllBytes(side)) : "";
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            text = String.join(",", HEADER) + "\n";
        }
        if (!text.endsWith("\n")) {
            text += "\n";
        }
        StringWriter line = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(line, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord(a.unit(), a.kind().name().toLowerCase(Locale.ROOT), a.value(),
                    a.addedAt() == null ? "" : a.addedAt().truncatedTo(ChronoUnit.SECONDS)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    a.addedBy() == null ? "" : a.addedBy());
        }
        Path tmp = Files.createTempFile(side.getParent(), ".registry-additions-", ".tmp");
        try {
            Files.writeString(tmp, text + line, StandardCharsets.UTF_8);
            Files.move(tmp, side, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The registry with the additions merged; additions for a unit the registry no longer has are left out. */
    static Registry apply(Registry base, List<Addition> additions) {
        if (additions.isEmpty()) {
            return base;
        }
        Map<String, Set<String>> aliases = new LinkedHashMap<>();
        Map<String, Set<String>> emails = new LinkedHashMap<>();
        for (Addition a : additions) {
            (a.kind() == Kind.ALIAS ? aliases : emails).computeIfAbsent(a.unit(), k -> new LinkedHashSet<>())
                    .add(a.value());
        }
        List<RegistryUnit> units = new ArrayList<>();
        for (RegistryUnit u : base.units()) {
            Set<String> al = new LinkedHashSet<>(u.aliases());
            al.addAll(aliases.getOrDefault(u.name(), Set.of()));
            Set<String> em = new LinkedHashSet<>(u.emails());
            for (String e : emails.getOrDefault(u.name(), Set.of())) {
                if (em.stream().noneMatch(x -> x.equalsIgnoreCase(e))) {
                    em.add(e);
                }
            }
            units.add(new RegistryUnit(u.name(), u.type(), u.city(), List.copyOf(al), List.copyOf(em)));
        }
        return new Registry(units);
    }

    /** The side file's text, for the registry's fingerprint ("" when there is none). */
    static String fingerprintText(Path registryFile) throws IOException {
        Path side = fileFor(registryFile);
        return Files.isRegularFile(side) ? TextDecoding.decode(Files.readAllBytes(side)) : "";
    }
}
