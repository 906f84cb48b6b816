"""Reading an SDMX-ML 2.1 structure-specific data message with sdmx1, into plain series.

A structure-specific message names its data structure (DSD) but does not carry it, and sdmx1 needs one to tell the
series key from the series attributes: without it, it warns and takes every attribute of a <Series> for a key
dimension (UNIT_MULT and BASE_PER become part of the key). So the structure is built from the message itself: the
key dimensions of the DSD the header names, from KEYS (the IMF's ECOFIN_DSD 1.0, which the national statistics
office's NSDP files use), and every other attribute found on the message's <Series> and <Obs> elements as an
attribute. A message of a structure not in KEYS is read the way sdmx1 reads one without a structure (every series
attribute a key dimension), which loses nothing the mapping needs: it matches series by attribute name and value.

The result is numbers and codes only: `Message` (what the header says) and one `Series` per series with its fields
(key and attributes together, as written in the file) and its observations as (TIME_PERIOD, value) pairs.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from monitor.core.errors import Problem, ValidationError

# key dimensions (in order) of the data structures known here, by (agency, id, version)
KEYS = {("IMF", "ECOFIN_DSD", "1.0"): ("DATA_DOMAIN", "REF_AREA", "INDICATOR", "COUNTERPART_AREA", "FREQ")}
TIME, VALUE = "TIME_PERIOD", "OBS_VALUE"
_MESSAGE = "{http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message}"
_COMMON = "{http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common}"


@dataclass(frozen=True)
class Series:
    fields: dict                     # key dimensions and attributes as written: INDICATOR, FREQ, UNIT_MULT, ...
    observations: tuple              # ((TIME_PERIOD, value), ...) in file order; a missing value is NaN

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)


@dataclass
class Message:
    message_id: str | None
    prepared: datetime | None
    sender: str | None
    structure: str | None            # 'IMF:ECOFIN_DSD(1.0)'
    comment: str | None              # the data set's COMMENT ('Published', 'Figures Jan 2018 onward are preliminary')
    series: list[Series] = field(default_factory=list)


def _scan(raw: bytes) -> tuple[tuple | None, str | None, set[str], set[str]]:
    """The structure reference, the data set's comment, and the attribute names used on <Series> and <Obs>."""
    ref, comment, series_names, obs_names = None, None, set(), set()
    try:
        for _, element in etree.iterparse(io.BytesIO(raw), events=("start",), resolve_entities=False,
                                          no_network=True, huge_tree=False):
            tag = etree.QName(element).localname
            if tag == "Ref" and ref is None and element.getparent() is not None \
                    and element.getparent().tag == f"{_COMMON}Structure":
                ref = (element.get("agencyID"), element.get("id"), element.get("version"))
            elif tag == "DataSet":
                comment = element.get("COMMENT")
            elif tag == "Series":
                series_names |= {k for k in element.attrib if not k.startswith("{")}
            elif tag == "Obs":
                obs_names |= {k for k in element.attrib if not k.startswith("{")}
    except etree.XMLSyntaxError as exc:
        raise ValidationError([Problem(None, None, str(exc)[:200], "statistics.err.not_xml")]) from None
    return ref, comment, series_names, obs_names


def _structure(ref: tuple, series_names: set[str], obs_names: set[str]):
    """A DataStructureDefinition built from the message: the known key, everything else an attribute."""
    from sdmx.model import common, v21

    dsd = v21.DataStructureDefinition(id=ref[1], maintainer=common.Agency(id=ref[0]), version=ref[2])
    key = KEYS[ref]
    for name in key:
        dsd.dimensions.getdefault(name)
    dsd.dimensions.getdefault(TIME, cls=common.TimeDimension)
    for name in sorted((series_names | obs_names) - set(key) - {TIME, VALUE}):
        dsd.attributes.getdefault(name)
    dsd.measures.getdefault(VALUE)
    return dsd


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def read(raw: bytes) -> Message:
    """Parse a structure-specific data message; ValidationError (statistics.err.*) when it is not one."""
    import sdmx

    ref, comment, series_names, obs_names = _scan(raw)
    structure = _structure(ref, series_names, obs_names) if ref in KEYS else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "got no structure=": expected for a structure not in KEYS
            msg = sdmx.read_sdmx(io.BytesIO(raw), structure=structure) if structure is not None \
                else sdmx.read_sdmx(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - sdmx1 raises many kinds; the file is what is wrong
        raise ValidationError([Problem(None, None, f"{type(exc).__name__}: {exc}"[:200],
                                       "statistics.err.not_sdmx")]) from None
    if not getattr(msg, "data", None):
        raise ValidationError([Problem(None, None, None, "statistics.err.no_data")])
    header = msg.header
    prepared = header.prepared if isinstance(header.prepared, datetime) else None
    found = Message(
        message_id=header.id, prepared=prepared,
        sender=getattr(header.sender, "id", None), comment=comment,
        structure=f"{ref[0]}:{ref[1]}({ref[2]})" if ref else None)
    for data_set in msg.data:
        for key, observations in data_set.series.items():
            fields = {k: str(v.value) for k, v in key.values.items()}
            fields |= {k: str(getattr(v, "value", v)) for k, v in (key.attrib or {}).items()}
            found.series.append(Series(fields, tuple(
                (str(o.dimension.values[TIME].value), _number(o.value)) for o in observations)))
    return found
