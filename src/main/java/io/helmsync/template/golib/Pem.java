package io.helmsync.template.golib;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEM block as Go's {@code encoding/pem} writes and reads it: 64 base64 characters a line and a
 * final newline; reading takes the first block whose body decodes, and skips the others. Headers
 * ({@code Proc-Type:}) are not read: Sprig's keys and certificates have none.
 */
public record Pem(String type, byte[] bytes) {
  private static final Pattern BLOCK =
      Pattern.compile(
          "(?m)^-----BEGIN ([^\\n]*?)-----[ \\t\\r]*\\n(.*?)^-----END \\1-----", Pattern.DOTALL);
  private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]");

  public Pem {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code pem.EncodeToMemory}. */
  public static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN "
        + type
        + "-----\n"
        + (body.isEmpty() ? "" : body + "\n")
        + "-----END "
        + type
        + "-----\n";
  }

  /** {@code pem.Decode}: the first well-formed block, empty when there is none. */
  public static Optional<Pem> decode(String text) {
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      try {
        byte[] der = Base64.getDecoder().decode(WHITESPACE.matcher(block.group(2)).replaceAll(""));
        return Optional.of(new Pem(block.group(1), der));
      } catch (IllegalArgumentException notBase64) {
        // Go skips a block whose body is not base64 and looks for the next one.
      }
    }
    return Optional.empty();
  }
}
