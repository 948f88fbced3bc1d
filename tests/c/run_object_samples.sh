#!/usr/bin/env bash
# Runs the official object samples, unchanged but for the placeholders of their oss_config.c,
# against the local server (run through with_server.sh with the objects below), one process per
# sample in an order where each finds what it needs: put_object, get_object, head_object,
# get_object_meta, put_object_acl, get_object_acl, list_object, append_object, crc, progress,
# callback, delete_object. Linked with -loss_c_sdk alone. For each sample: it exits normally,
# prints exactly its number of success lines and no failure line, and what it leaves behind (the
# object on the server, the files it downloads) is what it says it did. One "PASS: <sample>" line
# each, then a final PASS.
#
# The callback sample posts to the hard-coded http://callback.oss-demo.com:23450: the server is
# told (admin API /-/admin/callback-hosts) to call a receiver on 127.0.0.1 for that name instead,
# so the sample runs unchanged and no request leaves the machine.
#
# Usage (inside with_server.sh --object test-bucket/mingdi/obj-01=SIZE ... obj-13 --object
# test-bucket/oss_sample_object1=1 --object test-bucket/oss_sample_object2=1):
#   run_object_samples.sh <cc> <include dir> <samples dir> <library dir>
set -euo pipefail
cc=$1 include=$2 samples=$3 libdir=$4
object=oss_sample_object.txt
store="$OSS_SERVER_ROOT/$OSS_BUCKET"

