package cn.huizong.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The registry's optional emails column: a sender's address names its unit, before the subject and the file name. */
class RegistryEmailsTest {

    @Test
    void theShippedRegistryListsSomeAddressesAndOlderRegistriesWithoutTheColumnStillLoad() throws Exception {
        Registry shipped = Registry.load(Path.of("input/registry.csv"));
        assertThat(shipped.byName("郑州大学").orElseThrow().emails()).containsExactly("kjc@zzu.example.edu.cn",
                "jyzq@zzu.example.edu.cn");
        assertThat(shipped.byEmail("<KJC@zzu.example.edu.cn>").orElseThrow().name()).isEqualTo("郑州大学");
        assertThat(shipped.byName("许昌学院").orElseThrow().emails()).isEmpty();
        Registry old = Registry.parse(new StringReader("unit_name,unit_type,city,aliases\n郑州大学,dfc,郑州市,\n"), "old");
        assertThat(old.units().get(0).emails()).isEmpty();
    }

    @Test
    void evidenceForAFileThatCameByMailIsSenderThenSubjectThenFileName() throws Exception {
        Registry r = Registry.parse(new StringReader("""
                unit_name,unit_type,city,aliases,emails
                郑州大学,dfc,郑州市,,a@zzu.example.edu.cn；b@zzu.example.edu.cn
                河南大学,dfc,开封市,,
                许昌学院,undergrad,许昌市,,
                """), "test");
        assertThat(UnitFromPath.guessFromMail("B@zzu.example.edu.cn", "河南大学材料", "许昌学院附件5.xlsx", r))
                .map(RegistryUnit::name).hasValue("郑州大学");
        assertThat(UnitFromPath.guessFromMail("x@example.com", "河南大学材料", "许昌学院附件5.xlsx", r))
                .map(RegistryUnit::name).hasValue("河南大学");
        assertThat(UnitFromPath.guessFromMail("x@example.com", "材料", "许昌学院附件5.xlsx", r))
                .map(RegistryUnit::name).hasValue("许昌学院");
        assertThat(UnitFromPath.guessFromMail("x@example.com", "郑州大学西亚斯学院材料", "许昌学院附件5.xlsx", r)).isEmpty();
    }
}
