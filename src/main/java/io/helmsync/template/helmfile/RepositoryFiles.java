package io.helmsync.template.helmfile;

import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.golib.GoStruct;
import io.helmsync.template.golib.GoValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * helmfile's file functions ({@code readFile}, {@code isFile}, {@code isDir}, {@code readDir},
 * {@code readDirEntries}) confined to one Git checkout. Paths are relative to the directory of the
 * file being rendered, as in helmfile; unlike helmfile, a path that leaves the repository root,
 * lexically or through a symbolic link, is an error, because a commit must not make the agent read
 * its own service-account token or configuration.
 */
final class RepositoryFiles {
  private final Path root;
  private final Path dir;

  /**
   * @param root the checkout's root directory
   * @param dir the directory of the file being rendered, inside {@code root}
   */
  RepositoryFiles(Path root, Path dir) {
    this.root = realPath(root);
    this.dir = realPath(dir);
    if (!this.dir.startsWith(this.root)) {
      throw new IllegalArgumentException("template directory " + dir + " is outside " + root);
    }
  }

  Functions functions() {
    return Functions.builder()
        .add("readFile", GoFunction.of(a -> readFile((String) a[0]), STRING))
        .add("isFile", GoFunction.of(a -> isFile((String) a[0]), STRING))
        .add("isDir", GoFunction.of(a -> isDir((String) a[0]), STRING))
        .add("readDir", GoFunction.of(a -> readDir((String) a[0]), STRING))
        .add("readDirEntries", GoFunction.of(a -> readDirEntries((String) a[0]), STRING))
        .build();
  }

  /** The directory of the file being rendered, where helmfile runs commands too. */
  Path dir() {
    return dir;
  }

  String readFile(String name) {
    Path path = resolve(name);
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new GoError("open " + display(path) + ": no such file or directory");
    } catch (IOException e) {
      throw new GoError("open " + display(path) + ": " + reason(e));
    }
  }

  boolean isFile(String name) {
    Path path = resolve(name);
    return Files.exists(path) && !Files.isDirectory(path);
  }

  boolean isDir(String name) {
    return Files.isDirectory(resolve(name));
  }

  /** The files (not directories) in a directory, as {@code name/entry} paths, sorted. */
  List<Object> readDir(String name) {
    List<Object> paths = new ArrayList<>();
    for (DirEntry entry : entries("ReadDir", name)) {
      if (!entry.directory()) {
        paths.add(Path.of(name).resolve(entry.name()).normalize().toString());
      }
    }
    return paths;
  }

  List<Object> readDirEntries(String name) {
    return new ArrayList<>(entries("ReadDirEntries", name));
  }

  /** {@code os.ReadDir}: entries sorted by name; a symbolic link is not a directory. */
  private List<DirEntry> entries(String verb, String name) {
    Path path = resolve(name);
    try (Stream<Path> list = Files.list(path)) {
      return list.map(DirEntry::of)
          .sorted((a, b) -> GoValues.compareStrings(a.name(), b.name()))
          .toList();
    } catch (NoSuchFileException e) {
      throw new GoError(
          verb
              + " "
              + GoQuote.quote(display(path))
              + ": open "
              + display(path)
              + ": no such file or directory");
    } catch (NotDirectoryException e) {
      throw new GoError(
          verb
              + " "
              + GoQuote.quote(display(path))
              + ": open "
              + display(path)
              + ": not a directory");
    } catch (IOException e) {
      throw new GoError(verb + " " + GoQuote.quote(display(path)) + ": " + reason(e));
    }
  }

  /**
   * The path a template names, checked to stay inside the root: first as written, then with every
   * symbolic link of its longest existing prefix resolved.
   *
   * @throws GoError naming the path and why it was refused
   */
  Path resolve(String name) {
    Path path = dir.resolve(name).normalize();
    if (!path.startsWith(root)) {
      throw new GoError(
          GoQuote.quote(name)
              + ": the path leaves the repository root; templates may only read files in the "
              + "repository");
    }
    Path real = realPathOfExistingPart(path);
    if (!real.startsWith(root)) {
      throw new GoError(
          GoQuote.quote(name)
              + ": a symbolic link in the path points outside the "
              + "repository root; templates may only read files in the repository");
    }
    return real;
  }

  /** The real path of the longest existing prefix, with the rest of the path appended. */
  private Path realPathOfExistingPart(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    return realPath(existing).resolve(existing.relativize(path));
  }

  /** A path as messages show it: relative to the repository root, never the agent's own layout. */
  private String display(Path path) {
    String relative = root.relativize(path).toString();
    return relative.isEmpty() ? "." : relative;
  }

  /**
   * Why an I/O call failed, in Go's lowercase words and without the absolute path Java puts in
   * {@link FileSystemException} messages, which would show the agent's own layout.
   */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    return reason == null ? "input/output error" : reason.toLowerCase(Locale.ROOT);
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + path, e);
    }
  }

  /** Go's {@code fs.DirEntry} as templates use it: {@code .Name}, {@code .IsDir}, {@code .Type}. */
  record DirEntry(String name, boolean directory, boolean symlink) implements GoStruct {
    static DirEntry of(Path path) {
      return new DirEntry(
          path.getFileName().toString(),
          Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS),
          Files.isSymbolicLink(path));
    }

    @Override
    public String goType() {
      return "*os.unixDirent";
    }

    @Override
    public Optional<Object> member(String member) {
      return Optional.ofNullable(
          switch (member) {
            case "Name" -> GoFunction.of(a -> name);
            case "IsDir" -> GoFunction.of(a -> directory);
            case "Type" -> GoFunction.of(a -> fileMode());
            default -> null;
          });
    }

    /** {@code fs.FileMode.String()} of the type bits alone, e.g. {@code d---------}. */
    private String fileMode() {
      String kind = directory ? "d" : symlink ? "L" : "-";
      return kind + "-".repeat(9);
    }
  }
}