work=$(mktemp -d)
receiver_pid=""
cleanup() {
    [[ -n $receiver_pid ]] && kill "$receiver_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
sed -e "s|<your endpoint>|$OSS_ENDPOINT|" -e "s|<your access key id>|$OSS_ACCESS_KEY_ID|" \
    -e "s|<your access key secret>|$OSS_ACCESS_KEY_SECRET|" -e "s|<your bucket name>|$OSS_BUCKET|" \
    -e "s|<your object key>|$object|" -e "s|<your local file>|multipart_file.bin|" \
    "$samples/oss_config.c" > "$work/oss_config.c"
names=(put_object get_object head_object get_object_meta put_object_acl get_object_acl list_object
       append_object crc progress callback delete_object)
{
    echo '#include <stdio.h>'
    echo '#include <string.h>'
    echo '#include "aos_http_io.h"'
    for n in "${names[@]}"; do echo "void ${n}_sample(void);"; done
    echo 'int main(int argc, char **argv) {'
    echo '    int rc = 2;'
    echo '    if (argc != 2 || aos_http_io_initialize(NULL, 0) != AOSE_OK) return 1;'
    for n in "${names[@]}"; do echo "    if (strcmp(argv[1], \"$n\") == 0) { ${n}_sample(); rc = 0; }"; done
    echo '    aos_http_io_deinitialize();'
    echo '    return rc;'
    echo '}'
} > "$work/run.c"
for n in "${names[@]}" sample_util; do
    src=oss_${n}_sample.c
    [[ $n == sample_util ]] && src=oss_sample_util.c
    "$cc" -std=gnu99 -w -I "$include" -I "$samples" -c "$samples/$src" -o "$work/${src%.c}.o"
done
"$cc" -std=gnu99 -w -I "$include" -I "$samples" -c "$work/oss_config.c" -o "$work/oss_config.o"
"$cc" -std=gnu99 -w -I "$include" -c "$work/run.c" -o "$work/run.o"
"$cc" -o "$work/samples" "$work"/*.o -L "$libdir" -loss_c_sdk -Wl,-rpath,"$libdir"

# The callback receiver: answers every POST with a JSON body and records what it got.
cat > "$work/receiver.py" <<'PY'
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(sys.argv[1], "ab") as log:
            log.write(b"host=" + self.headers.get("Host", "").encode() + b" " + body + b"\n")
        answer = b'{"Status":"OK"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$work/receiver.py" "$work/callbacks.log" > "$work/receiver.port" &
receiver_pid=$!
for _ in $(seq 1 100); do [[ -s $work/receiver.port ]] && break; sleep 0.05; done
port=$(head -n 1 "$work/receiver.port")
[[ -n $port ]] || { echo "FAIL: the callback receiver did not start"; exit 1; }
curl -fsS -X POST "$OSS_ADMIN/callback-hosts?host=callback.oss-demo.com:23450&addr=127.0.0.1:$port" >/dev/null

cd "$work"
failures=0
fail() { echo "FAIL: $1: $2"; failures=$((failures + 1)); return 1; }
# run NAME SUCCESSES: runs one sample (output in NAME.out): it exits normally, prints SUCCESSES
# success lines and no failure line.
run() {
    local name=$1 want=$2 got
    if ! ./samples "$name" > "$name.out" 2> "$name.err"; then
        cat "$name.out" "$name.err"
        fail "$name" "the sample exited with an error"
        return
    fi
    sed "s/^/  $name| /" "$name.out"
    if grep -qi "fail" "$name.out"; then fail "$name" "a step failed"; return; fi
    got=$(grep -cE "succeeded|success!|List object ok" "$name.out" || true)
    [[ $got -eq $want ]] || fail "$name" "$got steps succeeded, expected $want"
}
# expect NAME WHAT COMMAND...: COMMAND succeeds, else NAME fails for WHAT.
expect() { local name=$1 what=$2; shift 2; "$@" || fail "$name" "$what"; }
same() { cmp -s "$1" "$2"; }
gone() { [[ ! -e $store/$1 ]]; }
count() { grep -cx -- "$2" "$1" || true; }

put_src=$samples/oss_put_object_sample.c
prog_src=$samples/oss_progress_sample.c
size=$(stat -c %s "$put_src")
check_put_object() {
    run put_object 5 && expect put_object "the object is not the sample file" same "$store/$object" "$put_src" &&
        expect put_object "dir/$object is not the sample file" same "$store/dir/$object" "$put_src"
}
# With a Range of bytes 20-100 last, the local file holds those 81 bytes; the "dir/" listing
# brings dir/<object> down into ./dir/.
check_get_object() {
    run get_object 6 &&
        expect get_object "the ranged file is wrong" same get_object_to_local_file.txt <(tail -c +21 "$put_src" | head -c 81) &&
        expect get_object "dir/$object was not downloaded" same "dir/$object" "$put_src"
}
# GetObjectMeta answers no x-oss-object-type (on OSS neither): the samples print it as (null).
check_head_object() {
    run head_object 2 &&
        expect head_object "wrong type or length" grep -q "^head object succeeded, object type:Normal, content length:$size$" head_object.out &&
        expect head_object "wrong length" grep -q "^get object meta succeeded, .*, content_length:$size$" head_object.out
}
check_get_object_meta() {
    run get_object_meta 1 &&
        expect get_object_meta "wrong length" grep -q "^get object meta succeeded, .*, content length:$size$" get_object_meta.out
}
check_put_object_acl() { run put_object_acl 1; }
check_get_object_acl() { run get_object_acl 1; }
# 13 objects under mingdi/: two pages of 10 for the prefix listing; with the delimiter, the
# prefixes dir/ and mingdi/ once each.
check_list_object() {
    run list_object 3 && expect list_object "the prefix listing did not count 13" grep -qx "Total 13" list_object.out &&
        expect list_object "common prefixes" [ "$(count list_object.out common_prefix:mingdi/)" -eq 1 ] &&
        expect list_object "common prefixes" [ "$(count list_object.out common_prefix:dir/)" -eq 1 ]
}
check_append_object() {
    run append_object 2 && expect append_object "the object is not both appends" \
        same "$store/$object" <(printf 'test oss c sdk'; cat "$samples/oss_append_object_sample.c")
}
check_crc() {
    run crc 5 && expect crc "the object is not the last put" same "$store/$object" <(printf 'Sow nothing, reap nothing.') &&
        expect crc "oss_append_object.txt was not deleted" gone oss_append_object.txt
}
check_progress() {
    run progress 13 && expect progress "the downloaded file is wrong" same get_object_to_local_file.txt "$prog_src" &&
        expect progress "the object is not the last multipart upload" same "$store/$object" <(head -c 1024 "$prog_src") &&
        expect progress "oss_append_object.ts was not deleted" gone oss_append_object.ts &&
        expect progress "no 100% progress line" grep -qx "%100" progress.out
}
check_callback() {
    run callback 6 && expect callback "not two callbacks" [ "$(wc -l < callbacks.log)" -eq 2 ] &&
        expect callback "the PutObject callback is wrong" grep -qx \
            "host=oss-cn-hangzhou.aliyuncs.com bucket=$OSS_BUCKET&object=$object&size=14&mimeType=text%2Fplain" callbacks.log
}
check_delete_object() {
    run delete_object 2 && expect delete_object "$object is still there" gone "$object" &&
        expect delete_object "oss_sample_object1/2 are still there" gone oss_sample_object1 &&
        expect delete_object "oss_sample_object1/2 are still there" gone oss_sample_object2
}
for n in "${names[@]}"; do
    if "check_$n"; then echo "PASS: $n"; fi
done

[[ $failures -eq 0 ]] || { echo "FAIL: $failures official object samples failed"; exit 1; }
echo "PASS: the ${#names[@]} official object samples ran"
