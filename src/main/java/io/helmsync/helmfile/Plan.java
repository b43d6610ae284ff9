package io.helmsync.helmfile;

import java.util.List;

/**
 * The installed releases of a state in apply order: every release comes after the releases it
 * {@code needs}; otherwise declaration order is kept.
 */
public record Plan(List<PlannedRelease> releases) {
  public Plan {
    releases = List.copyOf(releases);
  }
}
