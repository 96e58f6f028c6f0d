# Dataclips: build with Maven, run on a JRE as a non-root user.
# Without DATABASE_URL the container runs the embedded PostgreSQL pair under DATACLIPS_HOME (mount a volume);
# with DATABASE_URL (and DATACLIPS_SECRET_KEY) it uses that database for metadata.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY static static
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# Chart images (.svg, .png) draw text with the JDK's fonts: fontconfig and one font family are enough.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 dataclips \
 && useradd --system --uid 10001 --gid dataclips --create-home --home-dir /var/lib/dataclips dataclips
COPY --from=build /src/target/dataclips.jar /opt/dataclips/dataclips.jar
USER dataclips
WORKDIR /var/lib/dataclips
ENV PORT=8080 \
    DATACLIPS_HOME=/var/lib/dataclips/data
VOLUME ["/var/lib/dataclips/data"]
EXPOSE 8080
# exec form: the JVM is PID 1 and gets SIGTERM directly, so the embedded PostgreSQL stops cleanly.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/dataclips/dataclips.jar"]
