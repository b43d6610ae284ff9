package io.helmsync.apply;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.helmsync.model.Action;
import io.helmsync.model.ObjectRef;
import java.util.List;

/**
 * How one object would change: created, configured or deleted, with its YAML before and after
 * (Secret values already masked).
 */
public record ObjectDiff(
    ObjectRef ref, String release, Action action, String before, String after) {

  /** The change as a unified diff with three lines of context, headed by the object. */
  public String unified() {
    List<String> original = before.lines().toList();
    List<String> revised = after.lines().toList();
    String name =
        ref + " (" + action.label() + (release.isEmpty() ? "" : ", release " + release) + ")";
    List<String> lines =
        UnifiedDiffUtils.generateUnifiedDiff(
            "live " + name, "desired " + name, original, DiffUtils.diff(original, revised), 3);
    return String.join("\n", lines) + "\n";
  }
}
