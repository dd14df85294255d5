#!/usr/bin/env bash
# Installs Debian's nginx when it is missing, for the reverse-proxy tests
# (tests/proxy/). The tests run their own nginx as the current user, with a
# generated configuration in a temporary folder; they never use the system service.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
echo "Installing Debian's nginx for the reverse-proxy tests..."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
/usr/sbin/nginx -v
