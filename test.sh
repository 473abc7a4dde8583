#!/usr/bin/env bash
# Runs every test HistoryEngine has and ends with one line: "N passed, N failed, N skipped".
# Installs what the tests need that the .NET SDK does not bring (Debian's chromium for the browser tests, and
# postgresql for the record store's PostgreSQL backend, run as a throwaway server for the length of the run).
set -uo pipefail
cd "$(dirname "$0")"

results=".test-results"
rm -rf "$results"
mkdir -p "$results"

if [ -d tests/HistoryEngine.Browser.Tests ] && ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing chromium for the browser tests (Debian package)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "test.sh: could not install chromium"; exit 1; }
fi

# PostgreSQL for the record store's tests on its PostgreSQL backend: Debian's package when missing, and a throwaway
# cluster in a temporary folder, reached on a private Unix socket there (no port to collide with), stopped and removed
# when this script ends however it ends. No PostgreSQL, no test run: those tests are never skipped.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
if [ -z "$(pg_bin)" ]; then
  echo "test.sh: installing postgresql for the record store tests (Debian package)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || { echo "0 passed, 1 failed"; echo "test.sh: could not install postgresql"; exit 1; }
fi
PGBIN=$(pg_bin)
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/he-pg-XXXXXX")
# initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres user.
if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir"; AS_PG=(runuser -u postgres --); else AS_PG=(); fi
stop_postgres() {
  if [ -f "$pgdir/data/postmaster.pid" ]; then
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1
  fi
  rm -rf "$pgdir"
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM
echo "test.sh: starting a throwaway PostgreSQL ($("$PGBIN/postgres" --version | sed -n 's/^[^0-9]*\([0-9][0-9.]*\).*/\1/p')) in $pgdir"
# fsync off: the cluster is thrown away at the end, so surviving a power cut does not matter, and it is faster.
if ! "${AS_PG[@]}" "$PGBIN/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$pgdir/initdb.log" 2>&1 \
  || ! "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 start \
       -o "-k $pgdir -c listen_addresses='' -p 5432 -c max_connections=300 -c fsync=off -c synchronous_commit=off" >/dev/null; then
  cat "$pgdir/initdb.log" "$pgdir/server.log" 2>/dev/null | tail -n 20
  echo "0 passed, 1 failed"
  echo "test.sh: could not start PostgreSQL"
  exit 1
fi
export HISTORYENGINE_TEST_POSTGRES="Host=$pgdir;Port=5432;Username=postgres;Database=postgres"

echo "test.sh: building"
if ! dotnet build HistoryEngine.sln -c Release -nologo -v q; then
  echo "0 passed, 1 failed"
  echo "test.sh: the build failed"
  exit 1
fi

status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  case "$name" in *Benchmarks*) continue ;; esac
  # Only test projects: HistoryEngine.Testing is the support library the test projects share.
  grep -q '<IsTestProject>true</IsTestProject>' "$proj" || continue
  echo "test.sh: running $name"
  dotnet test "$proj" -c Release --no-build -nologo -v q \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# dotnet test prints no closing line CI can read, so add up the TRX counters.
passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  t=$(get total); e=$(get executed); p=$(get passed); f=$(get failed)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done

if [ "$total" -eq 0 ]; then
  echo "test.sh: no test ran"
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
