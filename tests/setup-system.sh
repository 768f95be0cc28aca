#!/usr/bin/env bash
# System packages the browser tests need: Debian's Chromium and its matching chromedriver.
# Idempotent: installs only when /usr/bin/chromium or /usr/bin/chromedriver is missing; no browser or
# driver is downloaded from anywhere but the distribution's own archive. Run as root (CI) or with sudo.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    echo "chromium and chromedriver are present: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
    exit 0
fi

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "need root (or sudo) to install chromium and chromium-driver with apt-get" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version
/usr/bin/chromedriver --version
