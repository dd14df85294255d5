#!/usr/bin/env bash
# Installs Debian packages when a program they provide is missing, so that a new
# machine (or CI's) gets everything `make run` and `make test` need. Never a
# download of its own: only apt-get, by package name.
#
#   scripts/apt-install.sh PROGRAM "what it is for" PACKAGE [PACKAGE ...]
#
# PROGRAM is a command name or an absolute path; when it is there, nothing runs.
set -euo pipefail
program=$1 purpose=$2
shift 2
if command -v "$program" >/dev/null 2>&1; then
  exit 0
fi
echo "Installing $* $purpose..."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
command -v "$program"
