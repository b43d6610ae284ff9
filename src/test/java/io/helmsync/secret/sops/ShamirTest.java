package io.helmsync.secret.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.ReconcileException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key groups: a data key split with Shamir's secret sharing as sops splits it (GF(2^8) with AES'
 * polynomial, the x coordinate as each part's last byte), each part given to the real {@code age}
 * for one group's recipient; any {@code shamir_threshold} groups recover it.
 */
class ShamirTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void multiplicationIsAesFieldMultiplication() {
    assertThat(Shamir.multiply(0x57, 0x83)).as("FIPS-197's example").isEqualTo(0xc1);
    assertThat(Shamir.multiply(0x57, 0x13)).isEqualTo(0xfe);
  }

  @Test
  void anyThresholdOfPartsCombinesToTheSecret() {
    byte[] secret = SopsFileWriter.randomKey();
    List<byte[]> parts = split(secret, 5, 3);

    assertThat(Shamir.combine(List.of(parts.get(4), parts.get(0), parts.get(2)))).isEqualTo(secret);
    assertThat(Shamir.combine(List.of(parts.get(1), parts.get(3)))).isNotEqualTo(secret);
  }

  @Test
  void twoOfThreeKeyGroupsDecryptAFileAndOneDoesNot() throws Exception {
    AgeTool.assumeInstalled();
    List<AgeTool.Identity> groups = List.of(AgeTool.keygen(), AgeTool.keygen(), AgeTool.keygen());
    byte[] dataKey = SopsFileWriter.randomKey();
    List<byte[]> parts = split(dataKey, 3, 2);
    StringBuilder keys = new StringBuilder("key_groups:\n");
    for (int i = 0; i < groups.size(); i++) {
      keys.append("    - age:\n        - recipient: ")
          .append(groups.get(i).recipient())
          .append("\n          enc: |\n")
          .append(AgeTool.encrypt(parts.get(i), groups.get(i).recipient()).indent(14));
    }
    keys.append("shamir_threshold: 2\n");
    byte[] file = SopsFileWriter.yaml(Map.of("password", "split"), dataKey, keys.toString());

    assertThat(decryptor(groups.get(1), groups.get(2)).decrypt("secrets.yaml", file).values())
        .isEqualTo(Map.of("password", "split"));
    assertThatThrownBy(() -> decryptor(groups.get(0)).decrypt("secrets.yaml", file))
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith(
            "secrets.yaml: cannot decrypt the SOPS data key (1 of the 2 key "
                + "groups needed were recovered); tried age "
                + groups.get(1).recipient());
  }

  private static SopsDecryptor decryptor(AgeTool.Identity... identities) {
    StringBuilder keyFile = new StringBuilder();
    for (AgeTool.Identity identity : identities) {
      keyFile.append(identity.keyFile());
    }
    SopsKeys keys =
        SopsKeys.fromSecretData(
            "Secret s", Map.of("keys.agekey", keyFile.toString().getBytes(StandardCharsets.UTF_8)));
    return new SopsDecryptor(keys, SopsFixturesTest.noKms(), 1 << 20);
  }

  /** sops' {@code shamir.Split}: a random polynomial per byte, evaluated at distinct x. */
  private List<byte[]> split(byte[] secret, int parts, int threshold) {
    List<byte[]> result = new ArrayList<>();
    List<Integer> xs = new ArrayList<>();
    while (xs.size() < parts) {
      int x = 1 + random.nextInt(255);
      if (!xs.contains(x)) {
        xs.add(x);
      }
    }
    for (int x : xs) {
      byte[] part = new byte[secret.length + 1];
      part[secret.length] = (byte) x;
      result.add(part);
    }
    for (int b = 0; b < secret.length; b++) {
      int[] coefficients = new int[threshold];
      coefficients[0] = secret[b] & 0xff;
      for (int c = 1; c < threshold; c++) {
        coefficients[c] = random.nextInt(256);
      }
      for (int p = 0; p < parts; p++) {
        int y = 0;
        for (int c = threshold - 1; c >= 0; c--) {
          y = Shamir.multiply(y, xs.get(p)) ^ coefficients[c];
        }
        result.get(p)[b] = (byte) y;
      }
    }
    return result;
  }
}
