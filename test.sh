#!/usr/bin/env bash
# Builds everything, starts throw-away Azurite and s3rver on free ports, runs every test project, and prints
#   tests: N passed, N failed[, N skipped]
# from the real TRX results. Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/services.sh

work=$(mktemp -d -t natak-test-XXXXXX)
cleanup() {
  [ -n "${NATAK_AZURITE_PID:-}" ] && kill "$NATAK_AZURITE_PID" 2>/dev/null
  [ -n "${NATAK_S3RVER_PID:-}" ] && kill "$NATAK_S3RVER_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

natak_ensure_node_modules || exit 1
natak_ensure_chromium || exit 1
echo "natak: restoring and building..."
dotnet restore Natak.sln --verbosity quiet || exit 1
dotnet build Natak.sln --no-restore --verbosity quiet -nologo || { echo "tests: 0 passed, 1 failed (build)"; exit 1; }

blob=$(natak_free_port); queue=$(natak_free_port); table=$(natak_free_port); s3=$(natak_free_port)
natak_start_azurite "$blob" "$queue" "$table" "$work/azurite.log" --in-memory || exit 1
natak_start_s3rver "$s3" "$work/s3rver" natak-test "$work/s3rver.log" || exit 1
export NATAK_TEST_STORAGE; NATAK_TEST_STORAGE=$(natak_azurite_connection_string "$blob" "$queue" "$table")
export NATAK_TEST_S3_URL="http://127.0.0.1:$s3"

echo "natak: running tests (Azurite on $table/$queue/$blob, s3rver on $s3)..."
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --verbosity quiet -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$work/results" "$@" \
    || status=1
done

passed=0; failed=0; skipped=0; files=0
for trx in "$work"/results/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$files" -eq 0 ]; then failed=$((failed + 1)); fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "natak: browser test screenshots are in ${NATAK_TEST_RESULTS:-.local/test-results}/studio/"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
