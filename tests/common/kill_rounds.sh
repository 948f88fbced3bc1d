# What kill_resume.sh and kill_resume_upload.sh share. Sourced with the script's arguments
# (`. kill_rounds.sh "$@"`) once `default_key` is set: reads CLI [KILLS] [SEED] and the
# environment (KR_KEY, KR_SIZE, KR_PART, KR_THREADS, KR_MIN_MS, KR_MAX_MS; see the scripts),
# seeds bash's generator with SEED (the same seed gives the same kill moments), sources
# admin.sh, and defines kill_part_way.
cli=$1
kills=${2:-3}
seed=${3:-1}
key=${KR_KEY:-$default_key}
size=${KR_SIZE:-67108864}
part=${KR_PART:-1048576}
threads=${KR_THREADS:-4}
min_ms=${KR_MIN_MS:-150}
max_ms=${KR_MAX_MS:-1200}
bucket=$OSS_BUCKET
admin=$OSS_ADMIN
RANDOM=$seed
. "$(dirname "${BASH_SOURCE[0]}")/admin.sh"

killed=0
# Round $round: runs the CLI (threads, part size, then "$@") in the background and SIGKILLs it at
# a seeded random moment, min_ms..max_ms after its start (the moment in $delay_ms), counting the
# kill in $killed. Returns 1 (after saying so) when it had already finished successfully; a
# failure of its own ends the script.
kill_part_way() {
    "$cli" -t "$threads" -p "$part" "$@" >/dev/null 2>&1 &
    local pid=$!
    delay_ms=$(( min_ms + (RANDOM * 32768 + RANDOM) % (max_ms - min_ms + 1) ))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -KILL $pid 2>/dev/null; then
        wait $pid 2>/dev/null || true
        killed=$((killed + 1))
        return 0
    fi
    wait $pid || { echo "FAIL: round $round: the transfer failed on its own"; exit 1; }
    echo "round $round: the transfer finished before its kill at ${delay_ms} ms"
    return 1
}
