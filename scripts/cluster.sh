#!/usr/bin/env bash
# Local scale-out servers for the cluster tests (orm-test io.athanor.test.cluster, run with ATHANOR_CLUSTER=1):
#   - a 3-node MariaDB Galera cluster on 127.0.0.1:3311, 3312, 3313 (user root, no password, database test;
#     Galera group ports 4610/4620/4630, IST +1, rsync SST +4);
#   - a PostgreSQL primary on 127.0.0.1:5441 and a streaming hot standby of it on 127.0.0.1:5442
#     (user postgres, trust, database test; the standby made with pg_basebackup -R).
# Scratch servers for tests, tuned for speed over durability: PostgreSQL with fsync off, the Galera nodes
# with innodb_flush_log_at_trx_commit=0 (Galera's synchronous replication is what keeps commits).
#
#   scripts/cluster.sh start        starts whatever is not running (idempotent); a Galera cluster with no node
#                                   running and a primary that is down are made afresh (data is scratch)
#   scripts/cluster.sh stop         stops what this script started (by the pid files under its directory)
#   scripts/cluster.sh status       one line per server; exit status 0 only when all five are up and in sync
#   scripts/cluster.sh stop-node N  stops Galera node N (1-3) alone (the tests use it for a node lost mid-run);
#                                   'start' brings it back into the cluster
#   scripts/cluster.sh urls         the JDBC URLs, as environment assignments
#
# Data, logs and pid files live under target/cluster (ATHANOR_CLUSTER_DIR overrides). The MariaDB and
# PostgreSQL binaries are the installed ones (mariadb-server 10.11, postgresql 15); galera-4 and rsync are
# installed with apt-get when missing. As root, PostgreSQL runs as the postgres user (it refuses root).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BASE="${ATHANOR_CLUSTER_DIR:-$ROOT/target/cluster}"
NODES=(1 2 3)
GALERA_LIB=/usr/lib/galera/libgalera_smm.so
PG_PRIMARY_PORT=5441
PG_STANDBY_PORT=5442
WAIT_SECONDS=60

log() { echo "[cluster] $*" >&2; }
die() { echo "[cluster] FAILED: $*" >&2; exit 1; }

mysql_port() { echo $((3310 + $1)); }
galera_port() { echo $((4600 + 10 * $1)); }
node_dir() { echo "$BASE/galera$1"; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/pg_ctl" ]]; then echo "$d"; return; fi
  done
  die "PostgreSQL server binaries (pg_ctl, initdb) not found under /usr/lib/postgresql: install postgresql-15"
}

# Runs a command as the PostgreSQL user when we are root (initdb and postgres refuse root).
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# MariaDB refuses to run as root without --user, and rsync SST's daemon drops root to nobody: as root,
# the Galera nodes run as the mysql user that the mariadb-server package made.
galera_user() {
  if [[ $(id -u) -eq 0 ]]; then echo mysql; else id -un; fi
}

