# syntax=docker/dockerfile:1
# Builds every Punctual service from source. One image per service, chosen with --target:
#   docker build --target api-service .   (or scheduler-streams, executor-worker, standalone)
# docker-compose.yml builds the three services this way.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# Dependencies first, so that a source change does not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY job-model/pom.xml job-model/
COPY embedded/pom.xml embedded/
COPY api-service/pom.xml api-service/
COPY scheduler-streams/pom.xml scheduler-streams/
COPY executor-worker/pom.xml executor-worker/
COPY punctual-client/pom.xml punctual-client/
COPY standalone/pom.xml standalone/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true \
 && mkdir /out \
 && cp api-service/target/api-service-*-exec.jar /out/api-service.jar \
 && cp scheduler-streams/target/scheduler-streams-*-exec.jar /out/scheduler-streams.jar \
 && cp executor-worker/target/executor-worker-*-exec.jar /out/executor-worker.jar \
 && cp standalone/target/standalone-*.jar /out/standalone.jar

FROM eclipse-temurin:21-jre AS runtime
RUN groupadd --system punctual && useradd --system --gid punctual --home /app punctual \
 && mkdir -p /app /var/lib/punctual && chown punctual:punctual /app /var/lib/punctual
WORKDIR /app
USER punctual
# Container-aware heap sizing; override with JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

FROM runtime AS api-service
COPY --from=build /out/api-service.jar app.jar
# 3015 the API (and health), 3018 management: metrics
EXPOSE 3015 3018
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS scheduler-streams
COPY --from=build /out/scheduler-streams.jar app.jar
EXPOSE 3016
VOLUME /var/lib/punctual
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS executor-worker
COPY --from=build /out/executor-worker.jar app.jar
EXPOSE 3017
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS standalone
COPY --from=build /out/standalone.jar app.jar
EXPOSE 3015 3016 3017 3018 9092
ENTRYPOINT ["java", "-jar", "/app/app.jar", "--punctual.standalone.data-dir=/var/lib/punctual"]
