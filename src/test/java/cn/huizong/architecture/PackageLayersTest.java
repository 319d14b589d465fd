package cn.huizong.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The folder tree is a map and dependencies flow one way: support at the bottom, then registry and campaign,
 * the stages of a run in the order they happen (intake, reading, validation, staging, resolution, reporting),
 * the mailbox in and out (mail: fetches into the inbox, sends what reporting wrote), the batch job over them,
 * and the application that starts, locks and reports runs on top. A cycle or a layer breach fails the build.
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
            .layer("staging").definedBy("cn.huizong.staging..")
            .layer("resolution").definedBy("cn.huizong.resolution..")
            .layer("reporting").definedBy("cn.huizong.reporting..")
            .layer("mail").definedBy("cn.huizong.mail..")
            .layer("job").definedBy("cn.huizong.job..")
            .layer("app").definedBy("cn.huizong.app..")
            .layer("main").definedBy("cn.huizong")
            .whereLayer("main").mayNotBeAccessedByAnyLayer()
            .whereLayer("app").mayOnlyBeAccessedByLayers("main")
            .whereLayer("job").mayOnlyBeAccessedByLayers("app", "main")
            .whereLayer("mail").mayOnlyBeAccessedByLayers("job", "app", "main")
            .whereLayer("reporting").mayOnlyBeAccessedByLayers("mail", "job", "app", "main")
            .whereLayer("resolution").mayOnlyBeAccessedByLayers("reporting", "mail", "job", "app", "main")
            .whereLayer("staging").mayOnlyBeAccessedByLayers("resolution", "reporting", "mail", "job", "app", "main")
            .whereLayer("validation").mayOnlyBeAccessedByLayers("staging", "resolution", "reporting", "mail", "job",
                    "app", "main")
            .whereLayer("reading").mayOnlyBeAccessedByLayers("validation", "staging", "resolution", "reporting", "mail",
                    "job", "app", "main")
            .whereLayer("intake").mayOnlyBeAccessedByLayers("reading", "validation", "staging", "resolution",
                    "reporting", "mail", "job", "app", "main")
            .whereLayer("campaign").mayOnlyBeAccessedByLayers("intake", "reading", "validation", "staging",
                    "resolution", "reporting", "mail", "job", "app", "main")
            .whereLayer("registry").mayOnlyBeAccessedByLayers("campaign", "intake", "reading", "validation", "staging",
                    "resolution", "reporting", "mail", "job", "app", "main");
}
