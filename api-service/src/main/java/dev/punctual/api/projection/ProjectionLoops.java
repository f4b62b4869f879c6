package dev.punctual.api.projection;

import java.util.List;
import org.springframework.context.SmartLifecycle;

/** The projection loops, started and stopped together (in the phase of {@link ProjectTopic}). */
public final class ProjectionLoops implements SmartLifecycle {

  private final List<ProjectTopic<?>> loops;

  ProjectionLoops(List<ProjectTopic<?>> loops) {
    this.loops = List.copyOf(loops);
  }

  /** The loops, for tests. */
  public List<ProjectTopic<?>> loops() {
    return loops;
  }

  @Override
  public void start() {
    loops.forEach(ProjectTopic::start);
  }

  @Override
  public void stop() {
    // Stopping waits for each loop's thread; wake them all first so they stop in parallel.
    loops.parallelStream().forEach(ProjectTopic::stop);
  }

  @Override
  public boolean isRunning() {
    return loops.stream().anyMatch(ProjectTopic::isRunning);
  }

  @Override
  public int getPhase() {
    return loops.isEmpty() ? DEFAULT_PHASE - 2048 : loops.getFirst().getPhase();
  }
}
