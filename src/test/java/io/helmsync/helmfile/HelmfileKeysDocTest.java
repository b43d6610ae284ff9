package io.helmsync.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks the Keys table of {@code docs/helmfile-support.md}: a small state file per key proves that
 * each refused key stops the load with the documented why and way out, that each no-effect key
 * loads with a warning only, and that the table lists exactly the keys {@link HelmfileKeys} knows,
 * so the page cannot drift from the loader.
 */
class HelmfileKeysDocTest {
  private static final Path DOC = Path.of("docs/helmfile-support.md");
  private static final java.util.logging.Logger HELMFILE =
      java.util.logging.Logger.getLogger("io.helmsync.helmfile");

  @TempDir Path root;
  private final List<String> warnings = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(
                record instanceof ExtLogRecord ext
                    ? ext.getFormattedMessage()
                    : record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** One row of the table: {@code where}, the key, what helmsync does, why and the way out. */
  record Row(String where, String key, String support, String text) {
    @Override
    public String toString() {
      return where + " " + key + ": " + support;
    }

    /** The key as messages print it. */
    String path() {
      return switch (where) {
        case "environment" -> "environments.default." + key;
        case "helmDefaults" -> "helmDefaults." + key;
        default -> key;
      };
    }

    /** A repository with this key (and a value that asks for something) where it belongs. */
    Map<String, String> files() {
      String line = key + ": [x]";
      String state =
          switch (where) {
            case "state" -> line + "\n";
            case "environment" -> "environments:\n  default:\n    " + line + "\n";
            case "release" -> "releases:\n- name: app\n  chart: ./app\n  " + line + "\n";
            case "helmDefaults" -> "helmDefaults:\n  " + line + "\n";
            case "repository" ->
                "repositories:\n- name: r\n  url: https://charts.example\n  " + line + "\n";
            case "helmfiles entry" -> "helmfiles:\n- path: sub.yaml\n  " + line + "\n";
            default -> throw new IllegalArgumentException("unknown place in the table: " + where);
          };
      return Map.of("helmfile.yaml", state, "sub.yaml", "releases: []\n");
    }
  }

  static List<Row> rows() throws IOException {
    String doc = Files.readString(DOC);
    String keys = doc.substring(doc.indexOf("## Keys\n"), doc.indexOf("## Functions\n"));
    List<Row> rows = new ArrayList<>();
    for (String line : keys.lines().filter(l -> l.startsWith("| ")).toList()) {
      String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
      String key = cells[1].trim();
      if (!key.startsWith("`")) {
        continue; // the header
      }
      rows.add(new Row(cells[0].trim(), key.replace("`", ""), cells[2].trim(), cells[3].trim()));
    }
    return rows;
  }

  static Stream<Row> refused() throws IOException {
    return rows().stream().filter(row -> row.support().equals("refused"));
  }

  static Stream<Row> noEffect() throws IOException {
    return rows().stream().filter(row -> row.support().equals("no effect"));
  }

  @BeforeEach
  void listen() {
    HELMFILE.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    HELMFILE.removeHandler(capture);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void aRefusedKeyStopsTheLoadWithTheDocumentedWayOut(Row row) {
    assertThatThrownBy(() -> load(row.files()))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageStartingWith("helmfile.yaml")
        .hasMessageContaining(row.path())
        .hasMessageContaining(row.text());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noEffect")
  void aKeyWithoutEffectOnlyWarns(Row row) {
    assertThatCode(() -> load(row.files())).doesNotThrowAnyException();
    assertThat(warnings).anyMatch(w -> w.contains("key '" + row.path() + "'"));
  }

  @Test
  void theTableListsEveryKeyTheLoaderKnowsAndNoOther() throws IOException {
    Set<String> documented =
        rows().stream()
            .map(row -> row.where() + " " + row.key())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> known = new TreeSet<>();
    HelmfileKeys.ALL.forEach(
        keys -> keys.known().forEach(key -> known.add(keys.scope() + " " + key)));
    assertThat(documented).isEqualTo(known);
    assertThat(rows())
        .allMatch(
            row -> Set.of("implemented", "refused", "no effect").contains(row.support()),
            "each row says implemented, refused or no effect");
  }

  private void load(Map<String, String> files) {
    RepoFiles.write(root, files);
    new HelmfileLoader(StateOptions.of("helmfile.yaml", "ns", Map.of()))
        .load(RepoFiles.snapshot(root, "r1"), "default");
  }
}
