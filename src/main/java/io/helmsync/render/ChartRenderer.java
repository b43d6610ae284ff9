package io.helmsync.render;

import io.helmsync.helmfile.PlannedRelease;
import java.nio.file.Path;

/** Turns a planned release into the Kubernetes objects it stands for. */
public interface ChartRenderer {

  /**
   * @param root the repository root of the snapshot being rendered
   * @throws io.helmsync.model.ReconcileException STALLED naming the release and file of bad input
   */
  RenderedRelease render(PlannedRelease release, Path root);
}
