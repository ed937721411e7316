//! The progress stream of a session: stored events replayed, then live ones (see the module
//! documentation of `jobs`).

use std::collections::VecDeque;
use std::sync::Arc;

use futures_util::Stream;
use tokio::sync::broadcast::{self, error::RecvError};

use super::{store, wire, Inner, JobsError};

/// A stored progress event with its id, as broadcast to live subscribers.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub id: i64,
    pub event: wire::ProgressEvent,
}

/// How long a live stream waits for an event before checking the job in the database.
const RECHECK: std::time::Duration = std::time::Duration::from_secs(20);

struct State {
    inner: Arc<Inner>,
    job_id: String,
    rx: broadcast::Receiver<Arc<StoredEvent>>,
    pending: VecDeque<(i64, wire::ProgressEvent)>,
    last_id: i64,
    done: bool,
}

pub(super) async fn subscribe(
    inner: Arc<Inner>,
    session_id: String,
    last_event_id: Option<i64>,
) -> Result<impl Stream<Item = (i64, wire::ProgressEvent)> + Send + 'static, JobsError> {
    // Subscribe before reading the backlog, so nothing falls between the two.
    let rx = inner.events.subscribe();
    let (job, backlog) = inner
        .db
        .call(move |conn| {
            let Some(job) = store::latest_job(conn, &session_id)? else {
                return Ok(None);
            };
            let backlog = match last_event_id {
                Some(after) => store::events_after(conn, &job.id, after)?,
                None => store::last_event(conn, &job.id)?.into_iter().collect(),
            };
            Ok(Some((job, backlog)))
        })
        .await?
        .ok_or(JobsError::NoJob)?;
    let mut pending = VecDeque::new();
    let mut done = false;
    for (id, ev) in backlog {
        let terminal = store::is_terminal(ev.stage);
        pending.push_back((id, ev));
        if terminal {
            done = true;
            break;
        }
    }
    // A finished job with nothing left to replay: the stream is empty.
    if !job.is_active() && pending.is_empty() {
        done = true;
    }
    let last_id = last_event_id.unwrap_or(0);
    let state = State {
        inner,
        job_id: job.id,
        rx,
        pending,
        last_id,
        done,
    };
    Ok(futures_util::stream::unfold(state, next))
}

async fn next(mut s: State) -> Option<((i64, wire::ProgressEvent), State)> {
    loop {
        if let Some((id, ev)) = s.pending.pop_front() {
            s.last_id = s.last_id.max(id);
            if store::is_terminal(ev.stage) {
                s.done = true;
                s.pending.clear();
            }
            return Some(((id, ev), s));
        }
        if s.done {
            return None;
        }
        let received = match tokio::time::timeout(RECHECK, s.rx.recv()).await {
            Ok(r) => r,
            Err(_) => {
                // Quiet for a while: make sure the job still exists and nothing was missed
                // (a deleted session takes its job and events with it).
                let job_id = s.job_id.clone();
                let after = s.last_id;
                let checked = s
                    .inner
                    .db
                    .call(move |conn| {
                        let job = store::job(conn, &job_id)?;
                        Ok(match job {
                            Some(j) => {
                                Some((j.is_active(), store::events_after(conn, &job_id, after)?))
                            }
                            None => None,
                        })
                    })
                    .await;
                match checked {
                    Ok(Some((active, events))) => {
                        if !active && events.is_empty() {
                            return None;
                        }
                        s.pending.extend(events);
                    }
                    _ => return None,
                }
                continue;
            }
        };
        match received {
            Ok(e) => {
                if e.event.job_id == s.job_id && e.id > s.last_id {
                    s.pending.push_back((e.id, e.event.clone()));
                }
            }
            Err(RecvError::Lagged(_)) => {
                // Fell behind the broadcast: re-read the gap from the database.
                let job_id = s.job_id.clone();
                let after = s.last_id;
                match s
                    .inner
                    .db
                    .call(move |conn| store::events_after(conn, &job_id, after))
                    .await
                {
                    Ok(events) => s.pending.extend(events),
                    Err(_) => return None,
                }
            }
            Err(RecvError::Closed) => return None,
        }
    }
}
