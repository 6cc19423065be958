#!/usr/bin/env bash
# Installs everything polycopy needs on Debian 12 (run as root). Idempotent: a second run
# installs nothing and takes a second.
set -euo pipefail

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config clang-format git ca-certificates tzdata curl
  libboost-dev libboost-system-dev libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libpq-dev libsecp256k1-dev libcrypto++-dev libssl-dev libsodium-dev libspdlog-dev libfmt-dev
  libcli11-dev libtomlplusplus-dev libhowardhinnant-date-dev libgtest-dev libgmock-dev
  libbenchmark-dev libsimdjson-dev prometheus-cpp-dev
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# Node.js runs the cross-check against Polymarket's official client (tools/crosscheck).
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing packages: ${missing[*]}" >&2
    echo "setup: run as root (or install them with apt-get) and try again" >&2
    exit 1
  fi
  echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#APT_PACKAGES[@]} packages present"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "setup: warning: Node.js $(node --version) found; the official client wants >= 20.10" >&2
fi

# npm packages, pinned by package-lock.json; reinstalled only when the lock file changed.
tools=$(cd "$(dirname "$0")/.." && pwd)/tools/crosscheck
if [[ -f $tools/package-lock.json ]]; then
  if [[ ! -f $tools/node_modules/.package-lock.json || $tools/package-lock.json -nt $tools/node_modules/.package-lock.json ]]; then
    echo "setup: npm ci in tools/crosscheck"
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "setup: tools/crosscheck npm packages present"
  fi
fi

# The local EVM for the redemption tests (tools/evm): same rule.
evm_tools=$(cd "$(dirname "$0")/.." && pwd)/tools/evm
if [[ -f $evm_tools/package-lock.json ]]; then
  if [[ ! -f $evm_tools/node_modules/.package-lock.json || $evm_tools/package-lock.json -nt $evm_tools/node_modules/.package-lock.json ]]; then
    echo "setup: npm ci in tools/evm"
    (cd "$evm_tools" && npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "setup: tools/evm npm packages present"
  fi
fi
echo "setup: done"
