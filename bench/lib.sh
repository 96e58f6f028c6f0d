# bench/lib.sh: what the benchmark scripts share, sourced by bench/exports and bench/load. It checks for a JDK 17,
# builds target/dataclips.jar when it is missing or stale, starts the app on a fresh temporary DATACLIPS_HOME and a
# free port with a known admin, waits for /health, runs the Java client, and on every exit (success, failure,
# Ctrl-C, SIGTERM) stops the client, the app (SIGTERM, SIGKILL after 60 s) and any PostgreSQL it left behind, then
# deletes the temporary home unless keep=1.
#
# The caller sets: bench_name (for messages), keep (0 or 1); then calls bench_start_app HEAP [VAR=value …] and
# bench_run_client ARGS… (java … source file and its arguments); the exit code is the client's.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bench_fail() {
  echo "$bench_name: $*" >&2
  exit 2
}

for tool in java jcmd jstat; do
  command -v "$tool" >/dev/null || bench_fail "'$tool' not found on PATH (needs a JDK 17, not a JRE)"
done
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [[ -z $java_major || ${java_major%%.*} -lt 17 ]]; then
  bench_fail "needs JDK 17 or later (java.specification.version is '${java_major:-unknown}')"
fi

# Build when the jar is missing or older than any source, so the figures are always of the code checked out.
if [[ ! -f target/dataclips.jar ]] || [[ -n "$(find src pom.xml -newer target/dataclips.jar -print -quit)" ]]; then
  command -v mvn >/dev/null || bench_fail "target/dataclips.jar is missing or stale and 'mvn' is not on PATH"
  echo "bench: building target/dataclips.jar (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests
fi

bench_home=$(mktemp -d "${TMPDIR:-/tmp}/dataclips-bench.XXXXXX")
app_home="$bench_home/home"
app_log="$bench_home/app.log"
app_pid=""
bench_pid=""
admin_email="bench@dataclips.local"
admin_password="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# Stops what the script started (the benchmark client, the app, and any PostgreSQL the app left behind if it
# had to be killed), then deletes the temporary home.
bench_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $bench_pid ]] && kill -0 "$bench_pid" 2>/dev/null; then
    kill -TERM "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
    echo "bench: stopping the app (SIGTERM to pid $app_pid)"
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$app_pid" 2>/dev/null; then
      echo "bench: the app did not stop within 60 s; killing it (SIGKILL)" >&2
      kill -KILL "$app_pid" 2>/dev/null || true
    fi
    wait "$app_pid" 2>/dev/null || true
  fi
  local pidfile pg
  for pidfile in "$app_home"/postgres/*/postmaster.pid; do
    [[ -f $pidfile ]] || continue
    pg=$(head -n 1 "$pidfile" 2>/dev/null || true)
    if [[ $pg =~ ^[0-9]+$ ]] && grep -q postgres "/proc/$pg/cmdline" 2>/dev/null; then
      echo "bench: stopping a PostgreSQL left behind (pid $pg)" >&2
      kill -INT "$pg" 2>/dev/null || true # fast shutdown
      for _ in $(seq 1 30); do kill -0 "$pg" 2>/dev/null || break; sleep 1; done
    fi
  done
  if [[ $keep == 1 ]]; then
    echo "bench: kept $bench_home (app log: $app_log)"
  else
    rm -rf "$bench_home"
  fi
  exit "$status"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port nobody listens on (the app binds it a moment later; PORT=0 would hide the port in the log).
bench_free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

# GET /health with bash's /dev/tcp (no curl needed): true on a 200.
bench_healthy() {
  local line
  line=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 &&
    IFS= read -r -t 5 l <&3 && printf '%s' "$l") 2>/dev/null) || true
  [[ $line == "HTTP/1."?" 200"* ]]
}

# bench_start_app HEAP [VAR=value …]: starts java -XmxHEAP -jar target/dataclips.jar with the extra environment and
# waits until it is healthy; sets port and app_pid. The free port is only free when it is picked: the embedded
# PostgreSQL the app starts first may take it, and then the app is started again on another one (three tries).
bench_start_app() {
  local heap=$1 try
  shift
  echo "bench: $(nproc 2>/dev/null || echo '?') cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)," \
    "$(java -version 2>&1 | head -n 1)"
  for try in 1 2 3; do
    port=$(bench_free_port) || { echo "$bench_name: found no free TCP port" >&2; exit 1; }
    bench_launch_app "$heap" "$@" && return 0
    if ((try == 3)) || ! grep -q "Address already in use" "$app_log"; then
      exit 1
    fi
    echo "bench: port $port was taken while the app started; starting it again on another port"
    rm -rf "$app_home"
  done
}

# bench_launch_app HEAP [VAR=value …]: one start on $port; false (with the end of the log) when the app exits first.
bench_launch_app() {
  local heap=$1
  shift
  echo "bench: starting java -Xmx$heap ${BENCH_JAVA_OPTS:+$BENCH_JAVA_OPTS }-jar target/dataclips.jar on port $port, DATACLIPS_HOME=$app_home"
  mkdir -p "$app_home"
  local started=$SECONDS
  # env -u: a DATABASE_URL from the caller's shell must never point the benchmark at a real metadata database.
  # shellcheck disable=SC2086
  env -u DATABASE_URL -u DATACLIPS_SECRET_KEY \
    DATACLIPS_HOME="$app_home" PORT="$port" \
    DATACLIPS_ADMIN_EMAIL="$admin_email" DATACLIPS_ADMIN_PASSWORD="$admin_password" \
    DATACLIPS_SAMPLE_SCALE="${DATACLIPS_SAMPLE_SCALE:-0.01}" "$@" \
    java -Xmx"$heap" ${BENCH_JAVA_OPTS:-} -jar target/dataclips.jar >"$app_log" 2>&1 &
  app_pid=$!
  local timeout=${BENCH_START_TIMEOUT:-300} code
  until bench_healthy; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      wait "$app_pid" 2>/dev/null && code=0 || code=$?
      echo "$bench_name: the app exited (code $code) before /health answered; the end of its log:" >&2
      tail -n 40 "$app_log" >&2
      return 1
    fi
    if ((SECONDS - started > timeout)); then
      echo "$bench_name: /health did not answer 200 within ${timeout} s; the end of the app's log:" >&2
      tail -n 40 "$app_log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "bench: the app (pid $app_pid) is healthy after $((SECONDS - started)) s"
}

# bench_run_client JAVA-ARGS…: runs the client in the background and waits for it, so a SIGTERM to the script reaches
# the trap at once. The admin's email and password reach it in its environment. Sets client_status: the client's
# exit code, 1 if the app died meanwhile.
bench_run_client() {
  DATACLIPS_ADMIN_EMAIL="$admin_email" DATACLIPS_ADMIN_PASSWORD="$admin_password" java "$@" &
  bench_pid=$!
  local status=0
  wait "$bench_pid" || status=$?
  bench_pid=""
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "$bench_name: the app died during the benchmark; the end of its log:" >&2
    tail -n 40 "$app_log" >&2
    status=1
  elif [[ $status != 0 ]]; then
    echo "$bench_name: the benchmark failed (exit $status); the end of the app's log:" >&2
    tail -n 20 "$app_log" >&2
  fi
  client_status=$status
}
