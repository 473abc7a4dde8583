#!/usr/bin/env bash
# The site and storage benchmarks (docs/benchmarks.md, "Site and storage"); the repository's ./bench.sh runs this.
#   bench.sh --site               load test: the site as a process on 127.0.0.1 (https), bp-check journeys at 1, 16
#                                 and 64 users, 15 s each, the static ceiling (5 s), sign-in apart; about 2 minutes
#   bench.sh --store [--full]     the store at scale: 1,000 patients / 20,000 diaries / 200,000 readings, or with
#                                 --full the issue's 10,000 / 200,000 / 2,000,000 (seeded once into .bench-data/, about
#                                 2 minutes, then reused); queue, record, home, diary summary; start-up on that store
#   bench.sh [--full]             both
# Only loopback traffic, a fixed number of users for a fixed time. Tables are printed and kept in results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export HISTORYENGINE_ROOT="$PWD" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

site=1; store=1; full=()
for arg in "$@"; do
  case "$arg" in
    --site) store=0 ;;
    --store) site=0 ;;
    --site-and-store) ;;
    --full) full=(--full) ;;
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
