#!/usr/bin/env bash
# Installs Debian's Graphviz when it is missing: the admin draws the contact
# wizard's flow with `dot` (contact/flow/graphviz.py).
set -euo pipefail
if command -v dot >/dev/null 2>&1; then
  exit 0
fi
echo "Installing Debian's Graphviz for the admin's flow diagram..."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends graphviz >/dev/null
dot -V