# True when the pid in file $1 is alive AND its command line mentions $2 (this script's directory):
# after a reboot a stale pid file may name an unrelated process, which must never be counted or killed.
pid_ours() {
  local pid
  [[ -f "$1" ]] || return 1
  pid=$(head -n 1 "$1" 2>/dev/null)
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# --- MariaDB Galera --------------------------------------------------------------------------------

ensure_packages() {
  local missing=()
  [[ -f $GALERA_LIB ]] || missing+=(galera-4)
  command -v rsync >/dev/null || missing+=(rsync)
  command -v mariadbd >/dev/null || die "mariadbd not found: install mariadb-server (10.11)"
  if ((${#missing[@]})); then
    log "installing ${missing[*]} with apt-get"
    [[ $(id -u) -eq 0 ]] || die "${missing[*]} missing and not root: sudo apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; } \
      || die "apt-get install ${missing[*]} failed"
  fi
}

write_node_config() {
  local n=$1 d gp addresses="" i
  d=$(node_dir "$n")
  gp=$(galera_port "$n")
  for i in "${NODES[@]}"; do addresses+="${addresses:+,}127.0.0.1:$(galera_port "$i")"; done
  mkdir -p "$d/data"
  [[ $(id -u) -eq 0 ]] && chown -R "$(galera_user)" "$d"
  cat >"$d/my.cnf" <<EOF
[mysqld]
user=$(galera_user)
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/error.log
port=$(mysql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=0
max_connections=200
wsrep_on=ON
wsrep_provider=$GALERA_LIB
wsrep_cluster_name=athanor
wsrep_cluster_address=gcomm://$addresses
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$gp
wsrep_provider_options="base_port=$gp;gmcast.listen_addr=tcp://127.0.0.1:$gp;ist.recv_addr=127.0.0.1:$((gp + 1));gcache.size=64M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((gp + 4))
wsrep_slave_threads=2
[client]
socket=$d/mysqld.sock
user=root
EOF
}

node_sql() {
  local n=$1; shift
  mariadb --defaults-file="$(node_dir "$n")/my.cnf" --protocol=socket -N -B -e "$@" 2>/dev/null
}

node_status_var() {
  node_sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" | awk '{print $2}'
}

node_running() { pid_ours "$(node_dir "$1")/mysqld.pid" "$(node_dir "$1")/my.cnf"; }

any_node_running() {
  local n
  for n in "${NODES[@]}"; do node_running "$n" && return 0; done
  return 1
}

start_node() {
  local n=$1 bootstrap=$2 d args=()
  d=$(node_dir "$n")
  write_node_config "$n"
  [[ $bootstrap == yes ]] && args+=(--wsrep-new-cluster)
  rm -f "$d/mysqld.pid"
  log "starting Galera node $n on 127.0.0.1:$(mysql_port "$n")${args:+ (new cluster)}"
  setsid nohup mariadbd --defaults-file="$d/my.cnf" "${args[@]}" >>"$d/stdout.log" 2>&1 </dev/null 9>&- &
  echo $! >"$d/launcher.pid"
}

wait_node_synced() {
  local n=$1 i state
  for ((i = 0; i < WAIT_SECONDS * 5; i++)); do
    state=$(node_status_var "$n" wsrep_local_state_comment || true)
    if [[ $state == Synced && $(node_status_var "$n" wsrep_ready || true) == ON ]]; then return 0; fi
    if ! pid_ours "$(node_dir "$n")/launcher.pid" "$(node_dir "$n")/my.cnf"; then
      tail -n 30 "$(node_dir "$n")/error.log" >&2 || true
      die "Galera node $n exited during startup (log: $(node_dir "$n")/error.log)"
    fi
    sleep 0.2
  done
  tail -n 30 "$(node_dir "$n")/error.log" >&2 || true
  die "Galera node $n not synced after ${WAIT_SECONDS}s (state '$state'; log: $(node_dir "$n")/error.log)"
}

start_galera() {
  ensure_packages
  local n fresh=no
  if ! any_node_running; then
    fresh=yes
    rm -rf "$BASE"/galera?
    write_node_config 1
    log "initializing Galera node 1's data directory"
    mariadb-install-db --defaults-file="$(node_dir 1)/my.cnf" --auth-root-authentication-method=normal \
      --skip-test-db >"$(node_dir 1)/install.log" 2>&1 || { cat "$(node_dir 1)/install.log" >&2; die "mariadb-install-db failed"; }
    start_node 1 yes
    wait_node_synced 1
    # TCP clients from 127.0.0.1 (skip-name-resolve: 'localhost' matches only the socket); replicated by Galera.
    node_sql 1 "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
                GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
                CREATE DATABASE IF NOT EXISTS test CHARACTER SET utf8mb4;" || die "cannot create user and database on node 1"
  fi
  # Joiners start together (a joiner whose data is stale or absent gets a state transfer, IST or else
  # rsync SST, from a live node; a second joiner waits for a free donor), then each is waited for.
  local joining=()
  for n in "${NODES[@]}"; do
    if ! node_running "$n"; then
      [[ $fresh == yes ]] && rm -rf "$(node_dir "$n")/data"
      start_node "$n" no
      joining+=("$n")
    fi
  done
  for n in "${joining[@]}"; do wait_node_synced "$n"; done
  local size
  size=$(node_status_var 1 wsrep_cluster_size || node_status_var 2 wsrep_cluster_size || true)
  log "Galera cluster up: ${size:-?} nodes"
}

stop_node() {
  local n=$1 d pid i
  d=$(node_dir "$n")
  for f in "$d/mysqld.pid" "$d/launcher.pid"; do
    if pid_ours "$f" "$d/my.cnf"; then
      pid=$(cat "$f")
      kill -TERM "$pid" 2>/dev/null || true
      for ((i = 0; i < 300 && $(kill -0 "$pid" 2>/dev/null && echo 1 || echo 0); i++)); do sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && { log "node $n did not stop in 30 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; }
    fi
  done
  rm -f "$d/mysqld.pid" "$d/launcher.pid"
}

# --- PostgreSQL primary + standby ------------------------------------------------------------------

pg_dir() { echo "$BASE/pg-$1"; }

pg_running() { pid_ours "$(pg_dir "$1")/postmaster.pid" "$(pg_dir "$1")"; }

pg_start_server() {
  local which=$1 port=$2 bin d
  bin=$(pg_bin)
  d=$(pg_dir "$which")
  log "starting PostgreSQL $which on 127.0.0.1:$port"
  as_pg "$bin/pg_ctl" -D "$d" -l "$d/server.log" -w -t "$WAIT_SECONDS" \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$d' -c fsync=off -c full_page_writes=off" \
    start >/dev/null 9>&- || { tail -n 30 "$d/server.log" >&2; die "PostgreSQL $which did not start (log: $d/server.log)"; }
}

pg_prepare_dir() {
  local d=$1
  rm -rf "$d"
  mkdir -p "$d"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$d"
  chmod 700 "$d"
}

start_postgres() {
  local bin p s
  bin=$(pg_bin)
  p=$(pg_dir primary)
  s=$(pg_dir standby)
  if ! pg_running primary; then
    pg_running standby && as_pg "$bin/pg_ctl" -D "$s" -m immediate stop >/dev/null 2>&1 || true
    mkdir -p "$BASE"
    pg_prepare_dir "$p"
    log "initializing the PostgreSQL primary"
    as_pg "$bin/initdb" -D "$p" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$BASE/pg-initdb.log" 2>&1 \
      || { cat "$BASE/pg-initdb.log" >&2; die "initdb failed"; }
    printf "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\nwal_keep_size = 64MB\n" >>"$p/postgresql.conf"
    pg_start_server primary $PG_PRIMARY_PORT
    as_pg "$bin/psql" -h 127.0.0.1 -p $PG_PRIMARY_PORT -U postgres -q -c "CREATE DATABASE test" postgres >/dev/null \
      || die "cannot create database test on the primary"
  fi
  if ! pg_running standby; then
    pg_prepare_dir "$s"
    log "copying the primary to the standby (pg_basebackup -R)"
    as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p $PG_PRIMARY_PORT -U postgres -D "$s" -R -X stream -c fast --no-sync \
      >"$BASE/pg-basebackup.log" 2>&1 || { cat "$BASE/pg-basebackup.log" >&2; die "pg_basebackup failed"; }
    pg_start_server standby $PG_STANDBY_PORT
  fi
  local i state
  for ((i = 0; i < WAIT_SECONDS * 5; i++)); do
    state=$(as_pg "$bin/psql" -h 127.0.0.1 -p $PG_PRIMARY_PORT -U postgres -At -c \
      "SELECT state FROM pg_stat_replication LIMIT 1" postgres 2>/dev/null || true)
    [[ $state == streaming ]] && { log "PostgreSQL standby streaming from the primary"; return 0; }
    sleep 0.2
  done
  die "the PostgreSQL standby is not streaming after ${WAIT_SECONDS}s (logs: $p/server.log, $s/server.log)"
}

stop_postgres() {
  local bin which
  bin=$(pg_bin)
  for which in standby primary; do
    if pg_running "$which"; then
      as_pg "$bin/pg_ctl" -D "$(pg_dir "$which")" -m fast -w stop >/dev/null || log "could not stop PostgreSQL $which"
    fi
  done
}

# --- commands --------------------------------------------------------------------------------------

status() {
  local n ok=0 line
  for n in "${NODES[@]}"; do
    if node_running "$n"; then
      line="up, $(node_status_var "$n" wsrep_local_state_comment || echo '?'), cluster size $(node_status_var "$n" wsrep_cluster_size || echo '?')"
      [[ $line == *Synced* ]] || ok=1
    else
      line=down; ok=1
    fi
    echo "galera node $n  127.0.0.1:$(mysql_port "$n")  $line"
  done
  local bin
  bin=$(pg_bin)
  if pg_running primary; then echo "postgres primary 127.0.0.1:$PG_PRIMARY_PORT  up"; else echo "postgres primary 127.0.0.1:$PG_PRIMARY_PORT  down"; ok=1; fi
  if pg_running standby; then
    echo "postgres standby 127.0.0.1:$PG_STANDBY_PORT  up, in recovery: $(as_pg "$bin/psql" -h 127.0.0.1 -p $PG_STANDBY_PORT -U postgres -At -c 'SELECT pg_is_in_recovery()' postgres 2>/dev/null || echo '?')"
  else
    echo "postgres standby 127.0.0.1:$PG_STANDBY_PORT  down"; ok=1
  fi
  return $ok
}

urls() {
  cat <<EOF
ATHANOR_GALERA_URLS=jdbc:mariadb://127.0.0.1:3311/test,jdbc:mariadb://127.0.0.1:3312/test,jdbc:mariadb://127.0.0.1:3313/test
ATHANOR_GALERA_URL=jdbc:mariadb:sequential://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/test
ATHANOR_PG_PRIMARY_URL=jdbc:postgresql://127.0.0.1:$PG_PRIMARY_PORT/test
ATHANOR_PG_STANDBY_URL=jdbc:postgresql://127.0.0.1:$PG_STANDBY_PORT/test
EOF
}

# As root the servers run as mysql and postgres: they must be able to reach $BASE.
check_reachable() {
  local u
  [[ $(id -u) -eq 0 ]] || return 0
  command -v runuser >/dev/null || die "runuser (util-linux) not found: as root it runs the servers as mysql and postgres"
  for u in mysql postgres; do
    id "$u" >/dev/null 2>&1 || die "user $u not found: install mariadb-server and postgresql-15"
    runuser -u "$u" -- test -x "$BASE" \
      || die "user $u cannot reach $BASE (a parent directory is not searchable by others): set ATHANOR_CLUSTER_DIR to a directory it can reach"
  done
}

case "${1:-}" in
  start)
    mkdir -p "$BASE"
    check_reachable
    exec 9>"$BASE/.lock"
    flock -w 120 9 || die "another cluster.sh holds $BASE/.lock"
    start_galera
    start_postgres
    ;;
  stop)
    [[ -d $BASE ]] || exit 0
    for n in 3 2 1; do stop_node "$n"; done
    stop_postgres
    log "stopped"
    ;;
  stop-node)
    [[ ${2:-} =~ ^[123]$ ]] || die "usage: $0 stop-node 1|2|3"
    stop_node "$2"
    ;;
  status) status ;;
  urls) urls ;;
  *)
    echo "usage: $0 start|stop|status|stop-node N|urls" >&2
    exit 2
    ;;
esac
