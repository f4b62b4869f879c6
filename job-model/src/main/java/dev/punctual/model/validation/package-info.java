/**
 * Validation of what users write: {@link dev.punctual.model.validation.FieldError} names a field
 * and what is wrong with it, {@link dev.punctual.model.validation.Violations} collects them while a
 * record checks its invariants, and {@link
 * dev.punctual.model.validation.InvalidJobDefinitionException} carries them to the REST API (a 400
 * with field errors) and to the scheduler (the reason of a dead-letter record). Shared by the job
 * and schedule packages, which is why it is a package of its own.
 */
@NullMarked
package dev.punctual.model.validation;

import org.jspecify.annotations.NullMarked;
