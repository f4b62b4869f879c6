/**
 * The audit log of every change: who did what to which job, when, from where, and with which
 * outcome. One servlet filter outside the security chain records every audited request from the
 * route table {@link dev.punctual.api.audit.AuditedRoutes}, after its answer; a batch records one
 * entry per item, and the jobs-topic projection records changes other producers made (actor {@code
 * topic}), both through {@link dev.punctual.api.audit.AuditLog}. {@code GET /admin/audit} reads it.
 */
@NullMarked
package dev.punctual.api.audit;

import org.jspecify.annotations.NullMarked;
