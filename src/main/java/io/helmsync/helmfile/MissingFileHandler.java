package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.util.Locale;
import org.jboss.logging.Logger;

/** helmfile's {@code missingFileHandler}: what a values file that does not exist means. */
enum MissingFileHandler {
  ERROR,
  WARN,
  INFO,
  DEBUG;

  private static final Logger LOG = Logger.getLogger(MissingFileHandler.class);

  static MissingFileHandler parse(Object value, String where) {
    if (value == null) {
      return null;
    }
    try {
      return valueOf(value.toString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ReconcileException.stalled(
          where
              + ": missingFileHandler must be Error, Warn, Info or "
              + "Debug, found '"
              + value
              + "'");
    }
  }

  /** Fails for {@link #ERROR}; otherwise logs at this level and lets the load go on without it. */
  void handle(String file, String usedBy) {
    String message = file + ": values file not found (used by " + usedBy + ")";
    switch (this) {
      case ERROR ->
          throw ReconcileException.stalled(
              message
                  + "; create it, fix the path, or set missingFileHandler: Warn to skip missing files");
      case WARN -> LOG.warn(message + "; skipped (missingFileHandler: Warn)");
      case INFO -> LOG.info(message + "; skipped (missingFileHandler: Info)");
      case DEBUG -> LOG.debug(message + "; skipped (missingFileHandler: Debug)");
    }
  }
}
