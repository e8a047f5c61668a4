"""Provides the webhook server: tornado on the webhook URL's path, secret-checked, with /healthz.

Telegram sends each update as a POST carrying the ``X-Telegram-Bot-Api-Secret-Token`` header
given to ``setWebhook``. A request without it, or with a wrong one, gets 403 and never reaches
the bot. ``GET /healthz`` answers load balancers: 200 while the application runs, 503 otherwise.
Tornado comes with ``python-telegram-bot[webhooks]``, so this adds no dependency.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
MAX_BODY = 1 << 20  # updates are small; refuse anything over 1 MiB

AnyApp = Application[Any, Any, Any, Any, Any, Any]


class WebhookServer:
    """Receives updates over HTTP and puts them on the application's update queue."""

    def __init__(self, app: AnyApp, *, path: str, secret: str) -> None:
        self.app = app
        self.path = path if path.startswith("/") else "/" + path
        self._secret = secret.encode("utf-8")
        self._http: HTTPServer | None = None
        self.port = 0

    def web_app(self) -> WebApplication:
        """The tornado application with the webhook and health routes (no access log)."""
        routes = [
            (HEALTH_PATH, HealthHandler, {"server": self}),
            (self.path, UpdateHandler, {"server": self}),
        ]
        return WebApplication(routes, log_function=lambda handler: None)

    async def start(self, listen: str, port: int) -> None:
        """Listen on ``listen:port`` (port 0 picks a free one, stored in ``self.port``)."""
        sockets = bind_sockets(port, address=listen)
        self._http = HTTPServer(self.web_app(), max_body_size=MAX_BODY)
        self._http.add_sockets(sockets)
        self.port = int(sockets[0].getsockname()[1])
        log.info("Webhook server listening on %s:%d%s", listen, self.port, self.path)

    async def stop(self) -> None:
        """Stop accepting requests, then let the open ones finish and close."""
        if self._http is not None:
            self._http.stop()
            await self._http.close_all_connections()
            self._http = None

    def authorised(self, given: str | None) -> bool:
        """Constant-time comparison of the secret header with ours."""
        return hmac.compare_digest((given or "").encode("utf-8"), self._secret)

    async def receive(self, secret: str | None, body: bytes) -> tuple[int, str]:
        """Check the secret, parse the update and queue it; returns (status, text)."""
        if not self.authorised(secret):
            log.warning("Webhook request with a missing or wrong secret refused")
            return 403, "Forbidden"
        if not self.app.running:
            return 503, "Shutting down"
        try:
            data = json.loads(body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an update")
            update = Update.de_json(data, self.app.bot)
        except (UnicodeDecodeError, TypeError, KeyError, ValueError):
            log.warning("Webhook request with an unreadable body refused")
            return 400, "Bad Request"
        await self.app.update_queue.put(update)
        return 200, "OK"


class UpdateHandler(RequestHandler):
    """POST on the webhook path."""

    def initialize(self, server: WebhookServer) -> None:
        self.server = server

    async def post(self) -> None:
        """Hand the request to the WebhookServer and send its status."""
        secret = self.request.headers.get(SECRET_HEADER)
        status, text = await self.server.receive(secret, self.request.body)
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(text)


class HealthHandler(RequestHandler):
    """GET /healthz."""

    def initialize(self, server: WebhookServer) -> None:
        self.server = server

    def get(self) -> None:
        """200 while the application is running, 503 otherwise."""
        ok = self.server.app.running
        self.set_status(200 if ok else 503)
        self.finish({"status": "ok" if ok else "stopping"})
