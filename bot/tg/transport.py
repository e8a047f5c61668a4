"""Provides ``AiohttpRequest``: python-telegram-bot's HTTP transport on an aiohttp client.

python-telegram-bot sends through ``BaseRequest.do_request`` and does everything else itself
(JSON encoding, status codes to ``TelegramError``s, retries in the rate limiter). Its default,
``HTTPXRequest``, spends most of a reply's CPU time in httpx, httpcore and anyio; aiohttp's
C-accelerated client does the same request for far less, which is what lets one core keep up
with a burst of updates (see the Telegram benchmark in the README). Behaviour matches
``HTTPXRequest`` where it matters: the same timeouts (aiohttp has no write timeout, so a
write is bounded by the read timeout), ``TimedOut`` for timeouts, including waiting for a free
connection, and ``NetworkError`` for every other transport failure. A proxy comes from the
environment as aiohttp's ``trust_env`` reads it (``HTTPS_PROXY`` for https URLs, ``HTTP_PROXY``
for http, ``NO_PROXY`` honoured, credentials in the proxy URL), read once per host when the
session opens rather than on every request: ``trust_env`` itself reads the environment and
``~/.netrc`` in worker threads for each request, which cost about a tenth of the bot's CPU time
under load (see docs/benchmarks.md). ``.netrc`` is not read, as with httpx.

Failures say whether the request can have reached Telegram, because a reply that might have
been delivered must never be sent again: ``NotSent`` (connection refused, no connection in
time) and ``ServerError`` (a 5xx answer) are safe to retry; ``TimedOut`` on a read and a
dropped connection are not. Only python-telegram-bot's public API is used. Two hooks let the
inbox follow a reply: ``ON_SEND`` runs just before the request body is written to the socket
(aiohttp's chunk-sent trace, which runs with no await before the write), ``ON_SENT`` when the
server has answered 2xx.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0  # python-telegram-bot's own default for read, write, connect and pool

# Called with the Bot API method name just before a request's body is written (bot.tg.delivery).
ON_SEND: ContextVar[Callable[[str], None] | None] = ContextVar("pressbot_on_send", default=None)
# Called with the method name when the server has answered 2xx (the request took effect).
ON_SENT: ContextVar[Callable[[str], None] | None] = ContextVar("pressbot_on_sent", default=None)


class NotSent(NetworkError):
    """The request never reached the server (refused, or no connection in time): retry-safe."""


class ConnectTimedOut(TimedOut, NotSent):
    """No connection (or no free pooled connection) in time: nothing was sent."""


class ServerError(NetworkError):
    """The server answered with a 5xx status: it did not take the request."""


def _given(value: object, default: float | None) -> float | None:
    """A timeout argument: python-telegram-bot passes a marker object for "use the default"."""
    if value is None or isinstance(value, int | float):
        return value
    return default


def env_proxy(url: str) -> str | None:
    """The proxy the environment names for ``url``, as aiohttp's ``trust_env`` chooses it: the
    variable for the URL's scheme, unless ``NO_PROXY`` covers the host. Credentials stay in the
    proxy URL, where aiohttp reads them. An https:// proxy is not supported by aiohttp and is
    ignored with a warning (which never shows the credentials)."""
    parts = urlsplit(url)
    if parts.hostname is None or proxy_bypass(parts.hostname):
        return None
    given = getproxies().get(parts.scheme)
    if not given:
        return None
    proxy = urlsplit(given)
    if proxy.scheme in ("https", "wss"):
        log.warning("%s proxies are not supported, ignoring %s", proxy.scheme.upper(),
                    proxy.hostname)
        return None
    return given


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded connection pool, opened by ``initialize``."""

    __slots__ = ("_connect", "_pool", "_pool_size", "_proxies", "_read", "_session")

    def __init__(
        self,
        connection_pool_size: int = 8,
        *,
        read_timeout: float | None = DEFAULT_TIMEOUT,
        connect_timeout: float | None = DEFAULT_TIMEOUT,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read = read_timeout
        self._connect = connect_timeout
        self._pool = pool_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        """Open the session; it must be created inside the running event loop."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0)
            trace = aiohttp.TraceConfig()
            trace.on_request_chunk_sent.append(_about_to_write)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT},
                trace_configs=[trace],
            )
            self._proxies = {}  # the environment is read again for a new session

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _timeout(self, read: object, connect: object, pool: object) -> aiohttp.ClientTimeout:
        sock_read = _given(read, self._read)
        sock_connect = _given(connect, self._connect)
        waiting = _given(pool, self._pool)
        # aiohttp's ``connect`` covers waiting for a pooled connection and opening a new one.
        acquire = None if waiting is None or sock_connect is None else waiting + sock_connect
        return aiohttp.ClientTimeout(total=None, connect=acquire, sock_connect=sock_connect,
                                     sock_read=sock_read)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request and return the status code and body (see ``BaseRequest``)."""
        status, body = await self.raw(method, url, _body(request_data),
                                      self._timeout(read_timeout, connect_timeout, pool_timeout))
        if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            raise ServerError(f"{_phrase(status)} ({status})")
        done = ON_SENT.get()
        if done is not None and HTTPStatus.OK <= status < HTTPStatus.MULTIPLE_CHOICES:
            done(url.rsplit("/", 1)[-1])
        return status, body

    async def raw(self, method: str, url: str, data: Any,
                  timeout: aiohttp.ClientTimeout | None = None) -> tuple[int, bytes]:
        """One HTTP request: the status and body, or NotSent / TimedOut / NetworkError."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        timeout = timeout or self._timeout(self._read, self._connect, self._pool)
        parts = urlsplit(url)
        where = (parts.scheme, parts.netloc)
        if where not in self._proxies:
            self._proxies[where] = env_proxy(url)
        try:
            async with self._session.request(method, url, data=data, timeout=timeout,
                                             proxy=self._proxies[where]) as resp:
                return resp.status, await resp.read()
        except aiohttp.ConnectionTimeoutError as err:
            raise ConnectTimedOut("Timed out waiting for a connection") from err
        except (TimeoutError, aiohttp.ServerTimeoutError) as err:
            raise TimedOut from err
        except aiohttp.ClientConnectorError as err:
            raise NotSent(f"aiohttp.{type(err).__name__}: {err}") from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from err


async def _about_to_write(_session: aiohttp.ClientSession, _ctx: object,
                         params: aiohttp.TraceRequestChunkSentParams) -> None:
    """aiohttp calls this just before a body chunk is handed to the socket, with no await in
    between: the latest moment to say "this request is leaving" (see bot.tg.inflight)."""
    hook = ON_SEND.get()
    if hook is not None:
        hook(params.url.path.rsplit("/", 1)[-1])


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Server error"


def _body(request_data: RequestData | None) -> Any:
    """The parameters as one JSON body (python-telegram-bot's ``json_payload``), which the Bot
    API accepts for every request without files; multipart when files are attached. (A form
    body costs about a third more of the bot's CPU per message: each value is JSON-encoded by
    python-telegram-bot, then URL-quoted character by character.)"""
    if request_data is None:
        return None
    if not request_data.contains_files:
        payload = request_data.json_payload
        return None if payload == b"{}" else aiohttp.BytesPayload(
            payload, content_type="application/json")
    fields = request_data.json_parameters
    files = request_data.multipart_data
    form = aiohttp.FormData(quote_fields=False)
    for name, value in fields.items():
        form.add_field(name, value)
    for name, part in files.items():
        if isinstance(part, tuple):
            filename, content, *rest = part
            form.add_field(name, content, filename=filename,
                           content_type=rest[0] if rest else None)
        else:
            form.add_field(name, part, filename=name)
    return form
