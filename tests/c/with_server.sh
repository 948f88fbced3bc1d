#!/usr/bin/env bash
# Runs one C program against a fresh local OSS server.
#
#   with_server.sh OSS_SERVER_BIN [--tls] [--sts-token T] [--object BUCKET/KEY=SIZE]... [--fault QUERY]... -- PROGRAM [ARGS...]
#
# Starts oss-server on 127.0.0.1 (ephemeral port) over a temp storage root with the given
# objects (deterministic content), installs the given faults through the admin API
# (e.g. --fault 'kind=throttle&bytes_per_sec=1000000&bucket=b&key=k'), exports
#   OSS_ENDPOINT OSS_ACCESS_KEY_ID OSS_ACCESS_KEY_SECRET OSS_REGION OSS_BUCKET OSS_ADMIN OSS_WORK_DIR
#   OSS_SERVER_ROOT (the storage root: objects are files at \$OSS_SERVER_ROOT/BUCKET/KEY)
# (and OSS_STS_TOKEN with --sts-token: the server then requires that STS token on every request),
# runs the program in OSS_WORK_DIR (an empty temp dir), and always stops the server and removes
# the temp dirs. The program's exit status is the script's.
#
# With --tls, a throw-away CA and a leaf certificate for 127.0.0.1 and localhost are made with the
# openssl CLI in a temp dir; the server serves HTTPS with the leaf, OSS_ENDPOINT is
# https://127.0.0.1:PORT and OSS_CA_FILE names the CA's PEM (OSS_ADMIN stays plain HTTP: the
# server answers both on one port).
set -euo pipefail

server_bin=$1
shift
objects=()
faults=()
sts_args=()
tls=0
while [ $# -gt 0 ]; do
    case $1 in
        --object) objects+=(--create-object "$2"); shift 2 ;;
        --fault) faults+=("$2"); shift 2 ;;
        --tls) tls=1; shift ;;
        --sts-token) sts_args=(--sts-token "$2"); export OSS_STS_TOKEN=$2; shift 2 ;;
        --) shift; break ;;
        *) echo "with_server.sh: unexpected argument $1" >&2; exit 2 ;;
    esac
done

root=$(mktemp -d)
work=$(mktemp -d)
addr_file="$root.addr"
tls_dir=""
server_pid=""
# Keeps the program's exit status: the trap's own last command must not replace it.
cleanup() {
    local rc=$?
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$root" "$work" "$addr_file" ${tls_dir:+"$tls_dir"}
    exit $rc
}
trap cleanup EXIT

tls_args=()
scheme=http
if [ "$tls" = 1 ]; then
    tls_dir=$(mktemp -d)
    # P-256 keys, valid for a day; the leaf carries IP and DNS names for loopback.
    printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' 'basicConstraints=critical,CA:FALSE' \
        'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' >"$tls_dir/leaf.ext"
    if ! {
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
            -subj '/CN=oss_c_sdk throw-away test CA' -addext 'basicConstraints=critical,CA:TRUE' \
            -addext 'keyUsage=critical,keyCertSign,cRLSign' -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.pem" &&
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
            -subj '/CN=localhost' -keyout "$tls_dir/leaf.key" -out "$tls_dir/leaf.csr" &&
        openssl x509 -req -in "$tls_dir/leaf.csr" -CA "$tls_dir/ca.pem" -CAkey "$tls_dir/ca.key" \
            -CAcreateserial -days 1 -extfile "$tls_dir/leaf.ext" -out "$tls_dir/leaf.pem"
    } >"$tls_dir/openssl.log" 2>&1; then
        cat "$tls_dir/openssl.log" >&2
        echo "with_server.sh: making the test certificates failed" >&2
        exit 1
    fi
    tls_args=(--tls-cert "$tls_dir/leaf.pem" --tls-key "$tls_dir/leaf.key")
    scheme=https
    export OSS_CA_FILE="$tls_dir/ca.pem"
fi

bucket=test-bucket
"$server_bin" --listen 127.0.0.1:0 --root "$root" --create-bucket "$bucket" "${tls_args[@]}" "${sts_args[@]}" "${objects[@]}" >"$addr_file" &
server_pid=$!
for _ in $(seq 1 200); do
    [ -s "$addr_file" ] && break
    sleep 0.05
done
addr=$(head -n 1 "$addr_file")
[ -n "$addr" ] || { echo "with_server.sh: the server did not start" >&2; exit 1; }

export OSS_ENDPOINT="$scheme://$addr"
export OSS_ACCESS_KEY_ID=LTAI5tLocalTestKey
export OSS_ACCESS_KEY_SECRET=LocalTestSecret0123456789abcdef
export OSS_REGION=cn-hangzhou
export OSS_BUCKET=$bucket
export OSS_ADMIN="http://$addr/-/admin"
export OSS_WORK_DIR=$work
export OSS_SERVER_ROOT=$root

for f in "${faults[@]}"; do
    curl -fsS -X POST "$OSS_ADMIN/faults?$f" >/dev/null
done

cd "$work"
set +e
"$@"
status=$?
set -e
exit $status
