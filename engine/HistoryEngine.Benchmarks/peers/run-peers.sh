#!/usr/bin/env bash
# HistoryEngine against survey-core (Node) and Firely FHIRPath (.NET) on the same generated workloads; called by
# bench.sh, or on its own (after a Release build of the benchmark project):
#   engine/HistoryEngine.Benchmarks/peers/run-peers.sh [SIZES]        default: 200 2000 20000
# Environment: PEERS_FIRELY_MAX (default 2000): Firely runs up to this size (one step at 20,000 items took about
#   a minute and a half here: set 20000 to measure it); PEERS_COMPLETE_RUN_MAX (default 200): survey-core also runs
#   the whole answer sequence up to this size; PEERS_FIRELY_COMPLETE_RUN_MAX (default 0): the same for Firely
#   (about 40 s at 200 items).
# 1. npm ci from the committed lock file (survey-core 3.1.1); 2. writes the workloads; 3. runs HistoryEngine and
# Firely; 4. runs survey-core; 5. cross-checks hidden questions and values after every measured step, then prints
# the medians and ratios. Exits non-zero if the engines disagree.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(dirname "$here")"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(200 2000 20000)
firely_max="${PEERS_FIRELY_MAX:-2000}"
complete_max="${PEERS_COMPLETE_RUN_MAX:-200}"
firely_complete_max="${PEERS_FIRELY_COMPLETE_RUN_MAX:-0}"
out="$project/BenchmarkDotNet.Artifacts/peers"
dll="$project/bin/Release/net10.0/HistoryEngine.Benchmarks.dll"
[ -f "$dll" ] || dotnet build "$project" -c Release -nologo -v q

echo "peers: npm ci (survey-core from package-lock.json)"
(cd "$here/surveyjs" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) || { echo "peers: npm ci failed"; exit 1; }
echo "peers: Node $(node --version), survey-core $(node -p "require('$here/surveyjs/node_modules/survey-core/package.json').version")"

rm -rf "$out"
mkdir -p "$out"
dotnet "$dll" --peers-prepare "$out" "${sizes[@]}"
# HistoryEngine runs every size; Firely only up to PEERS_FIRELY_MAX: the rest get their own folder without it.
mkdir -p "$out/no-firely"
for s in "${sizes[@]}"; do [ "$s" -gt "$firely_max" ] && mv "$out/$s" "$out/no-firely/$s"; done
echo "peers: load average before HistoryEngine + Firely: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$dll" --peers-dotnet "$out" "$firely_complete_max"
if ls "$out/no-firely"/*/workload.json >/dev/null 2>&1; then
  dotnet "$dll" --peers-dotnet-engine-only "$out/no-firely"
  mv "$out/no-firely"/* "$out/"
fi
rmdir "$out/no-firely"
echo "peers: load average before survey-core: $(cut -d' ' -f1-3 /proc/loadavg)"
node "$here/surveyjs/run.js" "$out" "$complete_max"
echo "peers: load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
dotnet "$dll" --peers-report "$out"
