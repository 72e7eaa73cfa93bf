#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one line: "N passed, N failed[, N skipped]".
# Exits non-zero when a test failed or a test project did not run to its end.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
results="$root/artifacts/TestResults"
rm -rf "$results"

# Azurite (pinned in package-lock.json) for the tests that need storage; installed when missing or changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || { echo "0 passed, 1 failed"; exit 1; }
fi

# Debian's chromium for the dashboard's page tests; without it they are skipped and say why.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; } ||
      echo "test.sh: chromium could not be installed; the dashboard page tests will be skipped" >&2
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n apt-get install -y chromium >/dev/null 2>&1 || { sudo -n apt-get update >/dev/null 2>&1 && sudo -n apt-get install -y chromium >/dev/null 2>&1; } ||
      echo "test.sh: chromium could not be installed; the dashboard page tests will be skipped" >&2
  else
    echo "test.sh: no chromium and no root or sudo to install it; the dashboard page tests will be skipped" >&2
  fi
fi

if ! dotnet build BackgroundRoles.sln -c Debug -nologo -v q -tl:off; then
  echo "0 passed, 1 failed"
  exit 1
fi
touch "$root/artifacts/cloudservice.stamp"

dotnet test BackgroundRoles.sln -c Debug --no-build -nologo -tl:off --logger "trx" --results-directory "$results" "$@"
status=$?

projects=$(find Tests -name '*.Tests.csproj' | wc -l)
reports=$(find "$results" -name '*.trx' 2>/dev/null | wc -l)
read -r passed failed total < <(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' |
  sed -E 's/.* total="([0-9]+)".* passed="([0-9]+)" failed="([0-9]+)".*/\2 \3 \1/' |
  awk '{p+=$1; f+=$2; t+=$3} END {print p+0, f+0, t+0}')
skipped=$((total - passed - failed))
if [ "$reports" -lt "$projects" ]; then
  echo "test.sh: $((projects - reports)) of $projects test projects reported no results" >&2
  failed=$((failed + projects - reports))
  status=1
fi

if [ "$skipped" -gt 0 ]; then
  # Each reason a test was skipped for, once, with how many tests it skipped.
  cat "$results"/*.trx 2>/dev/null |
    awk '/outcome="NotExecuted"/ { skipped = 1 } skipped && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print; skipped = 0 }' |
    sort | uniq -c | sed -E 's/^ *([0-9]+) /skipped (\1): /'
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
