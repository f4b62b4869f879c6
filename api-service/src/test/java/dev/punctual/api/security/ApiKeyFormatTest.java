package dev.punctual.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

  @Test
  void aKeyHasTheRecognisablePrefixItsIdAnd256RandomBits() {
    var key = ApiKeyFormat.generate();

    assertThat(key.key()).matches("pct_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    assertThat(key.key()).startsWith("pct_" + key.id() + "_");
    assertThat(ApiKeyFormat.idOf(key.key())).contains(key.id());
    assertThat(ApiKeyFormat.looksLikeKey(key.key())).isTrue();
  }

  @Test
  void keysDoNotRepeat() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1_000; i++) {
      assertThat(seen.add(ApiKeyFormat.generate().key())).isTrue();
    }
  }

  @Test
  void aKeyMatchesOnlyItsOwnHash() {
    var key = ApiKeyFormat.generate().key();
    var other = ApiKeyFormat.generate().key();

    assertThat(ApiKeyFormat.hash(key)).hasSize(32);
    assertThat(ApiKeyFormat.matches(key, ApiKeyFormat.hash(key))).isTrue();
    assertThat(ApiKeyFormat.matches(other, ApiKeyFormat.hash(key))).isFalse();
    assertThat(
            ApiKeyFormat.matches(key.substring(0, key.length() - 1) + "x", ApiKeyFormat.hash(key)))
        .isEqualTo(key.endsWith("x"));
  }

  @Test
  void somethingElseHasNoId() {
    assertThat(ApiKeyFormat.idOf("pct_short_secret")).isEmpty();
    assertThat(ApiKeyFormat.idOf("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isEmpty();
    assertThat(ApiKeyFormat.looksLikeKey("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isFalse();
  }
}
