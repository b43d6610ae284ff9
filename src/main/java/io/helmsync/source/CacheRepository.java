package io.helmsync.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FS;

/**
 * A bare, shallow repository under the work dir that every fetch goes into.
 *
 * <p>It is kept between fetches because the commit it holds is offered to the server as a "have":
 * when the tracked ref moves, the server sends only the objects that changed instead of the whole
 * tree again, which matters for repositories that vendor charts. Only {@value #TRACKED} keeps a
 * commit alive, so older commits become garbage; rather than running a garbage collection, the
 * cache is deleted and starts over once it holds {@value #MAX_PACKS} packs (one per fetch that
 * brought something). It is also deleted when it cannot be opened, so a corrupted cache costs one
 * full fetch, never a stuck agent.
 */
final class CacheRepository {
  /** The only ref in the cache: the commit of the last fetch. */
  static final String TRACKED = "refs/helmsync/tracked";

  private static final int MAX_PACKS = 20;

  private final Path dir;

  CacheRepository(Path dir) {
    this.dir = dir;
  }

  /** Opens the cache, creating it when it is missing, unreadable or too large. */
  Repository open() throws IOException {
    if (!RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)
        || packs() >= MAX_PACKS) {
      discard();
    }
    Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    if (!Files.exists(dir)) {
      repository.create(true);
    }
    return repository;
  }

  /**
   * Fetches {@code source} with depth 1 and returns its commit.
   *
   * @param source a full ref name from {@code ls-remote}, or a 40-character commit sha
   */
  RevCommit fetch(Repository repository, Remote remote, String source)
      throws GitAPIException, IOException {
    FetchResult result =
        remote
            .configure(Git.wrap(repository).fetch())
            .setRemote(remote.url())
            .setRefSpecs(new RefSpec(source))
            .setDepth(1)
            .setTagOpt(TagOpt.NO_TAGS)
            .call();
    ObjectId fetched =
        ObjectId.isId(source)
            ? ObjectId.fromString(source)
            : result.getAdvertisedRef(source).getObjectId();
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(fetched);
      track(repository, commit);
      return commit;
    }
  }

  /** Deletes the cache; the next {@link #open()} starts a fresh one. */
  void discard() throws IOException {
    Checkouts.deleteRecursively(dir);
  }

  private static void track(Repository repository, ObjectId commit) throws IOException {
    RefUpdate update = repository.updateRef(TRACKED);
    update.setNewObjectId(commit);
    update.setForceUpdate(true);
    RefUpdate.Result result = update.update();
    if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE) {
      throw new IOException(
          "cannot update " + TRACKED + " in " + repository.getDirectory() + ": " + result);
    }
  }

  private int packs() throws IOException {
    Path pack = dir.resolve("objects").resolve("pack");
    if (!Files.isDirectory(pack)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(pack)) {
      return (int) files.filter(p -> p.getFileName().toString().endsWith(".pack")).count();
    }
  }
}
