/**
 * Secrets of targets: the worker replaces each {@code {{secret.NAME}}} reference of a fire's target
 * with the secret's value just before it executes the fire ({@link
 * dev.punctual.worker.secret.ResolveSecrets}), reading the file {@code NAME} in {@code
 * punctual.worker.secrets-dir} or else the environment variable {@code PUNCTUAL_SECRET_NAME}
 * ({@link dev.punctual.worker.secret.Secrets}), and removes every value it used from what it
 * reports about the execution ({@link dev.punctual.worker.secret.Redaction}). Values live only in
 * the worker's memory during the execution and in what it sends to the target.
 */
@NullMarked
package dev.punctual.worker.secret;

import org.jspecify.annotations.NullMarked;
