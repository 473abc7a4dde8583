#!/usr/bin/env bash
# Runs every test HistoryEngine has and ends with one line: "N passed, N failed, N skipped".
# Installs what the tests need that the .NET SDK does not bring (Debian's chromium for the browser tests).
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
