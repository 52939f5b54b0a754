#!/bin/sh
# The whole test suite, failing fast: type-check → unit → integration (PGlite and PostgreSQL) → browser (Chromium + axe).
# Run through `npm test`, so that `node` is the project's Node 24 (node_modules/.bin comes first on the PATH).
set -e
cd "$(dirname "$0")/.."

node --version | grep -q '^v24\.' || { echo "Node.js 24 is required (found $(node --version)); run through npm test after npm ci." >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "The browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install chromium" >&2; exit 1; }

echo "== type-check"
tsc --noEmit

# When V8 itself aborts during a phase ("# Fatal error in , line 0": a crash of the runtime, seen once in PGlite's
# WebAssembly code, not a failing test), the phase runs once more, and says so; the second run's result stands.
run() {
  phase="$1"
  shift
  echo "== $phase"
  log=$(mktemp)
  # sh has no pipefail: the test runner's exit status goes through a file.
  { code=0; node --import tsx --test --test-reporter=spec "$@" 2>&1 || code=$?; echo "$code" >"$log.status"; } | tee "$log"
  status=$(cat "$log.status")
  crashed=$(grep -c '^# Fatal error in' "$log" || true)
  rm -f "$log" "$log.status"
  if [ "$status" -ne 0 ] && [ "$crashed" -gt 0 ]; then
    echo "== $phase: V8 aborted ($crashed time(s)), a runtime crash rather than a failing test; running the phase once more"
    node --import tsx --test --test-reporter=spec "$@"
    return
  fi
  return "$status"
}

run "unit tests" $(find src test -name '*.test.ts' ! -name '*.int.test.ts' ! -name '*.e2e.test.ts' -not -path '*/node_modules/*' | sort)
run "integration tests (PGlite and PostgreSQL)" $(find src test -name '*.int.test.ts' -not -path '*/node_modules/*' | sort)
run "browser tests (Chromium, axe-core)" $(find test/e2e -name '*.e2e.test.ts' | sort)
