package dev.punctual.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The rules that keep Punctual's module graph clean, for a root package: {@code dev.punctual} for
 * the product, a fixture package for the test that proves each rule can fail. Modules map to
 * packages: job-model is {@code <root>.model}, the services {@code <root>.api}, {@code
 * <root>.scheduler} and {@code <root>.worker}.
 */
final class ModuleRules {

  private static final List<String> SERVICES = List.of("api", "scheduler", "worker");

  private ModuleRules() {}

  /** job-model is plain Java shared by all: no Spring, and nothing of the modules built on it. */
  static ArchRule modelIsPlainJava(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            root + ".api..",
            root + ".scheduler..",
            root + ".worker..",
            root + ".standalone..")
        .because("job-model is the plain-Java contract every module shares");
  }

  /** A service reaches another only through the topics and job-model, never by a Java import. */
  static List<ArchRule> servicesStayApart(String root) {
    return SERVICES.stream()
        .map(
            service ->
                noClasses()
                    .that()
                    .resideInAPackage(root + "." + service + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                        SERVICES.stream()
                            .filter(other -> !other.equals(service))
                            .map(other -> root + "." + other + "..")
                            .toArray(String[]::new))
                    .because("services talk through Kafka topics, not Java calls"))
        .toList();
  }

  /** Packages depend on each other in one direction only. */
  static ArchRule packagesAreAcyclic(String root) {
    return slices().matching(root + ".(**)").should().beFreeOfCycles();
  }

  /** Every rule for {@code root}. */
  static List<ArchRule> all(String root) {
    var rules = new java.util.ArrayList<ArchRule>();
    rules.add(modelIsPlainJava(root));
    rules.addAll(servicesStayApart(root));
    rules.add(packagesAreAcyclic(root));
    return rules;
  }
}
