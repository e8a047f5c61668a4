"""Provides the webhook server: tornado on the webhook URL's path, hardened, with /healthz.

Telegram sends each update as a POST carrying the ``X-Telegram-Bot-Api-Secret-Token`` header
given to ``setWebhook``. The server is built to stay up when anyone else calls it:

* the path is compared literally (it is never a regular expression);
* the secret header is checked before a byte of the body is read (403; a body is never kept,
  one over the limit never read);
  refusals are logged as one summary line a minute, not one line each;
* bodies over ``MAX_BODY`` get 413 (declared lengths before reading, chunked ones as they come);
* headers must arrive within ``HEADER_TIMEOUT`` and a body within ``BODY_TIMEOUT``;
* at most ``MAX_CONNECTIONS`` are open: a new one closes the oldest, so stalled clients
  cannot lock out Telegram or the health check;
* a body that is not a JSON object with an integer ``update_id`` (including JSON nested too
  deep to parse) gets 400.

An accepted update is stored in the inbox before the 200, and handled from there.
``GET /healthz`` answers 200 with the health verdict (``bot.health``) or 503.
Tornado comes with ``python-telegram-bot[webhooks]``, so this adds no dependency.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream
from tornado.netutil import bind_sockets
from tornado.web import Application as WebApplication
from tornado.web import HTTPError, RequestHandler, stream_request_body

from bot.tg.context import PressApp

if TYPE_CHECKING:
    from bot.tg.runner import Service

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
MAX_BODY = 256 * 1024  # Telegram's updates are a few KiB
HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 10.0
MAX_CONNECTIONS = 256  # well under the usual 1,024 open files
WARN_EVERY = 60.0  # seconds between summary lines about refused requests


class RefusalLog:
    """Counts refused requests; logs the first at once, then one summary line a minute."""

    def __init__(self, every: float = WARN_EVERY) -> None:
        self.every = every
        self.count = 0
        self._since = 0.0

    def refused(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self.count += 1
        if self._since == 0.0 or now - self._since >= self.every:
            log.warning("Webhook: %d requests with a missing or wrong secret refused%s",
                        self.count, "" if self._since == 0.0 else
                        f" in the last {now - self._since:.0f}s")
            self.count = 0
            self._since = now


class BoundedHTTPServer(HTTPServer):
    """An HTTPServer that keeps at most ``limit`` connections, closing the oldest for a new one."""

    def initialize(self, *args: Any, limit: int = MAX_CONNECTIONS, **kwargs: Any) -> None:
        super().initialize(*args, **kwargs)
        self.limit = limit
        self.streams: OrderedDict[int, IOStream] = OrderedDict()
        self.evicted = 0

    @property
    def open_connections(self) -> int:
        """Connections currently open."""
        return sum(1 for s in self.streams.values() if not s.closed())

    def handle_stream(self, stream: IOStream, address: tuple[Any, ...]) -> None:
        for key in [k for k, s in self.streams.items() if s.closed()]:
            del self.streams[key]
        while len(self.streams) >= self.limit:
            _, oldest = self.streams.popitem(last=False)
            oldest.close()
            self.evicted += 1
        self.streams[id(stream)] = stream
        super().handle_stream(stream, address)


class WebhookServer:
    """Receives updates over HTTP and stores them in the inbox."""

    def __init__(self, app: PressApp, service: Service, *, path: str, secret: str,
                 header_timeout: float = HEADER_TIMEOUT, body_timeout: float = BODY_TIMEOUT,
                 max_connections: int = MAX_CONNECTIONS) -> None:
        self.app = app
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout
        self.max_connections = max_connections
        self.service = service
        self.path = path if path.startswith("/") else "/" + path
        self._secret = secret.encode("utf-8")
        self._http: BoundedHTTPServer | None = None
        self.refusals = RefusalLog()
        self.accepting = False
        self.port = 0

    def web_app(self) -> WebApplication:
        """One catch-all route: the handler compares the path itself, literally."""
        return WebApplication([(r"/.*", WebhookHandler, {"server": self})],
                              log_function=lambda handler: None)

    async def start(self, listen: str, port: int) -> None:
        """Listen on ``listen:port`` (port 0 picks a free one, stored in ``self.port``)."""
        sockets = bind_sockets(port, address=listen)
        self._http = BoundedHTTPServer(
            self.web_app(), max_body_size=MAX_BODY + 1,
            idle_connection_timeout=self.header_timeout, body_timeout=self.body_timeout,
            max_buffer_size=2 * MAX_BODY, limit=self.max_connections,
        )
        self._http.add_sockets(sockets)
        self.port = int(sockets[0].getsockname()[1])
        self.accepting = True
        for name in ("tornado.general", "tornado.application", "tornado.access"):
            logging.getLogger(name).setLevel(logging.ERROR)  # a flood must not flood the log
        log.info("Webhook server listening on %s:%d%s", listen, self.port, self.path)

    @property
    def http(self) -> BoundedHTTPServer | None:
        """The HTTP server while listening."""
        return self._http

    async def stop_accepting(self) -> None:
        """Answer 503 to new updates (Telegram delivers them again later)."""
        self.accepting = False

    async def stop(self) -> None:
        """Stop listening and close every connection."""
        if self._http is not None:
            self._http.stop()
            await self._http.close_all_connections()
            self._http = None

    def authorised(self, given: str | None) -> bool:
        """Constant-time comparison of the secret header with ours."""
        return hmac.compare_digest((given or "").encode("utf-8"), self._secret)

    def receive(self, body: bytes) -> tuple[int, str]:
        """Parse an authorised body and store it in the inbox; returns (status, text)."""
        if not self.accepting:
            return 503, "Shutting down"
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return 400, "Bad Request: not JSON"
        uid = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(uid, int) or isinstance(uid, bool):
            return 400, "Bad Request: not an update"
        self.service.inbox.add([(uid, body.decode("utf-8"))])
        self.service.received(1, uid)
        return 200, "OK"


def _declared_length(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return MAX_BODY + 1  # tornado refuses these itself; never read them


@stream_request_body
class WebhookHandler(RequestHandler):
    """Every request: /healthz, or a POST on the webhook path; 404 anywhere else."""

    def initialize(self, server: WebhookServer) -> None:
        self.server = server
        self.chunks: list[bytes] = []
        self.size = 0
        self.refusal: tuple[int, str] | None = None

    def _stop(self, status: int, text: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(text)

    def _judge(self) -> tuple[int, str] | None:
        """The refusal the headers alone call for, if any."""
        path, method = self.request.path, self.request.method
        if path == HEALTH_PATH:
            return None if method == "GET" else (405, "Method Not Allowed")
        if path != self.server.path:
            return 404, "Not Found"
        if method != "POST":
            return 405, "Method Not Allowed"
        if not self.server.authorised(self.request.headers.get(SECRET_HEADER)):
            self.server.refusals.refused()
            return 403, "Forbidden"
        if _declared_length(self.request.headers.get("Content-Length")) > MAX_BODY:
            return 413, "Payload Too Large"
        return None

    def prepare(self) -> None:
        """Decide on the headers alone, before any of the body is read. A refused body over
        the limit is never read (the connection is closed); a small one is read and dropped,
        so that an ordinary client sees the status rather than a reset connection."""
        self.refusal = self._judge()
        if self.refusal is None:
            return
        self.set_header("Connection", "close")
        if _declared_length(self.request.headers.get("Content-Length")) > MAX_BODY or (
            "Content-Length" not in self.request.headers
            and "Transfer-Encoding" in self.request.headers
        ):
            self._stop(*self.refusal)

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > MAX_BODY:
            raise HTTPError(413)
        if self.refusal is None:
            self.chunks.append(chunk)

    def get(self) -> None:
        """GET /healthz (or a refusal)."""
        self._answer()

    def post(self) -> None:
        """POST on the webhook path (or a refusal)."""
        self._answer()

    def _answer(self) -> None:
        if self.refusal is not None:
            self._stop(*self.refusal)
        elif self.request.path == HEALTH_PATH:
            self._health()
        else:
            self._stop(*self.server.receive(b"".join(self.chunks)))

    def _health(self) -> None:
        """200 with the verdict while healthy, 503 otherwise."""
        verdict = self.server.service.verdict()
        ok = verdict.ok and self.server.accepting
        self.set_status(200 if ok else 503)
        self.finish({"status": "ok" if ok else "unhealthy", "detail": verdict.line})
