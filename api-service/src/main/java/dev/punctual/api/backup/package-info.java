/**
 * Backup and restore of the API's PostgreSQL with nothing but a JDK ({@code ./punctual backup} and
 * {@code ./punctual restore}): a logical copy of every table in one snapshot, restored in one
 * transaction into a database at the same schema version, followed by the re-sync of the jobs
 * topic.
 */
@NullMarked
package dev.punctual.api.backup;

import org.jspecify.annotations.NullMarked;
