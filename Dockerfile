# Builds the gateway from source and runs it on a JRE. With SPRING_DATASOURCE_URL set (as docker-compose.yml does)
# it uses that PostgreSQL; without it, it starts an embedded one under SIGMACODE_DATA_DIR.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY shared-kernel shared-kernel
COPY migrations migrations
COPY firewall firewall
COPY command command
COPY query query
COPY dify-standin dify-standin
COPY gateway gateway
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# The health check needs an HTTP client: the image's sh is dash, which has no /dev/tcp.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 sigmacode && mkdir -p /data && chown sigmacode /data
USER sigmacode
WORKDIR /app
COPY --from=build /src/gateway/target/gateway-*.jar /app/gateway.jar
ENV SIGMACODE_DATA_DIR=/data
EXPOSE 8080
# Healthy once the gateway serves traffic (actuator answers 200 when UP or DEGRADED, 503 when DOWN).
HEALTHCHECK --interval=10s --timeout=3s --retries=12 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/gateway.jar"]
