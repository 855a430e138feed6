"""Differential test: random keys and bodies, our sign/verify/body_sha256
against Python's own hmac and hashlib (seeded, so failures reproduce)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import random

import pytest

import spotdraft_kit
from spotdraft_kit import Verifier

SEED = 20261123


def reference(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha512).hexdigest()


def test_random_keys_and_bodies_agree_with_hmac() -> None:
    rng = random.Random(SEED)
    for _ in range(300):
        # Key lengths around SHA-512's 128-byte block: shorter keys are
        # padded, longer ones hashed first.
        key = rng.randbytes(rng.choice([1, 16, 32, 64, 127, 128, 129, 200]))
        body = rng.randbytes(rng.choice([0, 1, 63, 64, 111, 112, 128, 1000, 4095, 4096, 70_000]))
        want = reference(key, body)
        text_key = base64.b64encode(key).decode()
        if len(key) >= 16:
            assert spotdraft_kit.sign(text_key, body) == want
        else:
            # A base64 key under 16 bytes is a configuration error unless allowed.
            with pytest.raises(spotdraft_kit.InvalidKeyError):
                spotdraft_kit.sign(text_key, body)
        assert spotdraft_kit.sign(key, body) == want
        assert spotdraft_kit.body_sha256(body) == hashlib.sha256(body).hexdigest()
        v = Verifier([base64.b64encode(rng.randbytes(64)).decode(), text_key], allow_short_keys=True)
        assert v.verify(body, want) == 1
        # Any single flipped bit in the body or the signature is refused.
        if body:
            i = rng.randrange(len(body))
            flipped = body[:i] + bytes([body[i] ^ (1 << rng.randrange(8))]) + body[i + 1 :]
            assert not v.is_valid(flipped, want)
        j = rng.randrange(len(want))
        wrong = want[:j] + ("0" if want[j] != "0" else "1") + want[j + 1 :]
        assert not v.is_valid(body, wrong)


def test_random_utf8_secrets_agree_with_hmac() -> None:
    rng = random.Random(SEED + 1)
    alphabet = "abcXYZ019-_ !é€𝄞"
    for _ in range(100):
        secret = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80)))
        body = rng.randbytes(rng.randrange(0, 3000))
        want = reference(secret.encode(), body)
        assert spotdraft_kit.sign(secret, body, encoding="utf8") == want
        assert Verifier(secret, encoding="utf8").verify(body, want.upper()) == 0
