package dev.punctual.worker.execution;

/**
 * Where the execution loop is, for health checks: written by the loop, read by any thread.
 *
 * @see State
 */
public final class LoopStatus {

  /** The phases of the execution loop. */
  public enum State {
    /** Not running yet, or a new consumer is joining the group and has no assignment yet. */
    STARTING,
    /** The consumer joined the group and received its assignment (possibly empty): working. */
    RUNNING,
    /** The consumer or producer failed; the loop waits before it starts over with new clients. */
    RESTARTING,
    /** Asked to stop: no new fires, running ones get the grace period. */
    STOPPING,
    /** Stopped for good. */
    STOPPED
  }

  private volatile State state = State.STARTING;
  private volatile int partitions;

  public State state() {
    return state;
  }

  /** How many partitions of the fires topic the consumer owns now. */
  public int partitions() {
    return partitions;
  }

  synchronized void state(State newState) {
    // STOPPING and STOPPED are final, whatever a still-running session reports later.
    if (state == State.STOPPED || (state == State.STOPPING && newState != State.STOPPED)) {
      return;
    }
    state = newState;
  }

  /** The consumer completed a rebalance and now owns {@code count} partitions. */
  void assigned(int count) {
    partitions = count;
    state(State.RUNNING);
  }

  void partitions(int count) {
    partitions = count;
  }
}
