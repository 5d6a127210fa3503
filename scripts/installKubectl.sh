#!/bin/sh
# Debian's kubectl 1.20 (its `kubectl kustomize` is kustomize v2.0.3), unpacked into .tools/kubernetes-client
# rather than installed: the machine's /usr/bin/kubectl, if any, stays whatever it is. It renders the overlays
# of deploy/k8s offline for scripts/test/k8sManifests.test.ts; .ci/run calls this before the tests.
set -eu
cd "$(dirname "$0")/.."
dest=.tools/kubernetes-client
if [ -x "$dest/usr/bin/kubectl" ]; then exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 777 "$work" # apt-get download writes as its _apt user where it can
download() { (cd "$work" && apt-get download -qq kubernetes-client); }
download || { apt-get update -qq && download; }
mkdir -p "$dest"
dpkg -x "$work"/kubernetes-client_*.deb "$dest"
"$dest/usr/bin/kubectl" version --client --short
