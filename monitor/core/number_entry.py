"""Numbers as people type them, read in the reader's language with Babel, or refused with a message.

The rules, the same for every input where a person types a number:
- Vietnamese writes 1.234,5 (dot between thousands, comma before decimals), English 1,234.5. A space (also a
  no-break or thin space) may separate thousands: "1 234,5". Grouping must be regular (Babel's strict mode), so
  "1.234.5", "12.34,5" and "13,5,1" are refused rather than guessed.
- The other language's decimal mark is read as a decimal mark where it can be nothing else: a single "." in
  Vietnamese ("13.5", an English keyboard or a number pad) or a single "," in English ("13,5"), with none of the
  language's own decimal mark and not exactly three digits after it. "1.234" in Vietnamese and "1,234" in English
  keep Babel's reading, one thousand two hundred and thirty-four: a typed amount such as a budget target of
  "57.330" must stay 57330. Where such a number is a typo for a rate ("1.234" meant as 1,234 %), the field's
  plausible range refuses it and the message says how it was read.
- Signs: "-", "+" and the Unicode minus "−" that the dashboard's own formatted numbers carry; a trailing "%" is
  dropped (the fields are in percent or say their unit). Only the digits 0-9 count: "NaN", "1e5", "1_000" and
  other scripts' digits are refused.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal

from monitor.core.errors import Problem, ValidationError
from monitor.core.i18n import half_up, number

_SPACES = (" ", "\u00a0", "\u202f", "\u2009")   # space, no-break space, narrow no-break space, thin space
_ALLOWED = set("0123456789.,+-")


class NumberEntryError(ValidationError):
    """One or more typed numbers could not be read or are implausible; each problem names the field and the text."""


def parse_number(text: str | None, lang: str, field: str = "", low: float | None = None,
                 high: float | None = None, required: bool = True) -> float | None:
    """The number `text` means in `lang`, as a float; None for an empty optional field. Raises NumberEntryError
    (field, text, and how it was read) for empty required, malformed or out-of-range [low, high] entries."""
    raw = "" if text is None else str(text)
    cleaned = raw.strip()
    if not cleaned:
        if required:
            raise _refuse(field, raw, "entry.err.empty")
        return None
    value = _read(cleaned, lang)
    if value is None:
        raise _refuse(field, raw, "entry.err.malformed")
    number = float(value) + 0.0  # -0 reads as 0
    if (low is not None and number < low) or (high is not None and number > high):
        code = ("entry.err.range" if low is not None and high is not None
                else "entry.err.min" if low is not None else "entry.err.max")
        bounds = tuple((k, v) for k, v in (("low", low), ("high", high)) if v is not None)
        # how it was read, without grouping: '"1.234" được hiểu là 1234', not '... là 1.234'
        raise _refuse(field, raw, code, (("read", format_decimal(value, locale=lang, format="0.######")),
                                         *bounds))
    return number


def entry_text(value: float | None, lang: str, digits: int = 1) -> str:
    """A number as an input shows it in the reader's format: 12.34 -> '12,3' (vi) or '12.3' (en); None -> ''.
    parse_number reads it back as the rounded value."""
    if value is None or value != value:
        return ""
    return number(float(half_up(value, digits)) + 0.0, lang, digits)  # -0.04 shows 0,0, not -0,0


def convert_entry(text: str, before: str, after: str) -> str:
    """Typed text re-written for another language, every digit kept: '13,50' (vi) -> '13.50' (en). Text that
    cannot be read is returned as it is, so its message still quotes what was typed."""
    value = _read(str(text).strip(), before)
    if value is None:
        return text
    return number(float(value) + 0.0, after, max(0, -value.as_tuple().exponent))


def _read(text: str, lang: str) -> Decimal | None:
    text = text.replace("\u2212", "-")
    if text.endswith("%"):
        text = text[:-1].rstrip()
    decimal, group = get_decimal_symbol(lang), get_group_symbol(lang)
    other = "." if decimal == "," else ","
    if decimal not in text and text.count(other) == 1 and len(text.rsplit(other, 1)[1]) != 3:
        text = text.replace(other, decimal)  # "13.5" in Vietnamese, "13,5" in English: a decimal mark
    for space in _SPACES:  # after the decimal mark is settled: "12 5" must not become "12.5"
        text = text.replace(space, group)
    if not text or not set(text) <= _ALLOWED:
        return None
    try:
        value = parse_decimal(text, locale=lang, strict=True)
    except NumberFormatError:
        return None
    return value if value.is_finite() else None


def _refuse(field: str, text: str, code: str, extra: tuple = ()) -> NumberEntryError:
    return NumberEntryError([Problem(None, field or None, text, code, (("field", field), ("value", text), *extra))])
