#!/usr/bin/env bash
# CI on a fresh clone, shared by .ci/run (this Debian machine) and
# .github/workflows/ci.yml (Linux, Windows, macOS) so the two cannot drift:
# system packages where apt-get exists, `npm ci`, then the README's test command.
#   scripts/ci.sh            npm test (every layer)
#   scripts/ci.sh unit host  npm test -- unit host (the workflow's matrix splits layers)
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: git, Chromium (drives the VS Code workbench), ripgrep (code-server's
# search, which cannot download its own), Kerberos headers and a compiler for
# code-server's native modules, and xvfb when desktop VS Code runs without a display.
# A browser already installed (GitHub's runners ship Google Chrome) is used as it is.
if command -v apt-get >/dev/null 2>&1; then
  packages=(git ripgrep libkrb5-dev python3 make g++)
  if [ "${ENVFLOW_TEST_HOST:-}" = electron ]; then
    packages+=(xvfb)
  fi
  if [ -z "${CHROME_PATH:-}" ] && [ ! -x /usr/bin/chromium ] && [ ! -x /usr/bin/google-chrome ]; then
    packages+=(chromium)
  fi
  missing=()
  for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[ci] installing: ${missing[*]}"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

node --version
npm ci --no-audit --no-fund

test=(npm test)
if [ $# -gt 0 ]; then
  test+=(-- "$@")
fi
# Desktop VS Code (ENVFLOW_TEST_HOST=electron) needs a display; Linux CI has none.
if [ "${ENVFLOW_TEST_HOST:-}" = electron ] && [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
  test=(xvfb-run -a "${test[@]}")
fi
"${test[@]}"
