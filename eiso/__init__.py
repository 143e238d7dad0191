"""eISO — ISO điện tử: the electronic TCVN ISO 9001:2015 QMS of a Vietnamese state agency."""

from .celery import app as celery_app

__all__ = ["celery_app"]
