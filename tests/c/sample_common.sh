# Shared by the scripts that run official samples against the local server (sourced, not run):
# the sample's oss_config.c with its placeholders filled from with_server.sh's environment, the
# build (the given sample files, oss_config.c and the harness run.c, linked with -loss_c_sdk
# alone), and the run (every step printing "succeeded", none "failed").

# sample_config SAMPLES_DIR DEST [SED_ARGS...]: oss_config.c with the server's endpoint, keys and
# bucket (and any further substitutions).
sample_config() {
    local samples=$1 dest=$2
    shift 2
    sed -e "s|<your endpoint>|$OSS_ENDPOINT|" -e "s|<your access key id>|$OSS_ACCESS_KEY_ID|" \
        -e "s|<your access key secret>|$OSS_ACCESS_KEY_SECRET|" -e "s|<your bucket name>|$OSS_BUCKET|" \
        "$@" "$samples/oss_config.c" > "$dest"
}

# sample_build CC INCLUDE SAMPLES LIBDIR WORK SAMPLE_FILE...: WORK/samples from the sample files,
# WORK/oss_config.c and WORK/run.c.
sample_build() {
    local cc=$1 include=$2 samples=$3 libdir=$4 work=$5
    shift 5
    local src
    for src in "$@"; do
        "$cc" -std=gnu99 -w -I "$include" -I "$samples" -c "$samples/$src" -o "$work/${src%.c}.o"
    done
    for src in oss_config.c run.c; do
        "$cc" -std=gnu99 -w -I "$include" -I "$samples" -c "$work/$src" -o "$work/${src%.c}.o"
    done
    "$cc" -o "$work/samples" "$work"/*.o -L "$libdir" -loss_c_sdk -Wl,-rpath,"$libdir"
}

# sample_run: runs ./samples in the current directory into out.txt (printed), fails on an error
# exit or a "failed" line, and prints how many steps succeeded.
sample_run() {
    ./samples > out.txt 2>&1 || { cat out.txt >&2; echo "FAIL: the samples exited with an error" >&2; return 1; }
    cat out.txt >&2
    if grep -qi "failed" out.txt; then
        echo "FAIL: a sample step failed" >&2
        return 1
    fi
    grep -c "succeeded" out.txt || true
}
