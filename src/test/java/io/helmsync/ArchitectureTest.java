package io.helmsync;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the package table of DESIGN.md true: each package of {@code io.helmsync} uses only the
 * packages its row names (dependencies point toward {@code model}), and no two packages depend on
 * each other in a cycle. When a rule fails, either the code took a wrong turn or the design
 * changed: then change this table and propose the new row in DESIGN.md in the same change.
 */
class ArchitectureTest {
  private static final String BASE = "io.helmsync";

  /** Package (relative to {@value #BASE}) → the helmsync packages it may use besides itself. */
  static final Map<String, Set<String>> MAY_USE =
      Map.ofEntries(
          Map.entry("model", Set.of()),
          Map.entry("source", Set.of("model")),
          Map.entry("config", Set.of("source")),
          Map.entry("template.golib", Set.of()),
          Map.entry("template.parse", Set.of("template.golib")),
          Map.entry("template", Set.of("template.parse", "template.golib")),
          Map.entry("template.sprig", Set.of("model", "template", "template.golib")),
          Map.entry(
              "template.helm", Set.of("model", "template", "template.golib", "template.sprig")),
          Map.entry("template.helmfile", Set.of("template", "template.golib", "template.sprig")),
          Map.entry("secret", Set.of("model", "template.helmfile", "secret.sops")),
          Map.entry("secret.sops", Set.of("model")),
          Map.entry("chart", Set.of("model", "template.golib")),
          Map.entry("helmfile", Set.of("model", "source", "secret", "template..")),
          Map.entry("render", Set.of("model", "chart", "helmfile", "template..")),
          Map.entry("health", Set.of("model")),
          Map.entry("apply", Set.of("model")),
          Map.entry("inventory", Set.of("model")),
          Map.entry("cluster", Set.of("model", "health", "apply", "render")),
          Map.entry("observe", Set.of("model")),
          Map.entry(
              "reconcile",
              Set.of(
                  "model",
                  "config",
                  "source",
                  "helmfile",
                  "render",
                  "health",
                  "apply",
                  "inventory",
                  "cluster",
                  "observe")),
          Map.entry("web", Set.of("model", "config", "source", "health", "observe", "reconcile")),
          Map.entry("cli", Set.of("*")));

  private static JavaClasses mainClasses;

  @BeforeAll
  static void importMainClasses() {
    mainClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
  }

  static Stream<String> packages() {
    return MAY_USE.keySet().stream().filter(name -> !MAY_USE.get(name).contains("*")).sorted();
  }

  @ParameterizedTest(name = "{0} uses only the packages its row names")
  @MethodSource("packages")
  void packageUsesOnlyWhatItsRowNames(String name) {
    List<String> allowed = new ArrayList<>();
    allowed.add(exactly(name));
    MAY_USE.get(name).forEach(used -> allowed.add(pattern(used)));
    classes()
        .that()
        .resideInAPackage(exactly(name))
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage(BASE + "..")
                .or(resideInAnyPackage(allowed.toArray(String[]::new))))
        .allowEmptyShould(true)
        .check(mainClasses);
  }

  @Test
  void everyPackageHasARow() {
    Set<String> found =
        mainClasses.stream()
            .map(JavaClass::getPackageName)
            .filter(name -> name.startsWith(BASE + "."))
            .map(name -> name.substring(BASE.length() + 1))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(MAY_USE.keySet()).containsAll(found);
  }

  /**
   * Each package is a slice of its own, so a cycle between a package and its sub-package counts.
   */
  @Test
  void noCyclesBetweenPackages() {
    slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(mainClasses);
  }

  /** The package itself, without its sub-packages (template's layers have rows of their own). */
  private static String exactly(String name) {
    return BASE + "." + name;
  }

  /** {@code template..} in a row means the template package and all of its layers. */
  private static String pattern(String used) {
    return BASE + "." + used;
  }
}
