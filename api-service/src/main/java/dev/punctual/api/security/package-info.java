/**
 * Who may call the API and what they may do: authentication by API key or JWT, scopes on every
 * endpoint, namespaces, rate limits per caller shared by all instances, and the audit log of every
 * change. {@link dev.punctual.api.security.Caller} is how the rest of the service sees the sender
 * of a request.
 */
@NullMarked
package dev.punctual.api.security;

import org.jspecify.annotations.NullMarked;
