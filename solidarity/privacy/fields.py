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


_fernets: dict[tuple, object] = {}


def file_fernet():
    """The Fernet (MultiFernet when keys rotate) of the encrypted fields, for files' bytes.

    The same keys as django-fernet-encrypted-fields: its ``EncryptedFieldMixin.f``
    derives one key per (SECRET_KEY or a fallback) × SALT_KEY by PBKDF2, the first
    encrypting and all decrypting. Taken from a field instance so the derivation
    stays the library's; cached by the settings it depends on (PBKDF2 is slow on purpose).
    """
    from django.conf import settings

    settings_key = (
        settings.SECRET_KEY,
        tuple(getattr(settings, "SECRET_KEY_FALLBACKS", ()) or ()),
        tuple(settings.SALT_KEY) if isinstance(settings.SALT_KEY, list) else settings.SALT_KEY,
    )
    if settings_key not in _fernets:
        _fernets.clear()
        _fernets[settings_key] = EncryptedCharField(max_length=1).f
    return _fernets[settings_key]
