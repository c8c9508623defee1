#!/usr/bin/env bash
# What `make bench` needs beside the Python packages: wrk (the load), nginx (the proxy measured in front of
# the app). Installed from the distribution's packages when missing (as root; otherwise say what to run).
set -euo pipefail
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "make bench needs: ${need[*]} (run: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "== apt-get install ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
