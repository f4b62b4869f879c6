package dev.punctual.scheduler.topology;

import dev.punctual.scheduler.timer.ScanMark;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The low-water mark of each task's time index ({@link ScanMark}), shared by the task's three
 * processors, which Kafka Streams creates separately. A processor that starts resets its task's
 * mark, so a task that starts again (after a migration or an aborted transaction) scans its whole
 * index once.
 */
final class ScanMarks {

  private final Map<TaskId, ScanMark> marks = new ConcurrentHashMap<>();

  /** The mark of {@code task}, reset to scan the whole index. */
  ScanMark starting(TaskId task) {
    var mark = marks.computeIfAbsent(task, id -> new ScanMark());
    mark.reset();
    return mark;
  }
}
