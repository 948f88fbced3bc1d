# Shell helpers for scripts that drive the local OSS server (oss-server) through its admin API.
# Sourced, not run: `. tests/common/admin.sh`, with `admin` (the admin API's base URL),
# `bucket` and `key` set by the caller.

# The body bytes the server has sent for the object so far (its byte counter).
fetched() { curl -fsS "$admin/counters?bucket=$bucket&key=$key" | sed 's/.*"body_bytes":\([0-9]*\).*/\1/'; }
