#!/usr/bin/env bash
# The whole suite: formatting, build, every test project (PostgreSQL ones included).
# Starts a throwaway PostgreSQL as the postgres user on a free port and always stops it.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET 10 SDK is required (dotnet not found)" >&2
    exit 1
fi

pgdir=$(mktemp -d /tmp/committeegrid-pg.XXXXXX)
cleanup() {
    scripts/pg.sh stop "$pgdir" >/dev/null 2>&1 || true
    rm -rf "$pgdir"
}
trap cleanup EXIT INT TERM

echo "== PostgreSQL"
CG_TEST_PG=$(scripts/pg.sh start "$pgdir" | tail -n 1)
export CG_TEST_PG
echo "   $CG_TEST_PG"

echo "== format"
dotnet format CommitteeGrid.sln --verify-no-changes

echo "== build"
dotnet build CommitteeGrid.sln -c Debug --nologo -v:q

echo "== test"
log=$(mktemp)
status=0
# One test project at a time: the cluster and timing tests get the machine's two cores to themselves.
dotnet test CommitteeGrid.sln --no-build -m:1 --nologo 2>&1 | tee "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
    exit 1
fi
