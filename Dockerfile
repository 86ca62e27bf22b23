# Builds the gateway from source and runs it on a JRE. With SPRING_DATASOURCE_URL set (as docker-compose.yml does)
# it uses that PostgreSQL; without it, it starts an embedded one under SIGMACODE_DATA_DIR.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY shared-kernel shared-kernel
COPY migrations migrations
COPY command command
COPY query query
COPY gateway gateway
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 sigmacode && mkdir -p /data && chown sigmacode /data
USER sigmacode
WORKDIR /app
COPY --from=build /src/gateway/target/gateway-*.jar /app/gateway.jar
ENV SIGMACODE_DATA_DIR=/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/gateway.jar"]
