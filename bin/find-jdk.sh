#!/usr/bin/env bash
# Finds a JDK 21 or newer and prints its home directory; exits 1 with a message saying what to do
# when there is none. Tried in order: $JAVA_HOME, the `java` on PATH, then the newest JDK in the
# usual install locations (Linux packages, SDKMAN!, macOS, IntelliJ).
set -u

required=21

major_of() { # prints the feature version of the JDK at $1, or nothing
  local java="$1/bin/java" line version
  [ -x "$java" ] && [ -x "$1/bin/javac" ] || return 0
  line=$("$java" -version 2>&1 | head -n 1)
  version=$(printf '%s' "$line" | sed -nE 's/.*version "([0-9]+)(\.[0-9]+)*.*".*/\1/p')
  [ "$version" = "1" ] && version=8
  printf '%s' "$version"
}

qualifies() { local m; m=$(major_of "$1"); [ -n "$m" ] && [ "$m" -ge "$required" ]; }

if [ -n "${JAVA_HOME:-}" ] && qualifies "$JAVA_HOME"; then
  printf '%s\n' "$JAVA_HOME"; exit 0
fi
if command -v java >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  if qualifies "$home"; then printf '%s\n' "$home"; exit 0; fi
fi
best="" best_major=0
for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
            "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$home" ] || continue
  m=$(major_of "$home")
  if [ -n "$m" ] && [ "$m" -ge "$required" ] && [ "$m" -gt "$best_major" ]; then
    best="$home" best_major="$m"
  fi
done
if [ -n "$best" ]; then printf '%s\n' "$best"; exit 0; fi

echo "Punctual needs a JDK $required or newer, and none was found (JAVA_HOME=${JAVA_HOME:-unset}," \
     "java on PATH: $(command -v java || echo none))." >&2
echo "Install one (e.g. Temurin 21 or 25) and point JAVA_HOME at it." >&2
exit 1
