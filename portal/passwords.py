"""argon2id password hashes; cost tunable in settings so the test suite stays quick."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hashers = {}


def hasher(settings=None):
    settings = settings or {}
    key = (int(settings.get("auth.argon2_time_cost", 3)), int(settings.get("auth.argon2_memory_cost", 65536)))
    if key not in _hashers:
        _hashers[key] = PasswordHasher(time_cost=key[0], memory_cost=key[1])
    return _hashers[key]


def hash_password(password, settings=None):
    return hasher(settings).hash(password)


def check_password(user, password, settings=None):
    if user is None or not user.password_hash:
        hasher(settings).hash(password)  # same work whether or not the account exists
        return False
    try:
        hasher(settings).verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    if hasher(settings).check_needs_rehash(user.password_hash):
        stamp = user.security_stamp  # the same password, stronger hash: the account's links stay valid
        user.password_hash = hash_password(password, settings)
        user.security_stamp = stamp
    return True
