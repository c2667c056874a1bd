#!/usr/bin/env bash
# Rebuilds the demo's sample tarballs from examples/sample-root, byte for byte the same every time
# (sorted names, fixed owner and mtime, gzip without a timestamp), named as Falco's CPack names them.
set -euo pipefail
cd "$(dirname "$0")"
version=0.41.0
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
for arch in x86_64 aarch64; do
  rm -rf "$root/tree" && cp -a sample-root "$root/tree"
  # One marker that differs per arch, so the two tarballs are not byte-identical.
  mkdir -p "$root/tree/usr/share/falco" && echo "$arch" > "$root/tree/usr/share/falco/ARCH"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root/tree" -cf - . |
    gzip -n -9 > "packages/falco-${version}-${arch}.tar.gz"
done
ls -l packages
