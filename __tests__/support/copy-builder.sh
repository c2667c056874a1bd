#!/bin/sh
# A quick builder for the drivers stage tests (the real kbuild/clang builder is in
# __fixtures__/driver-builder and runs in the integration test): it writes the rewritten config
# it was given into the requested outputs, fails for kernel releases containing "broken", hangs
# for "slow" ones and "succeeds" without output for "empty" ones.
# Usage: copy-builder.sh <kernelrelease> <config> <module-or-empty> <probe-or-empty>
set -eu
kernelrelease=$1 config=$2 module=$3 probe=$4
case $kernelrelease in
  *broken*) echo "compiler error for $kernelrelease" >&2; exit 1 ;;
  *slow*) sleep 30 ;;
  *empty*) exit 0 ;;
esac
[ -z "$module" ] || cp "$config" "$module"
[ -z "$probe" ] || cp "$config" "$probe"
echo "built $kernelrelease"
