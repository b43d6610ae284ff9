package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.secret.Redaction;
import io.helmsync.source.SourceSnapshot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a helmfile state as {@code helmfile -e ENV} does (v0 behaviour by default): every state
 * file is a template, split on {@code ---} lines into parts, each rendered with the environment
 * values loaded so far and merged in ({@link StateFiles}); {@code bases:} load before the part that
 * lists them; environment values load in order, {@code .gotmpl} files rendered ({@link
 * EnvironmentValues}); releases get their values files rendered with {@code .Release} ({@link
 * ReleaseLoader}); nested {@code helmfiles:} load as sub-states whose releases come first ({@link
 * SubHelmfiles}, {@link StateReader}). Anything wrong stops the load with the file, line and
 * release, so that nothing is applied from a state that was only half read.
 */
public final class HelmfileLoader implements StateLoader {
  private final StateOptions options;

  public HelmfileLoader(StateOptions options) {
    this.options = options;
  }

  @Override
  public HelmfileState load(SourceSnapshot snapshot, String environment) {
    LoadContext context =
        new LoadContext(snapshot.dir().toAbsolutePath().normalize(), environment, options);
    try {
      return new StateReader(context).readTop();
    } catch (ReconcileException e) {
      throw forUsers(e, context.root(), context.secretValues());
    }
  }

  /** How messages name {@code file}: relative to the checkout, {@code ../x} when outside it. */
  static String display(Path root, Path file) {
    return file.isAbsolute() ? root.relativize(file).toString() : file.toString();
  }

  /**
   * The error as users may see it: paths relative to the repository (an error from a library, such
   * as a file system one, may hold the checkout's absolute path on the agent's machine) and every
   * secret value masked. A masked error drops its cause, whose message (a template's) may hold the
   * value too.
   */
  private static ReconcileException forUsers(ReconcileException e, Path root, Set<String> secrets) {
    String message = String.valueOf(e.getMessage());
    String relative = withoutRoot(message, root);
    ReconcileException located =
        relative.equals(message) ? e : new ReconcileException(e.reason(), relative, e.getCause());
    return Redaction.of(secrets).mask(located);
  }

  /** {@code message} with the checkout's absolute path (as given and as resolved) taken out. */
  private static String withoutRoot(String message, Path root) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(root.toString());
    try {
      forms.add(root.toRealPath().toString());
    } catch (IOException e) {
      // A checkout that cannot be resolved has only the path it was given.
    }
    String out = message;
    for (String form : forms) {
      out = out.replace(form + File.separator, "").replace(form, ".");
    }
    return out;
  }
}
