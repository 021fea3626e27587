#!/usr/bin/env bash
# Installs what the tests need beyond npm packages: Debian's Chromium (Playwright cannot
# download its own browser here), poppler-utils (pdftotext/pdftoppm to check PDFs), CJK fonts
# for screenshots, and the servers the scaled-out mode is tested against: PostgreSQL, Redis and
# HAProxy (a stock round-robin balancer). The tests start their own throwaway instances on
# loopback (tests/helpers/postgres.ts, redis.ts); the system services these packages install
# are stopped, so nothing is left running. Needs root (or sudo); skips what is already installed.
set -euo pipefail

packages=(chromium poppler-utils fonts-noto-cjk postgresql redis-server haproxy)
services=(postgresql redis-server haproxy)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies already installed: ${packages[*]}"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
echo "installing: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

# A package just installed may have started its system-wide service (where an init system runs
# them); the tests need none, so those are stopped. Services that were there before are left alone.
for service in "${services[@]}"; do
  if [[ " ${missing[*]} " == *" $service "* ]] && command -v service >/dev/null 2>&1; then
    "${as_root[@]}" service "$service" stop >/dev/null 2>&1 || true
  fi
done
