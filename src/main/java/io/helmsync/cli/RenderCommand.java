package io.helmsync.cli;

import io.helmsync.apply.SecretMask;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.model.DesiredState;
import io.helmsync.model.Manifest;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.YamlDocuments;
import io.helmsync.secret.Redaction;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helmsync render}: prints the objects that would be applied, as YAML documents. Secret
 * values are shown as {@code ***} (every value resolved from a reference, wherever a chart put it,
 * and every value of a {@code Secret}) unless {@code --show-secrets} asks for the real manifests.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Print the manifests that would be applied, with helmsync's labels; touch no cluster. "
            + "Secret values are shown as *** unless --show-secrets is given.")
public class RenderCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Spec CommandSpec spec;
  @Inject HelmsyncConfig config;
  @Inject Pipelines pipelines;

  @Option(
      names = "--show-secrets",
      description = "Print secret values as they would be applied, e.g. to pipe into kubectl.")
  boolean showSecrets;

  @Override
  public Integer call() {
    try {
      DesiredState desired = pipelines.offlineReconciler(source.apply(config)).render();
      Redaction redaction = Redaction.of(showSecrets ? Set.of() : desired.secretValues());
      PrintWriter out = spec.commandLine().getOut();
      desired
          .releases()
          .forEach(
              release ->
                  release
                      .objects()
                      .forEach(
                          object ->
                              print(
                                  out, release.name(), object.source(), shown(object, redaction))));
      out.flush();
      return 0;
    } catch (ReconcileException e) {
      spec.commandLine().getErr().println("helmsync render: " + e.getMessage());
      return 1;
    }
  }

  private Map<String, Object> shown(Manifest object, Redaction redaction) {
    if (showSecrets) {
      return object.body();
    }
    Map<String, Object> masked = redaction.maskObject(object.body());
    SecretMask.hide(object.ref(), masked);
    return masked;
  }

  private static void print(
      PrintWriter out, String release, String source, Map<String, Object> body) {
    out.println("---");
    out.println("# Release: " + release + ", source: " + source);
    out.print(YamlDocuments.write(body));
  }
}
