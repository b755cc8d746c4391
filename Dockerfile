# feedback-pulse: build the shaded jar with Maven, run it on a JRE.
#   docker build --build-arg GIT_COMMIT=$(git rev-parse --short HEAD) -t feedback-pulse .
#   docker run --rm -e FEEDBACK_PULSE_BOOTSTRAP_SERVERS=kafka:9092 feedback-pulse run
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
# Dependencies in their own layer: a change to the sources does not download them again.
RUN mvn -B -q dependency:go-offline || true
COPY schemas schemas
COPY src src
# .git is not copied in: the commit a pipeline run records as its code version comes from here.
ARG GIT_COMMIT=unknown
RUN mvn -B -q -DskipTests -Dbuild.git.commit=${GIT_COMMIT} package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app pulse \
    && mkdir -p /app/djl-cache /app/state \
    && chown -R pulse /app
WORKDIR /app
COPY --from=build /src/target/feedback-pulse.jar /app/feedback-pulse.jar
# The model and ONNX Runtime are inside the jar: nothing is downloaded at run time.
ENV DJL_OFFLINE=true \
    OPT_OUT_TRACKING=true \
    DJL_CACHE_DIR=/app/djl-cache \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75" \
    FEEDBACK_PULSE_HTTP_HOST=0.0.0.0 \
    FEEDBACK_PULSE_KAFKA_STATE_DIR=/app/state
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/feedback-pulse.jar"]
CMD ["run"]
