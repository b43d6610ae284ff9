package io.helmsync.chart;

import io.helmsync.chart.ChartLoader.ChartFile;
import io.helmsync.model.ReconcileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A packaged chart ({@code helm package}'s {@code .tgz}), read as Helm's {@code LoadArchiveFiles}
 * does: the top directory is dropped from every name, and archives that try to escape it are
 * refused.
 */
final class ChartArchive {
  private static final Pattern DRIVE_PATH = Pattern.compile("^[a-zA-Z]:/");

  private ChartArchive() {}

  static List<ChartFile> read(Path archive, String where) {
    try (InputStream in = Files.newInputStream(archive)) {
      return read(in, archive.getFileName().toString(), where);
    } catch (IOException e) {
      throw unreadable(archive.getFileName().toString(), where, e);
    }
  }

  static List<ChartFile> read(String path, byte[] archive, String where) {
    try {
      return read(new ByteArrayInputStream(archive), path, where);
    } catch (IOException e) {
      throw unreadable(path, where, e);
    }
  }

  private static List<ChartFile> read(InputStream in, String path, String where)
      throws IOException {
    List<ChartFile> files = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (!entry.isFile()) {
          continue;
        }
        String name = nameInChart(entry.getName(), path, where);
        files.add(new ChartFile(name, ChartLoader.withoutBom(tar.readAllBytes())));
      }
    }
    if (files.isEmpty()) {
      throw ReconcileException.stalled(where + ": chart archive " + path + " is empty");
    }
    return files;
  }

  /** The entry's path without the archive's top directory, refusing paths that leave the chart. */
  private static String nameInChart(String entry, String path, String where) {
    String normalized = entry.replace('\\', '/');
    int slash = normalized.indexOf('/');
    if (slash < 0) {
      throw illegal(path, where, entry + " is not inside the chart's directory");
    }
    String name =
        Path.of(normalized.substring(slash + 1)).normalize().toString().replace('\\', '/');
    if (name.isEmpty()
        || name.startsWith("/")
        || name.startsWith("..")
        || DRIVE_PATH.matcher(name).find()) {
      throw illegal(path, where, entry + " points outside the chart");
    }
    return name;
  }

  private static ReconcileException illegal(String path, String where, String problem) {
    return ReconcileException.stalled(
        where
            + ": chart archive "
            + path
            + ": "
            + problem
            + "; repackage the chart with helm package");
  }

  private static ReconcileException unreadable(String path, String where, IOException e) {
    return ReconcileException.stalled(
        where
            + ": cannot read chart archive "
            + path
            + ": "
            + e.getMessage()
            + "; is it a .tgz made by helm package?",
        e);
  }
}
