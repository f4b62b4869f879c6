/**
 * What every feature of the API service shares: RFC 9457 problem details for every error ({@link
 * dev.punctual.api.system.ProblemAdvice}), keyset pagination ({@link dev.punctual.api.system.Page},
 * {@link dev.punctual.api.system.Cursor}, {@link dev.punctual.api.system.PageSize}), background
 * loops that never die ({@link dev.punctual.api.system.BackgroundLoop}) and the clock. Every
 * refusal of the API is an {@link dev.punctual.api.system.ApiProblem}.
 */
@NullMarked
package dev.punctual.api.system;

import org.jspecify.annotations.NullMarked;
