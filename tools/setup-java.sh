#!/usr/bin/env bash
# Java pieces for the Java SDK's tests, corpus checks and contract tests: every Maven artifact
# they need (Jackson, JUnit 5, the build plugins, google-java-format) in a repo-local Maven
# repository .tools/m2, so `mvn -o -Dmaven.repo.local=.tools/m2 ...` runs offline afterwards.
# Idempotent: a stamp records the pinned list once everything resolved.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
m2="$tools/m2"
mkdir -p "$m2"

if ! command -v javac >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi

# The pinned versions; sdks/java/pom.xml (generated) and tests/contract/java/pom.xml use the same.
pins="jackson=2.23.0 junit=5.14.4 gjf=1.28.0 compiler=3.14.0 surefire=3.5.4 resources=3.3.1
jar=3.4.2 install=3.1.4 clean=3.4.1 buildhelper=3.6.1 dependency=3.8.1"
stamp="$m2/.sdkgen-java"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pins" ]; then
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/main/java/warm" "$work/src/test/java/warm"
cat >"$work/pom.xml" <<'POM'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.sdkgen</groupId>
  <artifactId>warm</artifactId>
  <version>0.0.0</version>
  <properties>
    <maven.compiler.release>11</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>2.23.0</version>
    </dependency>
    <dependency>
      <groupId>com.fasterxml.jackson.datatype</groupId>
      <artifactId>jackson-datatype-jdk8</artifactId>
      <version>2.23.0</version>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>5.14.4</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-clean-plugin</artifactId>
        <version>3.4.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.4</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-jar-plugin</artifactId>
        <version>3.4.2</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-install-plugin</artifactId>
        <version>3.1.4</version>
      </plugin>
      <plugin>
        <groupId>org.codehaus.mojo</groupId>
        <artifactId>build-helper-maven-plugin</artifactId>
        <version>3.6.1</version>
        <executions>
          <execution>
            <id>extra-sources</id>
            <phase>generate-sources</phase>
            <goals>
              <goal>add-source</goal>
            </goals>
            <configuration>
              <sources>
                <source>src/extra/java</source>
              </sources>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
POM
mkdir -p "$work/src/extra/java/warm"
echo 'package warm; public class Extra { }' >"$work/src/extra/java/warm/Extra.java"
echo 'package warm; public class Warm { public static int one() { return 1; } }' \
  >"$work/src/main/java/warm/Warm.java"
cat >"$work/src/test/java/warm/WarmTest.java" <<'JAVA'
package warm;

import org.junit.jupiter.api.Test;

class WarmTest {
  @Test
  void one() {
    org.junit.jupiter.api.Assertions.assertEquals(1, Warm.one());
  }
}
JAVA
mvnq=(mvn -q -B -Dmaven.repo.local="$m2")
(cd "$work" && "${mvnq[@]}" clean install >/dev/null)
"${mvnq[@]}" -f "$work/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
  -Dartifact=com.google.googlejavaformat:google-java-format:1.28.0:jar:all-deps -Dtransitive=false >/dev/null
echo "$pins" >"$stamp"
echo "java tools ready in $m2"
