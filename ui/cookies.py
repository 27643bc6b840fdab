"""The login cookies: names, signing, the login form's CSRF token and the safe return path.

Pure functions (no Streamlit, no database): the HTTP routes (``ui.routes``) and the script run
(``ui.auth``) both use them with the deployment's key (``data_access.sessions.secret_key``).

- ``pantau_sesi``: the session token plus its HMAC-SHA256 signature. HttpOnly (page scripts cannot
  read it), SameSite=Lax (a cross-site POST does not carry it), Secure behind HTTPS. The signature
  lets a forged or truncated cookie be refused before any database read; the database row it
  names (by the token's hash) is what makes it valid.
- ``pantau_csrf``: a random value every browser gets with its first page (``ui.routes`` middleware).
  The login and logout forms carry ``csrf_token(key, that value)``; the routes accept a POST only
  when the form's token matches the request's own cookie (double submit, bound by the key): another
  site can make a browser POST but can neither read the cookie nor compute the token.
- ``pantau_pesan``: a one-minute signed message for the login form (wrong password, wait).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from urllib.parse import urlencode, urlsplit

SESSION = "pantau_sesi"
CSRF = "pantau_csrf"
MESSAGE = "pantau_pesan"
MESSAGE_SECONDS = 60


def _mac(key: bytes, purpose: str, value: str) -> str:
    digest = hmac.new(key, f"{purpose}|{value}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def sign_session(key: bytes, token: str) -> str:
    return f"{token}.{_mac(key, 'sesi', token)}"


def session_token(key: bytes, cookie: str | None) -> str | None:
    """The token of a session cookie whose signature is right, else None."""
    token, _, mac = (cookie or "").rpartition(".")
    if token and mac and hmac.compare_digest(mac, _mac(key, "sesi", token)):
        return token
    return None


def new_csrf_cookie() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(key: bytes, csrf_cookie: str) -> str:
    """The hidden form field that goes with this browser's ``pantau_csrf`` cookie."""
    return _mac(key, "csrf", csrf_cookie)


def csrf_ok(key: bytes, csrf_cookie: str | None, submitted: str | None) -> bool:
    if not csrf_cookie or not submitted:
        return False
    return hmac.compare_digest(submitted, csrf_token(key, csrf_cookie))


def sign_message(key: bytes, text: str) -> str:
    body = base64.urlsafe_b64encode(text.encode("utf-8")).rstrip(b"=").decode("ascii")
    return f"{body}.{_mac(key, 'pesan', body)}"


def message(key: bytes, cookie: str | None) -> str | None:
    body, _, mac = (cookie or "").rpartition(".")
    if not body or not hmac.compare_digest(mac, _mac(key, "pesan", body)):
        return None
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8", errors="replace")


def safe_target(value: str | None) -> str:
    """Where to send the browser after login: a path on this site only ("/" otherwise), never
    another site (no scheme, no host, no "//host" or "/\\host" that browsers read as one)."""
    value = (value or "").strip()
    if (not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 2000
            or any(ord(c) < 33 or ord(c) == 127 for c in value)):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    return value


def page_target(url_path: str, params: list[tuple[str, str]]) -> str:
    """The path of a page with its query parameters (what the login form returns to)."""
    path = "/" + url_path.strip("/")
    return path + ("?" + urlencode(params) if params else "")


def is_https(forwarded_proto: str | None, scheme: str, always: bool) -> bool:
    """Mark cookies Secure: configured so, or the request came over HTTPS (directly, or as the
    reverse proxy says in X-Forwarded-Proto; its first entry is the visitor's side)."""
    proto = (forwarded_proto or "").split(",")[0].strip().lower()
    return always or proto == "https" or scheme == "https"


def client_address(headers, peer: str | None, header: str) -> str | None:
    """The visitor's address: the last entry of the configured proxy header (``[access]
    client_address_header``; the one the proxy itself added), else the connection's peer."""
    if header:
        forwarded = (headers.get(header) or "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return peer
