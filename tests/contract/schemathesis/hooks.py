"""schemathesis hooks of `cargo xtask contract` (loaded through SCHEMATHESIS_HOOKS).

Media serializers: the upload's `video` part declares media content types (`encoding` in the
spec). schemathesis has no serializer for them and errors out when negative testing puts a
non-file value (a number, an object) in that part; they are sent as raw bytes like
application/octet-stream, so those cases reach the server and test its rejection.
"""

import uuid

import schemathesis

schemathesis.serializer.alias(
    [
        "video/mp4",
        "video/quicktime",
        "video/x-matroska",
        "audio/wav",
        "audio/mpeg",
        "audio/flac",
    ],
    "application/octet-stream",
)


@schemathesis.hook
def before_call(context, case, kwargs):
    """A fresh `Idempotency-Key` for every request that carries a valid one.

    The server honours the header (a repeated key replays the first response), while
    schemathesis sends the spec's example key, or the same small generated one, with many
    different requests: later creates would replay an earlier one, even one whose resource
    was deleted since. Real clients (both SDKs) send one key per call. Invalid keys (empty,
    over 255 characters) are left alone: they test the server's rejection.
    """
    headers = case.headers
    if not headers:
        return
    for name in list(headers):
        if name.lower() == "idempotency-key":
            value = headers[name]
            if isinstance(value, str) and 1 <= len(value) <= 255:
                headers[name] = f"schemathesis-{uuid.uuid4()}"
