package cn.huizong.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The folder tree is a map and dependencies flow one way: support at the bottom, then registry and campaign,
 * the stages of a run in the order they happen (intake, reading, validation, merge, reporting), the job
 * and commands, and the web console on top (nothing but the main class may use it). A cycle or a layer breach fails the build.
 */
@AnalyzeClasses(packages = "cn.huizong", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageLayersTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("cn.huizong.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule stagesDependOnlyOnWhatComesBefore = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("support").definedBy("cn.huizong.support..")
            .layer("registry").definedBy("cn.huizong.registry..")
            .layer("campaign").definedBy("cn.huizong.campaign..")
            .layer("intake").definedBy("cn.huizong.intake..")
            .layer("reading").definedBy("cn.huizong.reading..")
            .layer("validation").definedBy("cn.huizong.validation..")
            .layer("merge").definedBy("cn.huizong.merge..")
            .layer("reporting").definedBy("cn.huizong.reporting..")
            .layer("operations").definedBy("cn.huizong.operations..")
            .layer("web").definedBy("cn.huizong.web..")
            .layer("application").definedBy("cn.huizong")
            .whereLayer("application").mayNotBeAccessedByAnyLayer()
            .whereLayer("web").mayOnlyBeAccessedByLayers("application")
            .whereLayer("operations").mayOnlyBeAccessedByLayers("web", "application")
            .whereLayer("reporting").mayOnlyBeAccessedByLayers("operations", "web", "application")
            .whereLayer("merge").mayOnlyBeAccessedByLayers("operations", "web", "application")
            .whereLayer("validation").mayOnlyBeAccessedByLayers("merge", "reporting", "operations", "web", "application")
            .whereLayer("reading").mayOnlyBeAccessedByLayers("validation", "merge", "reporting", "operations",
                    "web", "application")
            .whereLayer("intake").mayOnlyBeAccessedByLayers("reading", "validation", "merge", "reporting",
                    "operations", "web", "application")
            .whereLayer("campaign").mayOnlyBeAccessedByLayers("intake", "reading", "validation", "merge", "reporting",
                    "operations", "web", "application")
            .whereLayer("registry").mayOnlyBeAccessedByLayers("campaign", "intake", "reading", "validation", "merge",
                    "reporting", "operations", "web", "application");
}
