package io.helmsync.apply;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The formats Kubernetes requires of names, label values and keys, as apimachinery's {@code
 * k8s.io/apimachinery/pkg/util/validation} defines them ({@code IsDNS1123Subdomain}, {@code
 * IsDNS1123Label}, {@code IsDNS1035Label}, the name part of {@code IsQualifiedName}, {@code
 * IsValidLabelValue}, {@code IsConfigMapKey}) and {@code pkg/api/validation/path}'s {@code
 * IsValidPathSegmentName}. Lengths are counted in characters: any character outside ASCII already
 * fails the patterns that have a length limit.
 */
enum NameFormat {
  DNS1123_SUBDOMAIN(
      "a DNS-1123 subdomain",
      253,
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
      "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"),
  DNS1123_LABEL(
      "a DNS-1123 label",
      63,
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
      "lowercase letters, digits and '-', starting and ending with a letter or digit"),
  DNS1035_LABEL(
      "a DNS-1035 label",
      63,
      "[a-z]([-a-z0-9]*[a-z0-9])?",
      "lowercase letters, digits and '-', starting with a letter and ending with a letter or "
          + "digit"),
  /** The name part of a qualified name (label and annotation keys). */
  QUALIFIED_NAME(
      "a qualified name",
      63,
      "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]",
      "letters, digits, '-', '_' and '.', starting and ending with a letter or digit"),
  LABEL_VALUE(
      "a valid label value",
      63,
      "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?",
      "empty, or letters, digits, '-', '_' and '.', starting and ending with a letter or digit"),
  /** A key of a ConfigMap's or Secret's data. */
  CONFIG_KEY(
      "a valid data key",
      253,
      "(?!\\.\\.|\\.$)[-._a-zA-Z0-9]+",
      "letters, digits, '-', '_' and '.', not '.' and not starting with '..'"),
  /** What every name must be to fit in a URL path; RBAC objects need no more. */
  PATH_SEGMENT(
      "a valid path segment",
      Integer.MAX_VALUE,
      "(?!\\.\\.?$)[^/%]+",
      "anything but '.' and '..', without '/' or '%'");

  private final String title;
  private final int maxLength;
  private final Pattern pattern;
  private final String rule;

  NameFormat(String title, int maxLength, String pattern, String rule) {
    this.title = title;
    this.maxLength = maxLength;
    this.pattern = Pattern.compile(pattern);
    this.rule = rule;
  }

  /**
   * What is wrong with {@code value} in this format, for a message that names the value before it:
   * e.g. {@code "is not a DNS-1123 label: 64 characters, at most 63"}; empty when it fits.
   */
  Optional<String> problem(String value) {
    if (value.length() > maxLength) {
      return Optional.of(
          "is not " + title + ": " + value.length() + " characters, at most " + maxLength);
    }
    if (!pattern.matcher(value).matches()) {
      return Optional.of(
          "is not "
              + title
              + " ("
              + rule
              + (maxLength == Integer.MAX_VALUE ? "" : ", at most " + maxLength + " characters")
              + ")");
    }
    return Optional.empty();
  }
}
