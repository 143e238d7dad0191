"""Settings for the test suite: the real settings with a fast password hasher and in-memory e-mail."""

from eiso import settings as _base

globals().update({name: getattr(_base, name) for name in dir(_base) if name.isupper()})

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = _base.VAR_DIR / "test-media"
EISO_JOBS_MODE = "sync"
