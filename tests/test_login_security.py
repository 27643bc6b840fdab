"""Login attacks of issue 17 (findings 2 and 3), on both engines: parallel guesses, user-name
enumeration, lockout of an account from another address, audit flooding, and typed names kept
out of the audit log."""
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from data_access import schema
from data_access.users import authenticate, create_user

NOW = dt.datetime(2024, 11, 20, 3, 0)
GOOD = "rahasia-panjang-1"
T = schema.LoginThrottle


def test_24_parallel_wrong_guesses_lock_the_account(db):
    """Finding 2: failures were read, argon2 ran (~180 ms), then failures+1 was written back, so
    parallel guesses overwrote each other and the account never locked. Now every guess is counted."""
    create_user(db, "budi", "Budi", "pimpinan", GOOD)
    with ThreadPoolExecutor(max_workers=24) as pool:
        results = list(pool.map(lambda i: authenticate(db, "budi", f"salah-{i}", now=NOW), range(24)))
    assert all(r.user is None for r in results)
    # the right password from the same place is refused for a while afterwards
    assert authenticate(db, "budi", GOOD, now=NOW + dt.timedelta(seconds=1)).user is None
    # By hand (max_failed_logins = 5): attempts 1-4 leave the address free to try again, the 5th
    # holds it for 60 s; each attempt is counted before its password is checked, so exactly five
    # were checked and 19 were held up, whatever order the threads ran in.
    messages = sorted(r.message for r in results)
    assert messages == ["Nama pengguna atau kata sandi salah."] * 5 + \
        ["Terlalu banyak percobaan gagal. Coba lagi dalam 1 menit."] * 19
    with db.connect() as c:
        assert c.execute(select(T.subject, T.address, T.failures)).all() == [("budi", "lokal", 5)]
