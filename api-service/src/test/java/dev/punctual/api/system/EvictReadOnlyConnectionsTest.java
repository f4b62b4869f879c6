package dev.punctual.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class EvictReadOnlyConnectionsTest {

  private final EvictReadOnlyConnections override = new EvictReadOnlyConnections();

  @Test
  void aReadOnlyRefusalEvictsTheConnectionAndIsAnsweredAsUnavailable() {
    var readOnly = new SQLException("cannot execute INSERT in a read-only transaction", "25006");

    assertThat(override.adjudicate(readOnly)).isEqualTo(Override.MUST_EVICT);
    assertThat(DatabaseUnavailable.isCauseOf(new RuntimeException(readOnly))).isTrue();
  }

  @Test
  void otherErrorsAreLeftToThePoolsOwnRules() {
    var duplicate = new SQLException("duplicate key", "23505");

    assertThat(override.adjudicate(duplicate)).isEqualTo(Override.CONTINUE_EVICT);
    assertThat(DatabaseUnavailable.isCauseOf(duplicate)).isFalse();
  }
}
