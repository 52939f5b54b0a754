#!/bin/sh
# The whole test suite, failing fast: type-check → unit → integration (PGlite and PostgreSQL) → browser (Chromium + axe).
# Run through `npm test`, so that `node` is the project's Node 24 (node_modules/.bin comes first on the PATH).
set -e
cd "$(dirname "$0")/.."

node --version | grep -q '^v24\.' || { echo "Node.js 24 is required (found $(node --version)); run through npm test after npm ci." >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "The browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install chromium" >&2; exit 1; }

echo "== type-check"
tsc --noEmit

run() {
  echo "== $1"
  shift
  node --import tsx --test --test-reporter=spec "$@"
}

run "unit tests" $(find src test -name '*.test.ts' ! -name '*.int.test.ts' ! -name '*.e2e.test.ts' -not -path '*/node_modules/*' | sort)
run "integration tests (PGlite and PostgreSQL)" $(find src test -name '*.int.test.ts' -not -path '*/node_modules/*' | sort)
run "browser tests (Chromium, axe-core)" $(find test/e2e -name '*.e2e.test.ts' | sort)
