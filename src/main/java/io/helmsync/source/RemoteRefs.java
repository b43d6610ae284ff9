package io.helmsync.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * The branches and tags a remote advertised to {@code ls-remote}, and how the configured ref maps
 * onto them: a name is tried as given when it starts with {@code refs/}, then as a branch, then as
 * a tag, the order in which {@code git} itself resolves a short name given to {@code clone -b}.
 */
record RemoteRefs(Map<String, Ref> refs) {
  RemoteRefs {
    refs = Map.copyOf(refs);
  }

  /** The advertised ref {@code name} refers to. */
  Optional<Ref> find(String name) {
    return Stream.of(
            name.startsWith(Constants.R_REFS) ? name : null,
            Constants.R_HEADS + name,
            Constants.R_TAGS + name)
        .filter(Objects::nonNull)
        .map(refs::get)
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The commit a ref points at; an annotated tag is peeled to its commit. */
  static String commitOf(Ref ref) {
    ObjectId peeled = ref.getPeeledObjectId();
    return (peeled != null ? peeled : ref.getObjectId()).name();
  }

  /** Branch names, sorted, for messages that suggest what to track instead. */
  List<String> branches() {
    return refs.keySet().stream()
        .filter(name -> name.startsWith(Constants.R_HEADS))
        .map(name -> name.substring(Constants.R_HEADS.length()))
        .sorted()
        .toList();
  }
}
