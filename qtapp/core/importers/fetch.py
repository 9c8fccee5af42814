"""Fetching a page or file by its address, with a timeout, a size limit and plain messages."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import ImportFailed
from ..files import MAX_IMPORT_BYTES, too_large_message

USER_AGENT = "Verbatim/0.1 (quote and source manager)"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str
    """The final address, after redirects."""
    data: bytes
    content_type: str
    """The media type the server declared, lower case, without parameters ("text/html")."""


def is_address(text: str) -> bool:
    """True for an http(s) address, the only kind Verbatim fetches."""
    parts = urlsplit(str(text).strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def fetch(url: str, *, timeout: float = 10) -> Fetched:
    """Download ``url`` (at most :data:`MAX_IMPORT_BYTES`), giving up after ``timeout`` seconds without an answer.

    :raises ImportFailed: offline, no such host, an error status, too slow or too large.
    """
    url = url.strip()
    host = urlsplit(url).hostname or url
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_IMPORT_BYTES:
                raise ImportFailed(too_large_message(url, int(declared)))
            data = _read_capped(response, url)
            content_type = response.headers.get_content_type().lower()
            final_url = response.geturl() or url
    except urllib.error.HTTPError as e:
        raise ImportFailed(f"{host} answered “{e.code} {e.reason}” for {url}. "
                           "Check the address, or save the page from your browser and import the file.") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise ImportFailed(_timeout_message(host, timeout)) from None
        if isinstance(reason, socket.gaierror):
            raise ImportFailed(f"Could not find {host}. Check the address and that you are online.") from None
        raise ImportFailed(f"Could not reach {host} ({reason}). Check the address and that you are online.") from None
    except TimeoutError:
        raise ImportFailed(_timeout_message(host, timeout)) from None
    except (OSError, ValueError) as e:
        raise ImportFailed(f"Could not fetch {url} ({e}). Check the address and that you are online.") from None
    return Fetched(final_url, data, content_type)


def _read_capped(response, url: str) -> bytes:
    """Read in chunks and stop past the limit, so an endless or huge answer never fills memory."""
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > MAX_IMPORT_BYTES:
            raise ImportFailed(too_large_message(url, size))
        chunks.append(chunk)
    return b"".join(chunks)


def _timeout_message(host: str, timeout: float) -> str:
    return (f"{host} did not answer within {timeout:g} seconds. Check that you are online and try again, "
            "or save the page from your browser and import the file.")
