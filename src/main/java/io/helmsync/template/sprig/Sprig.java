package io.helmsync.template.sprig;

import io.helmsync.template.Functions;

/**
 * The Sprig library (Masterminds/sprig v3, as Helm 3 ships it), assembled from its families.
 * docs/sprig-functions.md lists which of Sprig's functions exist here and which do not yet.
 */
public final class Sprig {
  private static final Functions FUNCTIONS =
      SprigStrings.functions()
          .with(SprigEncoding.functions())
          .with(SprigRegex.functions())
          .with(SprigPaths.functions())
          .with(SprigSemver.functions())
          .with(SprigDates.functions())
          .with(SprigDefaults.functions())
          .with(SprigConversions.functions())
          .with(SprigJson.functions())
          .with(SprigMath.functions())
          .with(SprigLists.functions())
          .with(SprigDicts.functions())
          .with(SprigCrypto.functions())
          .with(SprigRandom.functions());

  private Sprig() {}

  public static Functions functions() {
    return FUNCTIONS;
  }
}
