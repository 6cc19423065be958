#!/usr/bin/env bash
# Installs everything polycopy needs on Debian 12 (run as root). Idempotent: a second run
# installs nothing and takes a second.
set -euo pipefail

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config clang-format git ca-certificates tzdata
  libboost-dev libboost-system-dev libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libpq-dev libsecp256k1-dev libcrypto++-dev libssl-dev libsodium-dev libspdlog-dev libfmt-dev
  libcli11-dev libtomlplusplus-dev libhowardhinnant-date-dev libgtest-dev libgmock-dev
  libbenchmark-dev
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#APT_PACKAGES[@]} packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "setup: missing packages: ${missing[*]}" >&2
  echo "setup: run as root (or install them with apt-get) and try again" >&2
  exit 1
fi

echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
