package dev.punctual.scheduler.topology;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topology test on a {@link SchedulerDriver}: each test creates {@link #scheduler} in {@link
 * #stateDir}; after it, the invariants every fire must keep (never early, one fire id per job and
 * nominal time) are checked and the driver is closed.
 */
abstract class SchedulerDriverTest {

  @TempDir Path stateDir;
  @Nullable SchedulerDriver scheduler;

  @AfterEach
  void checkInvariantsAndClose() {
    if (scheduler != null) {
      try {
        scheduler.assertInvariants();
      } finally {
        scheduler.close();
      }
    }
  }
}
