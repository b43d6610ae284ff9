package io.helmsync.source;

import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A Git repository as the source of the helmfile state, fetched with JGit.
 *
 * <p>Each {@link #fetch} first asks the remote where the tracked ref points ({@code ls-remote}, one
 * small request). Only when that commit is not checked out yet does it fetch, with depth 1 since
 * the agent needs the files of one commit and never its history, into the {@link CacheRepository}
 * and write the commit's files to {@code <workDir>/checkouts/<sha>}. A ref given as a full commit
 * sha never moves, so it skips {@code ls-remote} altogether.
 *
 * <p>After each fetch only the current checkout is kept; see {@link Checkouts#retainOnly}. The work
 * dir belongs to one source: two sources (or two agents) sharing it would delete each other's
 * checkouts. Calls are serialized; the reconciler makes one at a time anyway.
 */
public final class GitSource implements Source {
  private final GitSpec spec;
  private final CacheRepository cache;
  private final Checkouts checkouts;

  public GitSource(GitSpec spec) {
    this.spec = spec;
    this.cache = new CacheRepository(spec.workDir().resolve("cache.git"));
    this.checkouts = new Checkouts(spec.workDir().resolve("checkouts"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The snapshot is {@code unchanged} when its revision equals {@code lastRevision}, even if the
   * checkout had to be written again because it was missing from the work dir.
   */
  @Override
  public synchronized SourceSnapshot fetch(String lastRevision) {
    Remote remote = Remote.of(spec);
    String source = isCommitId(spec.ref()) ? spec.ref() : resolve(remote);
    String revision = isCommitId(source) ? source : null;
    if (revision == null || !checkouts.exists(revision)) {
      revision = fetchAndCheckOut(remote, source);
    }
    retainOnly(revision);
    return new SourceSnapshot(
        spec.url(),
        spec.ref(),
        revision,
        checkouts.dir(revision),
        revision.equals(lastRevision),
        commitInfo(revision));
  }

  /**
   * The commit's message, author and time from the local cache; empty when the cache no longer
   * holds it (then the status shows the sha alone, which is all that is needed to reconcile).
   */
  private Optional<CommitInfo> commitInfo(String revision) {
    try (Repository repository = cache.open();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
      return Optional.of(
          new CommitInfo(
              revision,
              commit.getShortMessage(),
              commit.getAuthorIdent().getName(),
              Instant.ofEpochSecond(commit.getCommitTime())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The spec this source was built with (its URL holds no credentials). */
  public GitSpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return "GitSource[" + spec.url() + "@" + spec.ref() + "]";
  }

  /**
   * Resolves the configured ref with {@code ls-remote}: the commit sha when its checkout already
   * exists (nothing to fetch), otherwise the full ref name to fetch.
   */
  private String resolve(Remote remote) {
    RemoteRefs refs = new RemoteRefs(listRefs(remote));
    Ref ref =
        refs.find(spec.ref()).orElseThrow(() -> TransportErrors.refNotFound(spec, refs.branches()));
    String commit = RemoteRefs.commitOf(ref);
    return checkouts.exists(commit) ? commit : ref.getName();
  }

  private Map<String, Ref> listRefs(Remote remote) {
    try {
      return remote
          .configure(Git.lsRemoteRepository())
          .setRemote(remote.url())
          .setHeads(true)
          .setTags(true)
          .callAsMap();
    } catch (GitAPIException | JGitInternalException e) {
      throw TransportErrors.classify(e, spec);
    }
  }

  private String fetchAndCheckOut(Remote remote, String source) {
    try (Repository repository = cache.open()) {
      RevCommit commit = cache.fetch(repository, remote, source);
      if (!checkouts.exists(commit.name())) {
        checkouts.write(repository, commit);
      }
      return commit.name();
    } catch (GitAPIException e) {
      throw TransportErrors.classify(e, spec);
    } catch (IOException | JGitInternalException e) {
      discardCache();
      throw ReconcileException.transientError(
          "cannot store the fetch of "
              + spec.url()
              + " in "
              + spec.workDir()
              + ": "
              + e.getMessage()
              + "; the local cache was reset and the next attempt starts clean",
          e);
    }
  }

  private void retainOnly(String revision) {
    try {
      checkouts.retainOnly(revision);
    } catch (IOException e) {
      throw ReconcileException.transientError(
          "cannot delete old checkouts in " + spec.workDir() + ": " + e.getMessage(), e);
    }
  }

  private void discardCache() {
    try {
      cache.discard();
    } catch (IOException ignored) {
      // the next open() retries the deletion; the original failure is what gets reported
    }
  }

  private static boolean isCommitId(String ref) {
    return ref.length() == ObjectId.zeroId().name().length() && ObjectId.isId(ref);
  }
}
