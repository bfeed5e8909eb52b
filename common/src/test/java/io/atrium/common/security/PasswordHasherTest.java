package io.atrium.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  @Test
  void aHashVerifiesAndAnotherPasswordDoesNot() {
    PasswordHasher hasher = new PasswordHasher(1);
    String hash = hasher.hash("correct horse battery staple");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.verify("correct horse battery staple", hash))
        .isEqualTo(new PasswordHasher.Check(true, false));
    assertThat(hasher.verify("correct horse battery stapler", hash).matches()).isFalse();
  }

  @Test
  void requestsBeyondTheWaitingRoomAreTurnedAwayAtOnce() throws Exception {
    // One hashing slot and one waiting place: of many simultaneous checks, those that find both
    // taken answer Busy (503) at once instead of holding their thread for up to 10 s.
    PasswordHasher hasher = new PasswordHasher(1, 1);
    String hash = hasher.hash("a password of some length");
    int callers = 12;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return hasher.verify("a password of some length", hash).matches()
                        ? "verified"
                        : "mismatch";
                  } catch (PasswordHasher.Busy busy) {
                    return "busy";
                  }
                }));
      }
      start.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get());
      }
      assertThat(results).contains("verified", "busy").doesNotContain("mismatch");
      // Admissions are given back: once the flood is over, a check runs again.
      assertThat(hasher.verify("a password of some length", hash).matches()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
