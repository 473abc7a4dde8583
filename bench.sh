#!/usr/bin/env bash
# Runs the engine benchmarks (engine/HistoryEngine.Benchmarks) in Release and prints their summary tables.
#   ./bench.sh                      everything: compile (steady and cold), answer steps, session costs; a few minutes on 2 cores
#   ./bench.sh --filter '*Step*'    only some (any BenchmarkDotNet arguments are passed on)
# The job is short on purpose (see BenchConfig.cs): 1 launch, 6 warm-up and 30 measured iterations of ~50 ms,
# and for cold start 5 fresh processes of one call each. Results: engine/HistoryEngine.Benchmarks/BenchmarkDotNet.Artifacts/results.
#
# Site and storage (tests/HistoryEngine.LoadBenchmarks/bench.sh; docs/benchmarks.md, "Site and storage"):
#   ./bench.sh --site | --store [--full]   only the site load test, or only the store at scale (--full: the issue's scale)
#   ./bench.sh --full                      everything, with the store at the issue's scale (10,000 patients, 200,000 diaries)
#   ./bench.sh                             runs them after the engine benchmarks (store at a tenth of that scale)
set -euo pipefail
cd "$(dirname "$0")"
site_bench=tests/HistoryEngine.LoadBenchmarks/bench.sh
case "${1:-}" in --site|--store|--site-and-store) exec "$site_bench" "$@" ;; esac
site_args=()
if [ "${1:-}" = "--full" ]; then site_args=(--full); shift; fi
run_site=$(( $# == 0 ))
export HISTORYENGINE_ROOT="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

project=engine/HistoryEngine.Benchmarks
artifacts="$project/BenchmarkDotNet.Artifacts"
rm -rf "$artifacts/results"
mkdir -p "$artifacts"
log="$artifacts/bench.log"

echo "bench.sh: building $project (Release)"
dotnet build "$project" -c Release -nologo -v q

args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--filter '*')
echo "bench.sh: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -h | awk '/^Mem:/ {print $2}') memory, .NET SDK $(dotnet --version)"
echo "bench.sh: load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$SECONDS
dotnet "$project/bin/Release/net10.0/HistoryEngine.Benchmarks.dll" --artifacts "$artifacts" "${args[@]}" > "$log" 2>&1 \
  || { tail -n 60 "$log"; echo "bench.sh: the benchmarks failed (full log: $log)"; exit 1; }
grep -E '^(Global total time|Run time)' "$log" | tail -n 1 || true

echo "bench.sh: load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running on the machine shows up in the figures)"
echo
echo "bench.sh: summary ($((SECONDS - start)) s; full log: $log)"
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

# Site and storage, when the engine benchmarks ran in full (not for a --filter run).
if [ "$run_site" = 1 ]; then
  echo
  "$site_bench" "${site_args[@]}"
fi
