package dev.parley.proxy.focus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE habit 1: the room state machine takes events and returns decisions; no SIP, sockets or UI. */
@AnalyzeClasses(packages = "dev.parley.proxy.focus", importOptions = ImportOption.DoNotIncludeTests.class)
class FocusArchitectureTest {
    @ArchTest
    static final ArchRule roomStateIsPure = noClasses()
            .that()
            .resideInAPackage("dev.parley.proxy.focus..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net..", "javax.sip..", "gov.nist..", "java.awt..", "javax.swing..");
}
