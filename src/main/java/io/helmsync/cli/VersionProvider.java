package io.helmsync.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** Reports the application version Quarkus was built with. */
public class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.application.version", String.class)
            .orElse("dev");
    return new String[] {"helmsync " + version};
  }
}
