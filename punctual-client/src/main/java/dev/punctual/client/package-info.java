/**
 * A typed Java client of Punctual's REST API: {@link dev.punctual.client.PunctualClient} sends and
 * receives job-model's own records ({@link dev.punctual.model.job.JobDefinition} and its schedule
 * and target types), written with job-model's codec so that what the API accepts, the client
 * writes. Lists come as lazy streams that follow the API's {@code nextCursor}; refusals come as
 * {@link dev.punctual.client.PunctualApiException} carrying the RFC 9457 problem. It uses the JDK's
 * {@link java.net.http.HttpClient} and nothing of Spring, so any Java 21 application can use it.
 */
@NullMarked
package dev.punctual.client;

import org.jspecify.annotations.NullMarked;
