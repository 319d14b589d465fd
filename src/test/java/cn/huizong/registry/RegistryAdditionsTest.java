package cn.huizong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's additions beside registry.csv: merged on load, counted in the fingerprint, registry.csv untouched. */
class RegistryAdditionsTest {

    @TempDir
    Path dir;

    @Test
    void additionsAreMergedOnLoadAndChangeTheFingerprintWhileTheRegistryFileStaysAsItWas() throws Exception {
        Path registry = dir.resolve("registry.csv");
        Files.copy(Path.of("input/registry.csv"), registry);
        byte[] original = Files.readAllBytes(registry);
        byte[] fingerprint = Registry.fingerprintBytes(registry);
        assertThat(fingerprint).isEqualTo(new String(original, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        assertThat(Registry.load(registry).match("郑大")).isEmpty();

        OffsetDateTime at = OffsetDateTime.parse("2025-12-10T09:00:00+08:00");
        RegistryAdditions.append(registry, new RegistryAdditions.Addition("郑州大学", RegistryAdditions.Kind.ALIAS, "郑大", at, "admin"));
        RegistryAdditions.append(registry, new RegistryAdditions.Addition("郑州大学", RegistryAdditions.Kind.EMAIL,
                "keji@zzu.example.edu.cn", at, "admin"));
        RegistryAdditions.append(registry, new RegistryAdditions.Addition("已撤销的学院", RegistryAdditions.Kind.ALIAS, "某院", at, "admin"));

        Registry merged = Registry.load(registry);
        assertThat(merged.match("郑大")).map(RegistryUnit::name).contains("郑州大学");
        // the registry's own addresses first, the console's addition after them
        assertThat(merged.byName("郑州大学").orElseThrow().emails()).endsWith("keji@zzu.example.edu.cn")
                .containsAll(Registry.load(Path.of("input/registry.csv")).byName("郑州大学").orElseThrow().emails());
        assertThat(merged.units()).hasSize(Registry.parse(new java.io.StringReader(new String(original, StandardCharsets.UTF_8)),
                "x").units().size());
        assertThat(merged.match("某院")).isEmpty();
        assertThat(Files.readAllBytes(registry)).isEqualTo(original);
        assertThat(Registry.fingerprintBytes(registry)).isNotEqualTo(fingerprint);
        assertThat(RegistryAdditions.read(registry)).hasSize(3).first()
                .satisfies(a -> assertThat(a.addedAt()).isEqualTo(at));
        assertThat(Files.readString(RegistryAdditions.fileFor(registry))).startsWith("unit_name,kind,value,added_at,added_by\n")
                .contains("郑州大学,alias,郑大,2025-12-10T09:00:00+08:00,admin\n");
    }

    @Test
    void theRegistryMayCarryAnEmailsColumnSeparatedBySemicolons() throws Exception {
        Registry r = Registry.parse(new java.io.StringReader("unit_name,unit_type,city,aliases,emails\n"
                + "郑州大学,dfc,郑州市,郑大,a@zzu.example.edu.cn; b@zzu.example.edu.cn\n"), "test");
        assertThat(r.units().get(0).emails()).containsExactly("a@zzu.example.edu.cn", "b@zzu.example.edu.cn");
    }

    @Test
    void anUnknownKindInTheSideFileIsReportedWithItsLine() throws Exception {
        Path registry = dir.resolve("registry.csv");
        Files.writeString(registry, "unit_name,unit_type,city,aliases\n郑州大学,dfc,郑州市,\n");
        Files.writeString(RegistryAdditions.fileFor(registry), "unit_name,kind,value,added_at,added_by\n郑州大学,phone,1,,\n");
        assertThatThrownBy(() -> Registry.load(registry)).hasMessageContaining("第2行").hasMessageContaining("phone");
    }
}
