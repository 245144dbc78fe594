package dev.parley.sdp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE habit 1: SDP is pure; no sockets, SIP stack, UI or threads of its own. */
@AnalyzeClasses(packages = "dev.parley.sdp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule sdpIsPure = noClasses()
            .that()
            .resideInAPackage("dev.parley.sdp..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net..", "javax.sip..", "java.awt..", "javax.swing..", "java.nio.channels..")
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(Thread.class, java.util.concurrent.ExecutorService.class);
}
