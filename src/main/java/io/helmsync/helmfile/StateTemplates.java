package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import io.helmsync.template.helmfile.HelmfileFunctions;
import io.helmsync.template.helmfile.SecretPort;
import io.helmsync.template.helmfile.TemplateEnvironment;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders helmfile's templated files (state files, {@code .gotmpl} values) with helmfile's
 * functions and {@code missingkey=error}, as helmfile does. Errors keep Go's {@code template:
 * FILE:LINE:COL} position and add the offending source line.
 */
final class StateTemplates {
  private final Path root;
  private final TemplateEnvironment variables;
  private final StateOptions options;
  private final SecretPort secrets;

  /**
   * @param variables what {@code env} and {@code requiredEnv} may read in this load
   * @param secrets the load's secret session, so that values fetched by templates are masked with
   *     the rest
   */
  StateTemplates(
      Path root, TemplateEnvironment variables, StateOptions options, SecretPort secrets) {
    this.root = root;
    this.variables = variables;
    this.options = options;
    this.secrets = secrets;
  }

  /**
   * Renders one text of {@code file}.
   *
   * @param firstLine the line of the file the text starts on, so that positions in errors and in
   *     the rendered YAML are the file's own (the text is rendered after that many blank lines)
   */
  String render(Path file, String text, int firstLine, Map<String, Object> data) {
    return render(HelmfileLoader.display(root, file), file.getParent(), text, firstLine, data);
  }

  /**
   * Renders a text that is not a file of its own, such as a release's templated values path.
   *
   * @param name how errors name the text
   * @param dir where relative paths in file functions start
   */
  String render(String name, Path dir, String text, int firstLine, Map<String, Object> data) {
    String padded = "\n".repeat(Math.max(firstLine - 1, 0)) + text;
    HelmfileFunctions functions =
        new HelmfileFunctions(root, dir, variables, secrets, options.functions());
    try {
      return Template.create(functions.functions(), MissingKey.ERROR)
          .parse(name, padded)
          .execute(name, data);
    } catch (TemplateException e) {
      throw ReconcileException.stalled(withSourceLine(e, padded), e);
    }
  }

  /**
   * Go's message, then the line it points at (where an unclosed action began), so that the reader
   * sees what to fix.
   */
  private static String withSourceLine(TemplateException e, String text) {
    int line = e.sourceLine();
    String[] lines = text.split("\n", -1);
    if (line < 1 || line > lines.length) {
      return e.getMessage();
    }
    return e.getMessage() + "\n  " + line + " | " + lines[line - 1].strip();
  }
}
