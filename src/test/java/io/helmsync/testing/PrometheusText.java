package io.helmsync.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests that scrape
 * {@code /q/metrics}: every line must be a {@code # HELP}, a {@code # TYPE}, another comment, or a
 * sample {@code name{label="value",...} value [timestamp]}; anything else fails the test, so a
 * malformed exposition cannot pass unnoticed. Maven Central has writers of the format only.
 */
public final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
  private static final Pattern TYPES = Pattern.compile("counter|gauge|histogram|summary|untyped");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
  }

  private final Map<String, String> types;
  private final List<Sample> samples;

  private PrometheusText(Map<String, String> types, List<Sample> samples) {
    this.types = types;
    this.samples = samples;
  }

  /**
   * @throws IllegalArgumentException naming the line that is not valid exposition text
   */
  public static PrometheusText parse(String text) {
    Map<String, String> types = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      try {
        if (line.startsWith("# TYPE ")) {
          String[] parts = line.substring(7).split(" ");
          require(
              parts.length == 2
                  && NAME.matcher(parts[0]).matches()
                  && TYPES.matcher(parts[1]).matches(),
              "bad TYPE");
          require(types.put(parts[0], parts[1]) == null, "second TYPE for " + parts[0]);
        } else if (line.startsWith("# HELP ")) {
          require(NAME.matcher(line.substring(7).split(" ", 2)[0]).matches(), "bad HELP");
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          samples.add(sample(line));
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new IllegalArgumentException(
            "line " + number + " '" + line + "': " + e.getMessage(), e);
      }
    }
    return new PrometheusText(types, samples);
  }

  private static Sample sample(String line) {
    Matcher name = NAME.matcher(line);
    require(name.lookingAt(), "no metric name");
    int at = name.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at++;
      while (line.charAt(at) != '}') {
        Matcher label = LABEL.matcher(line).region(at, line.length());
        require(label.lookingAt(), "bad label at column " + at);
        require(
            labels.put(label.group(1), unescape(label.group(2))) == null,
            "repeated label " + label.group(1));
        at = label.end();
        if (line.charAt(at) == ',') {
          at++;
        } else {
          require(line.charAt(at) == '}', "expected , or } at column " + at);
        }
      }
      at++;
    }
    require(at < line.length() && line.charAt(at) == ' ', "expected a space before the value");
    String[] rest = line.substring(at + 1).split(" ");
    require(
        rest.length == 1 || rest.length == 2 && rest[1].matches("-?\\d+"),
        "expected value [timestamp]");
    return new Sample(name.group(), labels, value(rest[0]));
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  private static String unescape(String value) {
    return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The declared type of a metric family, if any. */
  public Optional<String> type(String family) {
    return Optional.ofNullable(types.get(family));
  }

  /** Every family with a {@code # TYPE} line. */
  public Map<String, String> types() {
    return Collections.unmodifiableMap(types);
  }

  public List<Sample> samples(String name) {
    return samples.stream().filter(sample -> sample.name().equals(name)).toList();
  }

  public List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The one sample of {@code name} whose labels include {@code labels}. */
  public Optional<Sample> sample(String name, Map<String, String> labels) {
    List<Sample> matching =
        samples(name).stream()
            .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
            .toList();
    require(matching.size() <= 1, matching.size() + " samples of " + name + " match " + labels);
    return matching.stream().findFirst();
  }
}
