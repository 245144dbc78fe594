package dev.parley.media;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** media-core is pure (DESIGN.md): no sockets, no SIP stack, no UI toolkit, no threads. */
@AnalyzeClasses(packages = "dev.parley.media", importOptions = ImportOption.DoNotIncludeTests.class)
class PurityTest {
    @ArchTest
    static final ArchRule NO_IO_SIP_OR_UI = noClasses()
            .that()
            .resideInAPackage("dev.parley.media..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net..", "javax.sip..", "java.awt..", "javax.swing..")
            .because("media-core is pure: the edges own sockets, SIP and windows");

    @ArchTest
    static final ArchRule NO_THREADS = noClasses()
            .that()
            .resideInAPackage("dev.parley.media..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.util.concurrent..")
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(Thread.class)
            .because("media-core has no threads: its owner thread calls it");
}
