#!/usr/bin/env bash
# Rebuilds the demo's sample packages from examples/sample-root, named as Falco's CPack names them
# (falco-<version>-<x86_64|aarch64>.<ext>): tarballs (tar + gzip), .deb (dpkg-deb) and .rpm
# (rpmbuild). Tarballs and .debs are byte for byte the same every time (sorted names, fixed owner
# and mtime, no gzip timestamp); rpmbuild stamps a build time, so .rpm bytes differ per build.
set -euo pipefail
cd "$(dirname "$0")"
version=0.41.0
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
export SOURCE_DATE_EPOCH=0
for arch in x86_64 aarch64; do
  case $arch in x86_64) deb_arch=amd64 ;; aarch64) deb_arch=arm64 ;; esac
  tree="$root/tree-$arch"
  rm -rf "$tree" && cp -a sample-root "$tree"
  # One marker that differs per arch, so the packages of the two arches are not byte-identical.
  mkdir -p "$tree/usr/share/falco" && echo "$arch" > "$tree/usr/share/falco/ARCH"

  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$tree" -cf - . |
    gzip -n -9 > "packages/falco-${version}-${arch}.tar.gz"

  deb="$root/deb-$arch"
  cp -a "$tree" "$deb" && mkdir -p "$deb/DEBIAN"
  cat > "$deb/DEBIAN/control" <<CONTROL
Package: falco
Version: ${version}
Architecture: ${deb_arch}
Maintainer: falco-publish demo <demo@example.invalid>
Section: utils
Priority: optional
Homepage: https://falco.org
Description: Sample Falco package for the falco-publish demo
 A stand-in with Falco's file layout, published by npm start.
CONTROL
  find "$deb" -exec touch -h -d @0 {} +
  dpkg-deb --root-owner-group -Zgzip --build "$deb" "packages/falco-${version}-${arch}.deb" >/dev/null

  rpmtop="$root/rpm-$arch"
  mkdir -p "$rpmtop/SPECS"
  cat > "$rpmtop/SPECS/falco.spec" <<SPEC
Name: falco
Version: ${version}
Release: 1
Summary: Sample Falco package for the falco-publish demo
License: Apache-2.0
URL: https://falco.org
%define _build_id_links none
%define __strip /bin/true
%description
A stand-in with Falco's file layout, published by npm start.
%install
cp -a ${tree}/. %{buildroot}/
%files
/usr/bin/falco
/usr/share/falco/ARCH
%config(noreplace) /etc/falco/falco.yaml
SPEC
  rpmbuild -bb --quiet --target "$arch" --define "_topdir $rpmtop" "$rpmtop/SPECS/falco.spec" >/dev/null
  cp "$rpmtop"/RPMS/"$arch"/falco-${version}-1.*.rpm "packages/falco-${version}-${arch}.rpm"
done
ls -l packages
