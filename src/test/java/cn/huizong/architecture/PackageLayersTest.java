package cn.huizong.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The folder tree is a map and dependencies flow one way: support at the bottom, then registry and campaign,
 * the stages of a run in the order they happen (intake, reading, validation, the Word document check on top of
 * it, staging, resolution, reporting), the mailbox, the batch job over them, the application that starts, locks
 * and reports runs, and the web console on top (nothing but the main class may use it). Each layer may be used
 * only by the layers after it; a cycle or a layer breach fails the build.
 */
@AnalyzeClasses(packages = "cn.huizong", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageLayersTest {

    /** Bottom first. */
    static final List<String> LAYERS = List.of("support", "registry", "campaign", "intake", "reading", "validation",
            "documents", "staging", "resolution", "reporting", "mail", "job", "app", "web");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("cn.huizong.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule stagesDependOnlyOnWhatComesBefore = layers();

    private static ArchRule layers() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            rule = rule.layer(layer).definedBy("cn.huizong." + layer + "..");
        }
        rule = rule.layer("main").definedBy("cn.huizong").whereLayer("main").mayNotBeAccessedByAnyLayer();
        for (int i = 0; i < LAYERS.size(); i++) {
            List<String> above = new java.util.ArrayList<>(LAYERS.subList(i + 1, LAYERS.size()));
            above.add("main");
            rule = rule.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        return rule;
    }
}
