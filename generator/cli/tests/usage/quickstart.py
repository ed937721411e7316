"""The usage the SDK is designed for (issue #2), type-checked against sdks/python."""

from pathlib import Path

from video_transcriber import AsyncClient, Client, NotFoundError


def main() -> None:
    client = Client()  # key from VT_API_KEY, or Client(api_key=...)
    session = client.sessions.create(name="Weekly sync")
    client.sessions.upload(session.id, video=Path("sync.mp4"))
    client.sessions.transcribe(session.id, language="en")
    for event in client.sessions.progress(session.id):
        print(event.percent)
    print(client.sessions.transcript(session.id).text)
    for s in client.sessions.list(limit=50):  # every page, fetched as needed
        print(s.name, s.status)
    client.sessions.update(session.id, description=None)  # explicit null clears it
    try:
        client.sessions.get("missing")
    except NotFoundError as e:
        print(e.status_code, e.request_id)


async def amain() -> None:
    client = AsyncClient(api_key="sk_test", environment="sandbox")
    async for s in client.sessions.list(limit=10):
        print(s.id)
