#!/usr/bin/env bash
# Installs what the tests need beyond npm packages: Debian's Chromium (Playwright cannot
# download its own browser here), poppler-utils (pdftotext/pdftoppm to check PDFs) and
# CJK fonts for screenshots. Needs root (or sudo); skips what is already installed.
set -euo pipefail

packages=(chromium poppler-utils fonts-noto-cjk)
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
