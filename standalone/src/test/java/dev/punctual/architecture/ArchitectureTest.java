package dev.punctual.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module graph stays clean: job-model imports no Spring, the services never import one another,
 * and packages are acyclic. Runs on the production classes of every module on this module's class
 * path (standalone depends on all of them), and on a fixture that breaks each rule, so that a rule
 * which could never fail is caught too.
 */
class ArchitectureTest {

  private static final String FIXTURE = "dev.punctual.architecture.fixture";

  private static JavaClasses production;
  private static JavaClasses fixture;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.punctual");
    fixture = new ClassFileImporter().importPackages(FIXTURE);
  }

  @Test
  void theProductionClassesFollowEveryRule() {
    List<ArchRule> rules = ModuleRules.all("dev.punctual");
    for (var rule : rules) {
      assertThatCode(() -> rule.check(production))
          .as(rule.getDescription())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void everyModuleIsImported() {
    for (var module : List.of("model", "api", "scheduler", "worker", "standalone", "embedded")) {
      org.assertj.core.api.Assertions.assertThat(
              production.stream()
                  .anyMatch(c -> c.getPackageName().startsWith("dev.punctual." + module)))
          .as("classes of dev.punctual." + module + " are checked")
          .isTrue();
    }
  }

  @Test
  void aSpringImportInJobModelFails() {
    assertThatThrownBy(() -> ModuleRules.modelIsPlainJava(FIXTURE).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SpringAwareModel")
        .hasMessageContaining("org.springframework");
  }

  @Test
  void aServiceImportingAnotherFails() {
    var failures =
        ModuleRules.servicesStayApart(FIXTURE).stream()
            .filter(
                rule -> {
                  try {
                    rule.check(fixture);
                    return false;
                  } catch (AssertionError e) {
                    return e.getMessage().contains("ApiCallingScheduler");
                  }
                })
            .count();
    org.assertj.core.api.Assertions.assertThat(failures).isEqualTo(1);
  }

  @Test
  void aPackageCycleFails() {
    assertThatThrownBy(() -> ModuleRules.packagesAreAcyclic(FIXTURE).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }
}
