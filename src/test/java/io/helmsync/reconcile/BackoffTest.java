package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  @ParameterizedTest
  @CsvSource({
    "1, 1000, 1200",
    "2, 2000, 2400",
    "4, 8000, 9600",
    "9, 256000, 300000",
    "20, 300000, 300000"
  })
  void doublesFromOneSecondToFiveMinutesWithJitter(int failures, long min, long max) {
    for (int i = 0; i < 50; i++) {
      Duration delay = Backoff.defaults().after(failures);
      assertThat(delay.toMillis()).isBetween(min, max);
    }
  }
}
