-- vtserver schema, version 2: transcription jobs, their progress events, transcripts.
-- Owned by the transcription engine (src/jobs/). Timestamps as in 0001 (RFC 3339 UTC, ms, `Z`).

CREATE TABLE jobs (
    -- Creation order: the latest job of a session is the one with the highest seq.
    seq                     INTEGER PRIMARY KEY AUTOINCREMENT,
    id                      TEXT    NOT NULL UNIQUE,
    session_id              TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    livemode                INTEGER NOT NULL,
    -- queued | running | completed | failed | cancelled
    status                  TEXT    NOT NULL,
    -- The wire TranscriptionOptions as JSON, defaults filled in.
    options                 TEXT    NOT NULL,
    -- The upload (uploads.id) the job transcribes, fixed when it is queued.
    upload_id               TEXT    NOT NULL,
    detected_language       TEXT,
    -- Never decreases, also across a re-run after a restart.
    progress_percent        REAL    NOT NULL DEFAULT 0,
    error_code              TEXT,
    error_message           TEXT,
    -- Runs started (a job interrupted by restarts is given up after 3).
    attempts                INTEGER NOT NULL DEFAULT 0,
    created_at              TEXT    NOT NULL,
    started_at              TEXT,
    completed_at            TEXT,
    processing_time_seconds REAL
);

-- At most one active job per session.
CREATE UNIQUE INDEX jobs_one_active ON jobs (session_id) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_session ON jobs (session_id, seq);
CREATE INDEX jobs_status ON jobs (status, seq);

-- Progress events: `id` is the SSE event id (`Last-Event-ID`), increasing across all jobs.
CREATE TABLE progress_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id     TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    stage      TEXT    NOT NULL,
    -- The wire ProgressEvent as JSON.
    data       TEXT    NOT NULL
);

CREATE INDEX progress_events_job ON progress_events (job_id, id);

-- The transcript of a completed job (only the latest completed job of a session keeps one).
CREATE TABLE transcripts (
    job_id     TEXT    PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    -- The wire Transcript as JSON.
    data       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

CREATE INDEX transcripts_session ON transcripts (session_id);
