"""Fields encrypted at rest, for the sensitive personal data of Decree 356/2025/NĐ-CP.

The maintained library django-fernet-encrypted-fields (Jazzband) encrypts with
Fernet under a key derived from ``SECRET_KEY`` and ``SALT_KEY`` (settings;
both accept older keys for rotation). The database holds only ciphertext, so
these fields cannot be searched, sorted or filtered by value: keep them out of
lists, search text and indexes.
"""

from encrypted_fields.fields import EncryptedCharField, EncryptedDateTimeField, EncryptedTextField

__all__ = ["EncryptedCharField", "EncryptedTextField", "EncryptedDateTimeField", "mask"]


def mask(value: str, *, keep: int = 2) -> str:
    """``"B1234567"`` → ``"••••••67"``: enough to tell two documents apart, not to use one."""
    if not value:
        return ""
    shown = value[-keep:] if len(value) > keep + 2 else ""
    return "•" * max(len(value) - len(shown), 4) + shown
