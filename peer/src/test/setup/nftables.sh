#!/usr/bin/env bash
# Makes sure the fault harness (src/test/java/io/strategyminer/peer/chaos) can drop packets: Debian's nftables (the
# `nft` command; the kernel has nf_tables, not netem). Run by `mvn verify` (the peer module's exec step before its
# tests) as browser.sh is. Only as root, where the harness runs: elsewhere the harness is skipped and nothing is
# installed. Installs with apt-get; without apt-get it says so and the harness runs without its packet-loss faults.
set -euo pipefail
if command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  exit 0 # the fault harness needs root (network namespaces); it is skipped here, and so is its setup
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: the fault harness's packet-loss faults need nft (Debian's nftables) and this machine has no" \
       "apt-get: install nftables, or the harness runs without packet loss" >&2
  exit 0
fi
echo "installing nftables for the fault harness's packet-loss faults (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q nftables
