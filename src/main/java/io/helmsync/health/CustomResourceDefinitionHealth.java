package io.helmsync.health;

import java.util.Optional;

/**
 * A CustomResourceDefinition is healthy once the API server serves it ({@code Established}): only
 * then can objects of its kind be applied, which is why staged apply waits for it. Names clashing
 * with another CRD and a non-structural schema are degraded, since the API server will not fix
 * them. Unlike Argo CD, a CRD not yet established is progressing rather than degraded, because it
 * is briefly in that state after every creation (as kstatus treats it).
 */
final class CustomResourceDefinitionHealth {
  private CustomResourceDefinitionHealth() {}

  static Health assess(ObjectTree crd) {
    if (crd.conditions().isEmpty()) {
      return Health.progressing("Waiting for the API server to report the CRD's conditions");
    }
    Optional<Condition> terminating = crd.condition("Terminating").filter(Condition::isTrue);
    if (terminating.isPresent()) {
      return Health.progressing("CRD is being deleted: " + terminating.get().explanation());
    }
    Optional<Condition> namesRefused = crd.condition("NamesAccepted").filter(Condition::isFalse);
    if (namesRefused.isPresent()) {
      return Health.degraded("CRD names were not accepted: " + namesRefused.get().explanation());
    }
    Optional<Condition> nonStructural =
        crd.condition("NonStructuralSchema").filter(Condition::isTrue);
    if (nonStructural.isPresent()) {
      return Health.degraded("CRD schema is not structural: " + nonStructural.get().explanation());
    }
    Optional<Condition> established = crd.condition("Established");
    if (established.filter(Condition::isTrue).isEmpty()) {
      return Health.progressing(
          "Waiting for the CRD to be established"
              + established.map(c -> ": " + c.explanation()).orElse(""));
    }
    return Health.healthy("CRD is established");
  }
}
