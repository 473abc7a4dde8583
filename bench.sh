#!/usr/bin/env bash
# Runs every benchmark and prints the tables (docs/benchmarks.md explains them). 6 min 25 s on this 2-core machine alone (2026-11-25).
#   ./bench.sh                       everything: engine (BenchmarkDotNet), then the peers (survey-core, Firely FHIRPath)
#   ./bench.sh --filter '*Step*'     only these engine benchmarks, no peers (any BenchmarkDotNet arguments are passed on)
#   ./bench.sh --peers               only the peers comparison (engine/HistoryEngine.Benchmarks/peers/run-peers.sh)
#   ./bench.sh --engine              only the engine benchmarks
# The engine job is short on purpose (see BenchConfig.cs): 1 launch, 6 warm-up and 30 measured iterations of ~50 ms,
# and for cold start 5 fresh processes of one call each. Results: engine/HistoryEngine.Benchmarks/BenchmarkDotNet.Artifacts.
# The machine's load average is printed before and after each part: anything else running shows up in the figures.
#
# Site and storage (tests/HistoryEngine.LoadBenchmarks/bench.sh; docs/benchmarks.md, "Site and storage"):
#   ./bench.sh --site | --store [--full]   only the site load test, or only the store at scale (--full: the issue's scale)
#   ./bench.sh --full                      everything, with the store at the issue's scale (10,000 patients, 200,000 diaries)
#   ./bench.sh                             runs them after the engine and the peers (store at a tenth of that scale)
#   ./bench.sh --postgres [--full] [--store | --site]   the PostgreSQL backend, its own mode (never in the default run):
#                                          a throwaway server kept in .bench-data/postgres, 10 practices or with --full the
#                                          issue's 100 practices / 100,000 patients / 1,000,000 diaries (seeded once, reused),
#                                          the store's calls, then the site on one and two instances and a kill -9
set -euo pipefail
cd "$(dirname "$0")"
site_bench=tests/HistoryEngine.LoadBenchmarks/bench.sh
case "${1:-}" in --site|--store|--site-and-store|--postgres) exec "$site_bench" "$@" ;; esac
site_args=()
if [ "${1:-}" = "--full" ]; then site_args=(--full); shift; fi
run_site=$(( $# == 0 ))
export HISTORYENGINE_ROOT="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

project=engine/HistoryEngine.Benchmarks
artifacts="$project/BenchmarkDotNet.Artifacts"
mkdir -p "$artifacts"
log="$artifacts/bench.log"
total=$SECONDS

run_engine=1 run_peers=1
args=("$@")
case "${1:-}" in
  --peers) run_engine=0; args=() ;;
  --engine) run_peers=0; args=() ;;
  "") ;;
  *) run_peers=0 ;;
esac
[ ${#args[@]} -eq 0 ] && args=(--filter '*')

echo "bench.sh: building $project (Release)"
dotnet build "$project" -c Release -nologo -v q 2>&1 | grep -vE 'warning NU1603|^ *[0-9]+ Warning|^ *0 Error|^$|Time Elapsed' || true
echo "bench.sh: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -h | awk '/^Mem:/ {print $2}') memory, .NET SDK $(dotnet --version), Node $(node --version)"

if [ $run_engine -eq 1 ]; then
  rm -rf "$artifacts/results"
  echo "bench.sh: engine benchmarks; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$SECONDS
  dotnet "$project/bin/Release/net10.0/HistoryEngine.Benchmarks.dll" --artifacts "$artifacts" "${args[@]}" > "$log" 2>&1 \
    || { tail -n 60 "$log"; echo "bench.sh: the benchmarks failed (full log: $log)"; exit 1; }
  echo "bench.sh: engine benchmarks took $((SECONDS - start)) s; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  shopt -s nullglob
  reports=("$artifacts"/results/*-report-github.md)
  if [ ${#reports[@]} -eq 0 ]; then echo "bench.sh: no results were written"; exit 1; fi
  for report in "${reports[@]}"; do
    name=$(basename "$report" -report-github.md)
    echo
    echo "## ${name#HistoryEngine.Benchmarks.}"
    grep -v '^$' "$report"
  done
  # A benchmark that threw shows NA in its table; make that a failure.
  if grep -qE '\| *NA *\|' "${reports[@]}"; then echo "bench.sh: some benchmarks failed (NA above)"; exit 1; fi
  echo
  echo "## Growth with size (medians from the tables above)"
  dotnet "$project/bin/Release/net10.0/HistoryEngine.Benchmarks.dll" --growth "$artifacts/results"
fi

if [ $run_peers -eq 1 ]; then
  echo
  echo "## Peers: HistoryEngine, Firely FHIRPath and survey-core on the same workloads"
  "$project/peers/run-peers.sh"
fi

# Site and storage, when everything runs (not for --engine, --peers or a --filter run).
if [ "$run_site" = 1 ]; then
  echo
  "$site_bench" "${site_args[@]}"
fi

echo
echo "bench.sh: done in $((SECONDS - total)) s; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
