# Shell helpers for scripts that drive the local OSS server (oss-server) through its admin API.
# Sourced, not run: `. tests/common/admin.sh`, with `admin` (the admin API's base URL),
# `bucket` and `key` set by the caller.

# The body bytes the server has sent for the object so far (its byte counter).
fetched() { curl -fsS "$admin/counters?bucket=$bucket&key=$key" | sed 's/.*"body_bytes":\([0-9]*\).*/\1/'; }
# The request body bytes the server has received for the object so far (uploads: every part
# attempt, and the completion document).
received() { curl -fsS "$admin/counters?bucket=$bucket&key=$key" | sed 's/.*"received_bytes":\([0-9]*\).*/\1/'; }
# The output of the command "$@" once it stops changing (read every 0.2 s, for at most 10 s):
# after a SIGKILL the server still reads, at its throttled pace, what the killed process had
# already written into its sockets.
settled() {
    local now next
    now=$("$@")
    for _ in $(seq 1 50); do
        sleep 0.2
        next=$("$@")
        [ "$next" = "$now" ] && break
        now=$next
    done
    echo "$now"
}
