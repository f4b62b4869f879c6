/**
 * Retention: the tables that grow with every fire (executions, missed occurrences, the audit log)
 * lose their oldest rows in bounded batches, on one instance at a time.
 */
@NullMarked
package dev.punctual.api.retention;

import org.jspecify.annotations.NullMarked;
