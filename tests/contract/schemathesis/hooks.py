"""schemathesis hooks of `cargo xtask contract` (loaded through SCHEMATHESIS_HOOKS).

The upload's `video` part declares media content types (`encoding` in the spec). schemathesis
has no serializer for them and errors out when negative testing puts a non-file value
(a number, an object) in that part; they are sent as raw bytes like
application/octet-stream, so those cases reach the server and test its rejection.
"""

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
