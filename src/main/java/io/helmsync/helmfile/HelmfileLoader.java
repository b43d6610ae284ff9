package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.secret.Redaction;
import io.helmsync.source.SourceSnapshot;
import java.nio.file.Path;

/**
 * Reads a helmfile state as {@code helmfile -e ENV} does (v0 behaviour by default): every state
 * file is a template, split on {@code ---} lines into parts, each rendered with the environment
 * values loaded so far and merged in ({@link StateFiles}); {@code bases:} load before the part that
 * lists them; environment values load in order, {@code .gotmpl} files rendered
 * ({@link EnvironmentValues}); releases get their values files rendered with {@code .Release}
 * ({@link ReleaseLoader}); nested {@code helmfiles:} load as sub-states whose releases come first
 * ({@link SubHelmfiles}, {@link StateReader}). Anything wrong stops the load with the file, line
 * and release, so that nothing is applied from a state that was only half read.
 */
public final class HelmfileLoader implements StateLoader {
  private final StateOptions options;

  public HelmfileLoader(StateOptions options) {
    this.options = options;
  }

  @Override
  public HelmfileState load(SourceSnapshot snapshot, String environment) {
    LoadContext context = new LoadContext(snapshot.dir().toAbsolutePath().normalize(),
        environment, options);
    try {
      return new StateReader(context).readTop();
    } catch (ReconcileException e) {
      throw Redaction.of(context.secretValues()).mask(e);
    }
  }

  static String display(Path root, Path file) {
    return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
  }
}
