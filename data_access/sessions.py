"""Login sessions kept in the database (issue 20): pure SQL, no Streamlit.

A browser that logs in gets a random token in a signed cookie (``ui.cookies``); the database keeps
one ``login_session`` row per login, named by the token's SHA-256 (never the token itself, so a
copy of the database or a backup opens no session). Because the row is in the database, every
server process behind the load balancer sees the same sessions, and a reload, a second tab or a
shared link of the same browser is still logged in.

A session is valid while all of these hold (checked by ``lookup``, at the given time ``now``):

- it is not revoked (``revoke``: "Keluar"; ``revoke_user``: the account disabled);
- ``now`` is before ``expires_at``, fixed at login: ``[access] session_absolute_hours`` after it,
  or ``layar_session_days`` for the wall-screen role ``layar``;
- the account exists and is active (a disabled account's rows are revoked too, but the join makes
  sure even a row missed by that is refused);
- it was active within ``[access] session_idle_minutes`` (``last_seen_at``), except for the role
  ``layar``, which never ends on idle. The idle rule follows the account's CURRENT role.

``lookup(..., touch=True)`` records the user's own activity; the app's own reruns (slideshow, live
redraw) look up with ``touch=False`` so that a screen left alone still expires. Touches closer
together than ``TOUCH_EVERY`` are not written (one write per user action would be wasted on a
30-minute rule).

``secret_key`` gives the key cookies are signed with: PANTAU_SECRET_KEY when set, else a random key
made once and stored in ``app_secret`` (the first process to need it wins; all others read it).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

import config
from data_access import schema

S, U, SECRET = schema.LoginSession, schema.AppUser, schema.AppSecret
WALL_SCREEN = "layar"
TOUCH_EVERY = dt.timedelta(seconds=30)
SECRET_ENV = "PANTAU_SECRET_KEY"
_SECRET_NAME = "cookie_signing_key"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    """What the database stores of a session token (hex SHA-256: the token is 256 random bits, so
    a plain hash is enough; no salt or slow hash is needed against guessing)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Session:
    """A valid session as looked up: the account as it is now and the row's times."""

    token_hash: str
    username: str
    full_name: str
    role: str
    kecamatan_scope: tuple[str, ...]  # empty: every kecamatan
    created_at: dt.datetime
    last_seen_at: dt.datetime
    expires_at: dt.datetime


def lifetime(role: str) -> dt.timedelta:
    """How long after its login a session of ``role`` ends at the latest."""
    access = config.get().access
    if role == WALL_SCREEN:
        return dt.timedelta(days=access.layar_session_days)
    return dt.timedelta(hours=access.session_absolute_hours)


def idle_limit(role: str) -> dt.timedelta | None:
    """How long without activity a session of ``role`` may stay (None: never ends on idle)."""
    if role == WALL_SCREEN:
        return None
    return dt.timedelta(minutes=config.get().access.session_idle_minutes)


def create(engine: Engine, username: str, role: str, *, address: str | None = None,
           now: dt.datetime | None = None) -> str:
    """Open a session for ``username`` (already authenticated) and return its token, which only
    the browser's cookie will hold."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(insert(S), {"token_hash": token_hash(token), "username": username, "created_at": now,
                                 "last_seen_at": now, "expires_at": now + lifetime(role),
                                 "revoked_at": None, "address": (address or "")[:64] or None})
    return token


def lookup(engine: Engine, token: str, *, touch: bool = True, now: dt.datetime | None = None) -> Session | None:
    """The valid session named by ``token`` (None when unknown, revoked, expired or its account
    disabled); with ``touch``, records ``now`` as its last activity."""
    return check(engine, token, touch=touch, now=now)[0]


def check(engine: Engine, token: str, *, touch: bool = True,
          now: dt.datetime | None = None) -> tuple[Session | None, str]:
    """``lookup`` with the reason: (session, "valid") or (None, one of "unknown", "revoked",
    "disabled", "expired" (absolute), "idle")."""
    if not token:
        return None, "unknown"
    return check_hash(engine, token_hash(token), touch=touch, now=now)


def check_hash(engine: Engine, key: str, *, touch: bool = True,
               now: dt.datetime | None = None) -> tuple[Session | None, str]:
    """``check`` by the stored hash (what a script run keeps of its session between runs)."""
    now = now or _now()
    with engine.connect() as conn:
        row = conn.execute(
            select(S.token_hash, S.username, S.created_at, S.last_seen_at, S.expires_at, S.revoked_at,
                   U.full_name, U.role, U.kecamatan_scope, U.active)
            .join(U, U.username == S.username).where(S.token_hash == key)).mappings().first()
    if row is None:
        return None, "unknown"
    if row["revoked_at"] is not None:
        return None, "revoked"
    if not row["active"]:
        return None, "disabled"
    if now >= row["expires_at"]:
        return None, "expired"
    limit = idle_limit(row["role"])
    if limit is not None and now - row["last_seen_at"] > limit:
        return None, "idle"
    seen = row["last_seen_at"]
    # a touch is written at most every TOUCH_EVERY (or a tenth of the idle limit, if shorter)
    if touch and now - seen >= min(TOUCH_EVERY, limit / 10 if limit is not None else TOUCH_EVERY):
        with engine.begin() as conn:
            conn.execute(update(S).where(S.token_hash == key, S.revoked_at.is_(None)).values(last_seen_at=now))
        seen = now
    scope = tuple(c for c in (row["kecamatan_scope"] or "").split(",") if c)
    return Session(key, row["username"], row["full_name"], row["role"], scope,
                   row["created_at"], seen, row["expires_at"]), "valid"


def revoke(engine: Engine, token: str, *, now: dt.datetime | None = None) -> str | None:
    """End the session named by ``token`` (in every tab and process); returns its user name, or
    None when there was no such open session."""
    return revoke_hash(engine, token_hash(token), now=now) if token else None


def revoke_hash(engine: Engine, key: str, *, now: dt.datetime | None = None) -> str | None:
    """``revoke`` by the stored hash (what a script run keeps of its session)."""
    with engine.begin() as conn:
        username = conn.execute(select(S.username).where(S.token_hash == key, S.revoked_at.is_(None))).scalar()
        if username is not None:
            conn.execute(update(S).where(S.token_hash == key).values(revoked_at=now or _now()))
    return username


def revoke_user(target: Engine | Connection, username: str, *, now: dt.datetime | None = None) -> int:
    """End every open session of ``username`` (account disabled); returns how many."""
    stmt = (update(S).where(S.username == username, S.revoked_at.is_(None))
            .values(revoked_at=now or _now()))
    if isinstance(target, Connection):
        return target.execute(stmt).rowcount
    with target.begin() as conn:
        return conn.execute(stmt).rowcount


def secret_key(engine: Engine) -> bytes:
    """The cookie-signing key: PANTAU_SECRET_KEY, else the deployment's own stored key (made once)."""
    configured = os.environ.get(SECRET_ENV, "").strip()
    if configured:
        return configured.encode("utf-8")
    with engine.connect() as conn:
        stored = conn.execute(select(SECRET.value).where(SECRET.name == _SECRET_NAME)).scalar()
    if stored is None:
        try:
            with engine.begin() as conn:
                conn.execute(insert(SECRET), {"name": _SECRET_NAME, "value": secrets.token_urlsafe(48)})
        except IntegrityError:
            pass  # another process made it first: use theirs
        with engine.connect() as conn:
            stored = conn.execute(select(SECRET.value).where(SECRET.name == _SECRET_NAME)).scalar_one()
    return stored.encode("utf-8")
