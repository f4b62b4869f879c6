package dev.punctual.api.job;

import dev.punctual.api.outbox.Outbox;
import dev.punctual.model.job.JobDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates many new jobs in the caller's transaction with one statement for the {@code jobs} table
 * and one for the outbox, rather than two round trips per job: the bulk of {@code POST
 * /jobs/batch}. Jobs whose id is taken are left alone, for the caller to match one by one.
 */
@Component
class BulkCreate {

  private final JobRepository repository;
  private final Outbox outbox;
  private final Clock clock;

  BulkCreate(JobRepository repository, Outbox outbox, Clock clock) {
    this.repository = repository;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Creates those of the jobs whose id is free and publishes them through the outbox, in the given
   * order; the created jobs by id.
   *
   * @param definitions definitions with distinct ids and no masked credential headers
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Map<String, JobRow> createAbsent(List<JobDefinition> definitions) {
    var now = clock.instant();
    var rows = definitions.stream().map(definition -> JobRow.created(definition, now)).toList();
    var jobs = rows.stream().map(row -> CanonicalJob.of(row.definition())).toList();
    var inserted = repository.insertAllIfAbsent(jobs);
    var created = new HashMap<String, JobRow>();
    var records = new ArrayList<Outbox.JobRecord>(inserted.size());
    for (int i = 0; i < rows.size(); i++) {
      var row = rows.get(i);
      if (inserted.contains(row.id())) {
        created.put(row.id(), row);
        records.add(new Outbox.JobRecord(row.id(), jobs.get(i).json()));
      }
    }
    outbox.appendAll(records);
    return created;
  }
}
