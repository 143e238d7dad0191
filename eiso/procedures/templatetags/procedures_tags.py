from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def limit_number(value: Decimal | int | float | None) -> str:
    """10.00 → "10", 0.50 → "0,5" (in the active language's decimal separator)."""
    if value is None:
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return str(int(number))
    return formats.number_format(number.normalize(), use_l10n=True)
