#!/usr/bin/env bash
# The whole suite: formatting, build, every test project (PostgreSQL and browser ones included).
# Starts a throwaway PostgreSQL as the postgres user on a free port and always stops it; installs
# chromium and a CJK font for the browser tests when they are missing and it runs as root.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET 10 SDK is required (dotnet not found)" >&2
    exit 1
fi

# The browser tests drive Debian's chromium; without a CJK font Chinese renders as empty boxes.
ensure_chromium() {
    local chromium=${CG_CHROMIUM:-/usr/bin/chromium}
    local missing=()
    [[ -x $chromium ]] || missing+=(chromium)
    if ! command -v fc-list >/dev/null 2>&1 || [[ -z $(fc-list :lang=zh family 2>/dev/null) ]]; then
        missing+=(fonts-noto-cjk)
    fi
    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "   $chromium"
        return 0
    fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "test.sh: the browser tests need ${missing[*]}; install with: sudo apt-get install -y chromium fonts-noto-cjk" >&2
        echo "         (or set CG_CHROMIUM to a Chromium executable and install a Chinese font)" >&2
        exit 1
    fi
    echo "   installing ${missing[*]} from the Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; then
        apt-get update -qq
        apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    fi
    [[ -x $chromium ]] || { echo "test.sh: chromium installed but $chromium is missing" >&2; exit 1; }
}

echo "== Chromium"
ensure_chromium

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
for shot in tests/CommitteeGrid.Browser.Tests/bin/Debug/net10.0/TestResults/screenshots/*.png; do
    if [[ -e $shot ]]; then echo "screenshot: $shot"; fi
done
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
    exit 1
fi
