package io.helmsync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import io.helmsync.model.Ownership;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.WaitPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent's scope over whole states, and how every problem of a state is reported at once. */
class DesiredStateCheckTest {
  private static final String NS = "demo";
  private static final ScopePolicy DEFAULT = ScopePolicy.of(Optional.empty(), false);
  private static final String CLUSTER_ROLE =
      "apiVersion: rbac.authorization.k8s.io/v1\n"
          + "kind: ClusterRole\nmetadata: {name: admin-all}\n";
  private static final String IN_OTHER =
      "apiVersion: v1\nkind: ConfigMap\n" + "metadata: {name: a, namespace: other}\n";
  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.acme.io}
      spec:
        group: acme.io
        scope: %s
        names: {kind: Widget, plural: widgets}
        versions: [{name: v1, served: true, storage: true}]
      """;
  private static final String WIDGET =
      "apiVersion: acme.io/v1\nkind: Widget\nmetadata: {name: w}\n";
  private static final String ISSUER =
      "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\n" + "metadata: {name: letsencrypt}\n";

  /** What a cluster with cert-manager says. */
  private static final KindScopes CERT_MANAGER =
      (apiVersion, kind) ->
          apiVersion.equals("cert-manager.io/v1")
              ? Optional.of(kind.startsWith("Cluster"))
              : Optional.empty();

  /**
   * @param yaml the objects, {@code ---} between them
   * @param fromCrdsDir whether its CustomResourceDefinitions come from a chart's {@code crds/}
   * @param refusal what the one refusal says; {@code null} when the objects are in scope
   */
  record Case(
      String name,
      ScopePolicy policy,
      KindScopes cluster,
      String yaml,
      boolean fromCrdsDir,
      String refusal) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    ScopePolicy allowOther = new ScopePolicy(Set.of("other", " "), false);
    ScopePolicy allowAny = new ScopePolicy(Set.of(ScopePolicy.ANY_NAMESPACE), false);
    ScopePolicy allowCluster = ScopePolicy.of(Optional.empty(), true);
    KindScopes offline = KindScopes.OFFLINE;
    return Stream.of(
        new Case(
            "an object in the agent's namespace",
            DEFAULT,
            offline,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
            false,
            null),
        new Case(
            "an object in another namespace",
            DEFAULT,
            offline,
            IN_OTHER,
            false,
            "ConfigMap/other/a (release app, test.yaml): namespace other is outside helmsync's "
                + "namespace demo; deploy the object (or its release) to demo, or add other to "
                + "HELMSYNC_ALLOWED_NAMESPACES; nothing was applied"),
        new Case(
            "another namespace that HELMSYNC_ALLOWED_NAMESPACES lists",
            allowOther,
            offline,
            IN_OTHER,
            false,
            null),
        new Case(
            "another namespace while HELMSYNC_ALLOWED_NAMESPACES is *",
            allowAny,
            offline,
            IN_OTHER,
            false,
            null),
        new Case(
            "a ClusterRole",
            DEFAULT,
            offline,
            CLUSTER_ROLE,
            false,
            "ClusterRole/admin-all (release app, test.yaml): ClusterRole is cluster-scoped: it "
                + "acts outside namespace demo, on the whole cluster; remove it from the release, "
                + "or set HELMSYNC_ALLOW_CLUSTER_SCOPED=true"),
        new Case(
            "a ClusterRole while HELMSYNC_ALLOW_CLUSTER_SCOPED=true",
            allowCluster,
            offline,
            CLUSTER_ROLE,
            false,
            null),
        new Case(
            "a Namespace",
            allowOther,
            offline,
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n",
            false,
            "Namespace/other (release app, test.yaml): Namespace is cluster-scoped"),
        new Case(
            "a CustomResourceDefinition from a chart's crds/",
            DEFAULT,
            offline,
            CRD.formatted("Namespaced"),
            true,
            null),
        new Case(
            "a CustomResourceDefinition a template renders",
            DEFAULT,
            offline,
            CRD.formatted("Namespaced"),
            false,
            "CustomResourceDefinition/widgets.acme.io (release app, test.yaml): "
                + "CustomResourceDefinition is cluster-scoped"),
        new Case(
            "a namespaced custom resource of a CRD in the state",
            DEFAULT,
            offline,
            CRD.formatted("Namespaced") + "---\n" + WIDGET,
            true,
            null),
        new Case(
            "a cluster-scoped custom resource of a CRD in the state",
            DEFAULT,
            offline,
            CRD.formatted("Cluster") + "---\n" + WIDGET,
            true,
            "Widget/demo/w (release app, test.yaml): Widget is cluster-scoped"),
        new Case(
            "a kind the cluster serves cluster-scoped",
            DEFAULT,
            CERT_MANAGER,
            ISSUER,
            false,
            "ClusterIssuer/demo/letsencrypt (release app, test.yaml): ClusterIssuer is "
                + "cluster-scoped"),
        new Case(
            "a kind the cluster serves namespaced",
            DEFAULT,
            CERT_MANAGER,
            "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: local}\n",
            false,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keepsObjectsInScope(Case c) {
    DesiredStateCheck check = c.policy().check(NS, c.cluster());
    DesiredState desired = state(release("app", objects(c.yaml(), c.fromCrdsDir())));

    if (c.refusal() == null) {
      check.verify(desired);
    } else {
      assertThatThrownBy(() -> check.verify(desired))
          .isInstanceOf(ReconcileException.class)
          .hasMessageStartingWith(c.refusal())
          .hasMessageEndingWith("; nothing was applied")
          .satisfies(e -> assertThat(((ReconcileException) e).reason()).isEqualTo(Reason.STALLED));
    }
  }

  @Test
  void everyProblemOfEveryReleaseIsReportedAtOnceWithoutSecretValues() {
    Manifest hook =
        objects(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: migrate\n"
                    + "  namespace: other\n  annotations: {helm.sh/hook: pre-install}\n",
                false)
            .get(0);
    DesiredState desired =
        state(
            release(
                "base",
                objects(
                    "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\n"
                        + "data: {token: s3cr3t-not-base64}\n",
                    false)),
            new DesiredRelease(
                "extra",
                NS,
                objects(CLUSTER_ROLE + "---\n" + IN_OTHER, false),
                List.of("base"),
                WaitPolicy.NONE,
                List.of(Hook.of(hook))));

    assertThatThrownBy(() -> DEFAULT.check(NS, KindScopes.OFFLINE).verify(desired))
        .hasMessage(
            String.join(
                "\n",
                "Secret/demo/creds (release base, test.yaml): data.token is not valid base64 "
                    + "(standard alphabet, padded with '='); encode the value (b64enc in a template) "
                    + "or put it under stringData as plain text",
                "ClusterRole/admin-all (release extra, test.yaml): ClusterRole is cluster-scoped: it "
                    + "acts outside namespace demo, on the whole cluster; remove it from the release, "
                    + "or set HELMSYNC_ALLOW_CLUSTER_SCOPED=true to let helmsync apply cluster-scoped "
                    + "objects",
                "ConfigMap/other/a (release extra, test.yaml): namespace other is outside helmsync's "
                    + "namespace demo; deploy the object (or its release) to demo, or add other to "
                    + "HELMSYNC_ALLOWED_NAMESPACES",
                "Pod/other/migrate (release extra, test.yaml): namespace other is outside helmsync's "
                    + "namespace demo; deploy the object (or its release) to demo, or add other to "
                    + "HELMSYNC_ALLOWED_NAMESPACES",
                "4 problems in the desired state; nothing was applied"))
        .message()
        .doesNotContain("s3cr3t");
  }

  @Test
  void aLongListIsCutAndCounted() {
    String many =
        String.join(
            "---\n",
            IntStream.range(0, DesiredStateCheck.LISTED + 5)
                .mapToObj(i -> "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad" + i + "}\n")
                .toList());

    assertThatThrownBy(
            () ->
                DEFAULT
                    .check(NS, KindScopes.OFFLINE)
                    .verify(state(release("app", objects(many, false)))))
        .hasMessageContaining("ConfigMap/demo/Bad19 ")
        .hasMessageNotContaining("Bad20")
        .hasMessageEndingWith(
            "\n... and 5 more\n25 problems in the desired state; " + "nothing was applied");
  }

  /** The objects, labelled as {@code DesiredStates} labels them, into the agent's namespace. */
  private static List<Manifest> objects(String yaml, boolean fromCrdsDir) {
    return Arrays.stream(yaml.split("---\n"))
        .map(ObjectRulesTest::manifest)
        .map(
            object ->
                fromCrdsDir && ScopePolicy.isCustomResourceDefinition(object)
                    ? Ownership.neverPruned(object)
                    : object)
        .map(object -> Ownership.label(object, NS, "app", NS, "r1"))
        .toList();
  }

  private static DesiredRelease release(String name, List<Manifest> objects) {
    return new DesiredRelease(name, NS, objects);
  }

  private static DesiredState state(DesiredRelease... releases) {
    return new DesiredState(NS, "r1", List.of(releases));
  }
}
