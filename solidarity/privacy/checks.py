from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_SALT_KEY = "local-only-solidarity-salt"


@register(Tags.security, deploy=True)
def encryption_salt_is_set(app_configs, **kwargs):
    """Production encrypts sensitive personal data under its own salt, never the local one."""
    salts = settings.SALT_KEY if isinstance(settings.SALT_KEY, list) else [settings.SALT_KEY]
    if LOCAL_SALT_KEY in salts[:1]:
        return [
            Error(
                "FIELD_ENCRYPTION_SALT is not set: sensitive personal data would be encrypted "
                "under the local development salt.",
                hint="Set FIELD_ENCRYPTION_SALT to a long random value and keep it with SECRET_KEY.",
                id="solidarity.E101",
            )
        ]
    return []
