#!/usr/bin/env bash
# Installs GNU gettext (msgfmt) when it is missing, so `compilemessages` can build
# the .mo catalogues on a new machine.
set -euo pipefail
if command -v msgfmt >/dev/null 2>&1; then
  exit 0
fi
echo "Installing gettext for the translation catalogues..."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends gettext >/dev/null
