package io.strategyminer.peer.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN §2, checked on the compiled classes of every module (this module sees them all):
 * dependencies point one way, {@code data ← backtest ← miner ← ledger ← consensus ← web ← peer}, nothing depends
 * on {@code peer}, and the decision-making modules know no network library — consensus sees a {@code Membership}
 * and a {@code Transport}, never JGroups, so the simulator runs the same code.
 */
class ModuleDependencyTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importTheModules() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strategyminer");
    }

    @Test
    void dependenciesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("data").definedBy("io.strategyminer.data..")
                .layer("backtest").definedBy("io.strategyminer.backtest..")
                .layer("miner").definedBy("io.strategyminer.miner..")
                .layer("ledger").definedBy("io.strategyminer.ledger..")
                .layer("consensus").definedBy("io.strategyminer.consensus..")
                .layer("web").definedBy("io.strategyminer.web..")
                .layer("peer").definedBy("io.strategyminer.peer..")
                .whereLayer("peer").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayOnlyBeAccessedByLayers("peer")
                .whereLayer("consensus").mayOnlyBeAccessedByLayers("web", "peer")
                .whereLayer("ledger").mayOnlyBeAccessedByLayers("consensus", "web", "peer")
                .whereLayer("miner").mayOnlyBeAccessedByLayers("ledger", "consensus", "web", "peer")
                .whereLayer("backtest").mayOnlyBeAccessedByLayers("miner", "ledger", "consensus", "web", "peer")
                .check(classes);
    }

    @Test
    void theDecisionsKnowNoNetwork() {
        noClasses().that().resideInAnyPackage("io.strategyminer.data..", "io.strategyminer.backtest..",
                        "io.strategyminer.miner..", "io.strategyminer.ledger..", "io.strategyminer.consensus..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jgroups..", "io.netty..", "io.undertow..")
                .because("decisions are plain deterministic code; the network lives in peer (and HTTP in web)")
                .check(classes);
    }
}
