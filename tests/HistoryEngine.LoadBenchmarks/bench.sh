#!/usr/bin/env bash
# The site and storage benchmarks (docs/benchmarks.md, "Site and storage"); the repository's ./bench.sh runs this.
#   bench.sh --site               load test: the site as a process on 127.0.0.1 (https), bp-check journeys at 1, 16
#                                 and 64 users, 15 s each, the static ceiling (5 s), sign-in apart; about 2 minutes
#   bench.sh --store [--full]     the store at scale: 1,000 patients / 20,000 diaries / 200,000 readings, or with
#                                 --full the issue's 10,000 / 200,000 / 2,000,000 (seeded once into .bench-data/, about
#                                 2 minutes, then reused); queue, record, home, diary summary; start-up on that store
#   bench.sh [--full]             both
#   bench.sh --postgres [--full]  the PostgreSQL backend (issue 17 point 7), never part of the default run: starts its own
#                                 throwaway PostgreSQL (Debian's package, installed when missing, as test.sh does) with
#                                 its cluster in .bench-data/postgres/ (kept, so a seeded database is reused next time;
#                                 the server is stopped at the end however the script ends), seeds 10 practices /
#                                 1,000 patients / 10,000 diaries, or with --full the issue's 100 practices / 100,000
#                                 patients / 1,000,000 diaries / 10,000,000 readings (binary COPY: 17 minutes and
#                                 6.6 GB the first time, on a loaded 2-core machine), then the store's calls at that
#                                 scale (queue, record, audit), then the site on one and on two instances on that
#                                 database and the kill -9 of one (about 7 minutes: each start-up checks the audit trail).
#   bench.sh --postgres --store | --site [--full]   only the store part, or only the site part, on PostgreSQL
# Only loopback traffic, a fixed number of users for a fixed time. Tables are printed and kept in results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export HISTORYENGINE_ROOT="$PWD" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

site=1; store=1; full=(); postgres=0
for arg in "$@"; do
  case "$arg" in
    --site) store=0 ;;
    --store) site=0 ;;
    --site-and-store) ;;
    --full) full=(--full) ;;
    --postgres) postgres=1 ;;
    *) echo "bench.sh (site): unknown argument '$arg'"; exit 2 ;;
  esac
done

project=tests/HistoryEngine.LoadBenchmarks
results="$project/results"
mkdir -p "$results"
echo "bench.sh (site): building $project and the site in Release"
dotnet build "$project" -c Release -nologo -v q | grep -E 'error|Error' || true
dll="$project/bin/Release/net10.0/HistoryEngine.LoadBenchmarks.dll"
[ -f "$dll" ] && [ -f web/bin/Release/net10.0/HistoryEngine.Web.dll ] || { echo "bench.sh (site): the build failed"; exit 1; }
echo "bench.sh (site): machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -h | awk '/^Mem:/ {print $2}') memory, .NET SDK $(dotnet --version)"
echo "bench.sh (site): load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$postgres" = 1 ]; then
  # A throwaway server for the benchmark, kept under .bench-data/postgres (the data survives; the server does not).
  # initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres user.
  pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
  if [ -z "$(pg_bin)" ]; then
    echo "bench.sh (site): installing postgresql (Debian package)"
    SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
    "${SUDO[@]}" apt-get update -qq >/dev/null && "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || { echo "bench.sh (site): could not install postgresql"; exit 1; }
  fi
  PGBIN=$(pg_bin)
  pgdir="$PWD/.bench-data/postgres"
  mkdir -p "$pgdir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir"; AS_PG=(runuser -u postgres --); else AS_PG=(); fi
  stop_postgres() { "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true; }
  trap stop_postgres EXIT
  if [ ! -f "$pgdir/data/PG_VERSION" ]; then
    # C.UTF-8, not C: a server set up with a UTF-8 locale, as most are; its text indexes do not sort as "C" does.
    "${AS_PG[@]}" "$PGBIN/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
      || { cat "$pgdir/initdb.log"; echo "bench.sh (site): initdb failed"; exit 1; }
  fi
  [ -f "$pgdir/data/postmaster.pid" ] && stop_postgres
  # Settings for a dedicated server with 23 GB of memory; everything else is PostgreSQL's default (fsync and synchronous
  # commit on: an acknowledged submission is on disk).
  if ! "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 120 start -o "-k $pgdir -c listen_addresses='' -p 5433 \
      -c max_connections=300 -c shared_buffers=2GB -c effective_cache_size=12GB -c maintenance_work_mem=1GB -c max_wal_size=8GB" >/dev/null; then
    tail -n 20 "$pgdir/server.log"; echo "bench.sh (site): PostgreSQL did not start"; exit 1
  fi
  export HISTORYENGINE_BENCH_POSTGRES="Host=$pgdir;Port=5433;Username=postgres;Database=postgres"
  echo "bench.sh (site): PostgreSQL $("$PGBIN/postgres" --version | sed -n 's/^[^0-9]*\([0-9][0-9.]*\).*/\1/p') in $pgdir (socket), data $(du -sh "$pgdir/data" | cut -f1)"
  tag=""; [ ${#full[@]} -gt 0 ] && tag="-full"
  status=0
  if [ "$store" = 1 ]; then
    echo
    pg_scale="10 practices, 1,000 patients, 10,000 diaries (--full for the issue's scale)"
    [ ${#full[@]} -gt 0 ] && pg_scale="the issue's scale"
    echo "## PostgreSQL: storage at $pg_scale"
    dotnet "$dll" pg-store "${full[@]}" | tee "$results/pg-store$tag.md"
  fi
  if [ "$site" = 1 ]; then
    echo
    echo "## PostgreSQL: site load test, one and two instances, kill -9"
    dotnet "$dll" pg-site "${full[@]}" | tee "$results/pg-site$tag.md" || status=1
  fi
  echo
  echo "bench.sh (site): load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit $status
fi

if [ "$site" = 1 ]; then
  echo
  echo "## Site load test"
  dotnet "$dll" site | tee "$results/site.md"
fi
if [ "$store" = 1 ]; then
  echo
  scale="a tenth of the issue scale (--full for all of it)"
  [ ${#full[@]} -gt 0 ] && scale="the issue scale"
  echo "## Storage at $scale"
  dotnet "$dll" store "${full[@]}" | tee "$results/store${full[*]:+-full}.md"
fi
echo
echo "bench.sh (site): load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
