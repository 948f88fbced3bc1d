#!/usr/bin/env bash
# Runs one C program against a fresh local OSS server.
#
#   with_server.sh OSS_SERVER_BIN [--object BUCKET/KEY=SIZE]... [--fault QUERY]... -- PROGRAM [ARGS...]
#
# Starts oss-server on 127.0.0.1 (ephemeral port) over a temp storage root with the given
# objects (deterministic content), installs the given faults through the admin API
# (e.g. --fault 'kind=throttle&bytes_per_sec=1000000&bucket=b&key=k'), exports
#   OSS_ENDPOINT OSS_ACCESS_KEY_ID OSS_ACCESS_KEY_SECRET OSS_REGION OSS_BUCKET OSS_ADMIN OSS_WORK_DIR
# runs the program in OSS_WORK_DIR (an empty temp dir), and always stops the server and removes
# both temp dirs. The program's exit status is the script's.
set -euo pipefail

server_bin=$1
shift
objects=()
faults=()
while [ $# -gt 0 ]; do
    case $1 in
        --object) objects+=(--create-object "$2"); shift 2 ;;
        --fault) faults+=("$2"); shift 2 ;;
        --) shift; break ;;
        *) echo "with_server.sh: unexpected argument $1" >&2; exit 2 ;;
    esac
done

root=$(mktemp -d)
work=$(mktemp -d)
addr_file="$root.addr"
server_pid=""
# Keeps the program's exit status: the trap's own last command must not replace it.
cleanup() {
    local rc=$?
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$root" "$work" "$addr_file"
    exit $rc
}
trap cleanup EXIT

bucket=test-bucket
"$server_bin" --listen 127.0.0.1:0 --root "$root" --create-bucket "$bucket" "${objects[@]}" >"$addr_file" &
server_pid=$!
for _ in $(seq 1 200); do
    [ -s "$addr_file" ] && break
    sleep 0.05
done
addr=$(head -n 1 "$addr_file")
[ -n "$addr" ] || { echo "with_server.sh: the server did not start" >&2; exit 1; }

export OSS_ENDPOINT="http://$addr"
export OSS_ACCESS_KEY_ID=LTAI5tLocalTestKey
export OSS_ACCESS_KEY_SECRET=LocalTestSecret0123456789abcdef
export OSS_REGION=cn-hangzhou
export OSS_BUCKET=$bucket
export OSS_ADMIN="http://$addr/-/admin"
export OSS_WORK_DIR=$work

for f in "${faults[@]}"; do
    curl -fsS -X POST "$OSS_ADMIN/faults?$f" >/dev/null
done

cd "$work"
set +e
"$@"
status=$?
set -e
exit $status
