#!/bin/sh
# A real driver builder for the integration tests, standing in for driverkit (which needs a
# Docker engine): it compiles a small kernel module against the installed Debian kernel headers
# and a small eBPF object with clang, then copies them to the paths the action asked for.
#
# Usage: build.sh <kernelrelease> <module-out> <probe-out-or-empty> <config>
# Exits non-zero when the headers of <kernelrelease> are not installed, as driverkit fails on a
# kernel it cannot fetch.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kernelrelease=$1 module=$2 probe=$3 config=$4
headers=/usr/src/linux-headers-$kernelrelease
test -f "$config" || { echo "config $config not found" >&2; exit 2; }
test -d "$headers" || { echo "no kernel headers for $kernelrelease in $headers" >&2; exit 3; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/hello.c" "$here/Kbuild" "$work/"
make -s -C "$headers" M="$work" modules
cp "$work/falco_hello.ko" "$module"
if [ -n "$probe" ]; then
  clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c "$here/probe.bpf.c" -o "$probe"
fi
echo "built $module${probe:+ and $probe} for $kernelrelease"
