#!/bin/sh
# The cluster's certificates for mutual TLS between silos and API nodes (Orleans:Tls): a CA and
# one node certificate it signs (EC P-256; extended key usage server and client authentication;
# names localhost, 127.0.0.1 and any NAME given). For development and docker-compose; in
# production issue node certificates from your own CA.
#
#   cluster-certs.sh CERT_DIR CA_KEY_DIR [NAME...]
#
# CERT_DIR gets ca.crt, node.crt and node.key (what the nodes mount); CA_KEY_DIR gets ca.key,
# which no node needs. Idempotent: nothing is made while the node certificate chains to the CA
# and is valid for another 7 days; a CA valid for less than 30 days (or without its key) is
# made anew, and with it the node certificate. CERT_OWNER=uid[:gid] hands node.key to the
# user the nodes run as. POSIX sh (also runs in alpine); needs openssl.
set -eu

[ $# -ge 2 ] || { echo "usage: $0 CERT_DIR CA_KEY_DIR [NAME...]" >&2; exit 2; }
out=$1 ca_dir=$2
shift 2

umask 022
mkdir -p "$out" "$ca_dir"
chmod 700 "$ca_dir"
ca_key=$ca_dir/ca.key ca_crt=$out/ca.crt node_key=$out/node.key node_crt=$out/node.crt

node_current() {
  [ -s "$node_crt" ] && [ -s "$node_key" ] && [ -s "$ca_crt" ] &&
    openssl verify -CAfile "$ca_crt" "$node_crt" >/dev/null 2>&1 &&
    openssl x509 -checkend 604800 -noout -in "$node_crt" >/dev/null 2>&1
}
ca_current() {
  [ -s "$ca_key" ] && [ -s "$ca_crt" ] && openssl x509 -checkend 2592000 -noout -in "$ca_crt" >/dev/null 2>&1
}

if ca_current && node_current; then
  echo "cluster certificates: current in $out"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! ca_current; then
  (umask 077 && openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -keyout "$ca_key" -out "$ca_crt" -days 3650 -subj "/CN=Platform cluster CA (development)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>/dev/null)
  echo "cluster certificates: new CA $ca_crt"
fi

san="DNS:localhost,IP:127.0.0.1"
for name in "$@"; do san="$san,DNS:$name"; done
cat >"$work/node.ext" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $san
EXT
(umask 077 && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
  -keyout "$work/node.key" -out "$work/node.csr" -subj "/CN=platform-node" 2>/dev/null)
openssl x509 -req -in "$work/node.csr" -CA "$ca_crt" -CAkey "$ca_key" -set_serial "0x$(openssl rand -hex 16)" \
  -days 825 -sha256 -extfile "$work/node.ext" -out "$work/node.crt" 2>/dev/null
if [ -n "${CERT_OWNER:-}" ]; then chown "$CERT_OWNER" "$work/node.key"; fi
chmod 600 "$work/node.key"
chmod 644 "$work/node.crt" "$ca_crt"
mv -f "$work/node.key" "$node_key"
mv -f "$work/node.crt" "$node_crt"
echo "cluster certificates: new node certificate $node_crt ($san)"
