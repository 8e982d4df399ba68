package dev.modelrun.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lines between the modules (STYLE.md): each rule fails the build when a class crosses it. */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.modelrun");
  }

  @Test
  void every_module_is_imported_so_the_rules_reach_it() {
    for (String module : List.of("dev.modelrun.core", "dev.modelrun.engine", "dev.modelrun.adapters.jdbc",
        "dev.modelrun.adapters.s3", "dev.modelrun.adapters.http", "dev.modelrun.adapters.oip", "dev.modelrun.app")) {
      assertThat(classes.stream().anyMatch(javaClass -> javaClass.getPackageName().startsWith(module)))
          .as("classes of %s are imported", module).isTrue();
    }
  }

  @Test
  void core_uses_only_itself_the_jdk_and_guava() {
    classes().that().resideInAPackage("dev.modelrun.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.modelrun.core..", "java..",
            "com.google.common..")
        .because("the domain must stay free of frameworks")
        .check(classes);
  }

  @Test
  void inbound_and_outbound_ports_do_not_use_each_other() {
    noClasses().that().resideInAPackage("dev.modelrun.core.port.in..")
        .should().dependOnClassesThat().resideInAPackage("dev.modelrun.core.port.out..")
        .because("edges call use cases and must not see what the engine needs from outside")
        .check(classes);
    noClasses().that().resideInAPackage("dev.modelrun.core.port.out..")
        .should().dependOnClassesThat().resideInAPackage("dev.modelrun.core.port.in..")
        .because("outbound ports serve the engine, not the edges")
        .check(classes);
  }

  @Test
  void the_engine_uses_no_adapter_and_not_the_app() {
    noClasses().that().resideInAPackage("dev.modelrun.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.modelrun.adapters..", "dev.modelrun.app..")
        .because("the engine is embeddable without any adapter")
        .check(classes);
  }

  @Test
  void adapters_use_neither_the_engine_nor_the_app() {
    noClasses().that().resideInAPackage("dev.modelrun.adapters..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.modelrun.engine..", "dev.modelrun.app..")
        .because("adapters plug into core's ports; only the app wires them to the engine")
        .check(classes);
  }

  @Test
  void adapters_do_not_depend_on_each_other() {
    slices().matching("dev.modelrun.adapters.(*)..").should().notDependOnEachOther()
        .because("each adapter stands alone")
        .check(classes);
  }

  @Test
  void only_the_app_depends_on_adapters_and_the_engine() {
    classes().that().resideInAnyPackage("dev.modelrun.adapters..", "dev.modelrun.engine..")
        .should().onlyHaveDependentClassesThat().resideInAnyPackage("dev.modelrun.app..", "dev.modelrun.adapters..",
            "dev.modelrun.engine..")
        .because("the app is the only composition root")
        .check(classes);
  }

  @Test
  void the_http_edge_reaches_core_only_through_inbound_ports_and_values() {
    noClasses().that().resideInAPackage("dev.modelrun.adapters.http..")
        .should().dependOnClassesThat().resideInAPackage("dev.modelrun.core.port.out..")
        .because("the HTTP edge calls use cases and never what the engine needs from outside")
        .check(classes);
    noClasses().that().resideInAPackage("dev.modelrun.adapters.http..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.modelrun.core.mapping..")
        .because("the edge is thin: rules such as field mapping run in the engine, not at the edge")
        .check(classes);
  }

  @Test
  void module_packages_are_free_of_cycles() {
    slices().matching("dev.modelrun.(*)..").should().beFreeOfCycles()
        .because("modules depend one way")
        .check(classes);
  }
}
