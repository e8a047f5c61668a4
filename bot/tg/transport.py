"""Provides ``AiohttpRequest``: python-telegram-bot's HTTP transport on an aiohttp client.

python-telegram-bot sends through ``BaseRequest.do_request`` and does everything else itself
(JSON encoding, status codes to ``TelegramError``s, retries in the rate limiter). Its default,
``HTTPXRequest``, spends most of a reply's CPU time in httpx, httpcore and anyio; aiohttp's
C-accelerated client does the same request for far less, which is what lets one core keep up
with a burst of updates (see the Telegram benchmark in the README). Behaviour matches
``HTTPXRequest`` where it matters: the same timeouts (aiohttp has no write timeout, so a
write is bounded by the read timeout), ``TimedOut`` for timeouts, including waiting for a free
connection, and ``NetworkError`` for every other transport failure. Proxies come from the usual
``HTTPS_PROXY``/``ALL_PROXY`` variables, as with httpx.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_TIMEOUT = 5.0  # python-telegram-bot's own default for read, write, connect and pool


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded connection pool, opened by ``initialize``."""

    __slots__ = ("_connect", "_pool", "_pool_size", "_read", "_session")

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

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        """Open the session; it must be created inside the running event loop."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0)
            self._session = aiohttp.ClientSession(
                connector=connector, trust_env=True, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _timeout(self, read: ODVInput[float], connect: ODVInput[float],
                 pool: ODVInput[float]) -> aiohttp.ClientTimeout:
        sock_read = self._read if isinstance(read, DefaultValue) else read
        sock_connect = self._connect if isinstance(connect, DefaultValue) else connect
        waiting = self._pool if isinstance(pool, DefaultValue) else pool
        # aiohttp's ``connect`` covers waiting for a pooled connection and opening a new one.
        acquire = None if waiting is None or sock_connect is None else waiting + sock_connect
        return aiohttp.ClientTimeout(total=None, connect=acquire, sock_connect=sock_connect,
                                     sock_read=sock_read)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request and return the status code and body (see ``BaseRequest``)."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        data = _body(request_data)
        timeout = self._timeout(read_timeout, connect_timeout, pool_timeout)
        try:
            async with self._session.request(method, url, data=data, timeout=timeout) as resp:
                return resp.status, await resp.read()
        except (TimeoutError, aiohttp.ServerTimeoutError) as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from err


def _body(request_data: RequestData | None) -> Any:
    """Form fields as python-telegram-bot encodes them; multipart when files are attached."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    files = request_data.multipart_data
    if not files:
        return fields or None
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
