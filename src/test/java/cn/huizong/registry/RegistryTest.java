package cn.huizong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped registry (input/registry.csv) and how written unit names are matched to it. */
class RegistryTest {

    private static final Path REGISTRY_CSV = Path.of("input/registry.csv");

    private static Registry registry;

    @BeforeAll
    static void loadShippedRegistry() throws Exception {
        registry = Registry.load(REGISTRY_CSV);
    }

    @Test
    void shippedRegistryListsEveryExpectedUnitByType() {
        assertThat(registry.units()).hasSize(197);
        assertThat(registry.units()).filteredOn(u -> u.type() == UnitType.CITY).hasSize(19);
        assertThat(registry.units()).filteredOn(u -> u.type() == UnitType.DFC).hasSize(9);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            郑州市教育局         | 郑州市教育局
            郑州大学             | 郑州大学
            郑州市教体局         | 郑州市教育局
            郑州市教育体育局     | 郑州市教育局
            郑州市教育局（公章） | 郑州市教育局
            新乡医学院           | 河南医药大学
            信阳师范学院         | 信阳师范大学
            """)
    void matchesCanonicalNamesBureauVariantsSealMarksAndFormerNames(String written, String unit) {
        assertThat(registry.match(written)).map(RegistryUnit::name).contains(unit);
    }

    @Test
    void findsTheUnitNamedInsideAFileName() {
        assertThat(inName("附件5-郑州大学典型案例")).isEqualTo("郑州大学");
    }

    @Test
    void aNameInAPathPrefersTheLongestNameWhenTwoRegistryNamesAppear() {
        // "河南大学" (a unit) is inside "河南大学民生学院" (alias of another unit); the longer one wins.
        assertThat(inName("河南大学民生学院附件5")).isEqualTo("河南开封科技传媒学院");
        assertThat(inName("河南大学附件5")).isEqualTo("河南大学");
    }

    @Test
    void unknownUnitMatchesNothing() {
        assertThat(registry.match("河南省某某研究院")).isEmpty();
        assertThat(inName("河南省某某研究院")).isNull();
    }

    @Test
    void invalidUnitTypeIsRejectedWithAChineseMessageNamingTheLine() {
        String csv = """
                unit_name,unit_type,city,aliases
                郑州市教育局,city,郑州市,
                某某学院,foo,郑州市,
                """;
        assertThatThrownBy(() -> Registry.parse(new StringReader(csv), "测试名录.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("测试名录.csv")
                .hasMessageContaining("第3行")
                .hasMessageContaining("单位类型“foo”无效");
    }

    @Test
    void gbkEncodedRegistryLoadsTheSameAsUtf8(@TempDir Path dir) throws Exception {
        String text = Files.readString(REGISTRY_CSV, StandardCharsets.UTF_8);
        Charset gbk = Charset.forName("GBK");
        assertThat(gbk.newEncoder().canEncode(text)).as("registry text is representable in GBK").isTrue();
        Path gbkFile = dir.resolve("registry-gbk.csv");
        Files.writeString(gbkFile, text, gbk);

        Registry fromGbk = Registry.load(gbkFile);

        assertThat(fromGbk.units()).isEqualTo(registry.units());
        assertThat(fromGbk.match("郑州市教体局")).map(RegistryUnit::name).contains("郑州市教育局");
    }

    @Test
    void aUnitLineNamingADepartmentCountsButALongerSchoolNameDoesNot() throws Exception {
        Registry registry = Registry.load(Path.of("input/registry.csv"));
        assertThat(registry.match("郑州大学科学技术处")).map(RegistryUnit::name).contains("郑州大学");
        assertThat(registry.match("郑州大学西亚斯学院")).isEmpty();
        assertThat(registry.match("河南理工大学万方学院")).isEmpty();
        assertThat(registry.closest("郑州大学西亚斯学院").name()).isEqualTo("郑州西亚斯学院");
    }

    /** The unit a folder or file name names, or null. */
    private String inName(String text) {
        RegistryUnit u = registry.inName(text).unit();
        return u == null ? null : u.name();
    }

    @Test
    void aBranchSchoolFolderIsNotItsParentUniversity() {
        Registry.PathName named = registry.inName("河南理工大学万方学院");
        assertThat(named.unit()).isNull();
        assertThat(named.anotherInstitution()).isTrue();
        assertThat(inName("郑州大学西亚斯学院")).isNull();
        // a department or a table name after the school is still the school
        assertThat(inName("郑州大学科学技术处")).isEqualTo("郑州大学");
        assertThat(inName("河南理工大学附件5")).isEqualTo("河南理工大学");
    }

    @Test
    void formerNamesOfIndependentCollegesAreTheirNewSchools() {
        assertThat(registry.match("河南理工大学万方科技学院")).map(RegistryUnit::name).contains("郑州工商学院");
        assertThat(registry.match("新乡医学院三全学院")).map(RegistryUnit::name).contains("豫北医学院");
        assertThat(registry.match("河南科技学院新科学院")).map(RegistryUnit::name).contains("新乡工程学院");
        assertThat(registry.match("中原工学院信息商务学院")).map(RegistryUnit::name).contains("中原科技学院");
        assertThat(inName("河南理工大学万方科技学院")).isEqualTo("郑州工商学院");
    }

    @Test
    void aCampaignsNameRulesMakeAVariantMeetTheRegistrysName() {
        Registry plain = new Registry(java.util.List.of(new RegistryUnit("某县教育局", UnitType.CITY, "某县", java.util.List.of())));
        assertThat(plain.match("某县教体局")).map(RegistryUnit::name).contains("某县教育局");
        assertThat(plain.match("某县教育和体育局")).isEmpty();
        Registry ruled = plain.withNames(new UnitNames(java.util.List.of("公章", "签章"),
                java.util.Map.of("教育和体育局", "教育局")));
        assertThat(ruled.match("某县教育和体育局（签章）")).map(RegistryUnit::name).contains("某县教育局");
        // the campaign's rules replace today's: 教体局 is no longer read as 教育局
        assertThat(ruled.match("某县教体局")).isEmpty();
        assertThat(plain.withNames(UnitNames.DEFAULT)).isSameAs(plain);
    }
}
