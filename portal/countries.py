"""The ISO 3166-1 country table (from pycountry) and the network's five regions.

Regions follow the UN M49 macro-regions, merged the way the network groups its antennas:
Oceania joins Asia-Pacific, the Americas split into Latin America and the Caribbean and
North America. Cyprus is counted in Europe, where its cities take part.
"""
import gettext
import unicodedata
from functools import lru_cache

import pycountry

from .i18n import _

REGIONS = {
    "africa": _("Africa"),
    "asia-pacific": _("Asia-Pacific"),
    "europe": _("Europe"),
    "latin-america-caribbean": _("Latin America and the Caribbean"),
    "north-america": _("North America"),
}

_BY_REGION = {
    "africa": "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY "
              "MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW "
              "IO TF",
    "north-america": "US CA BM GL PM",
    "latin-america-caribbean": "AI AG AR AW BS BB BZ BO BQ BR VG KY CL CO CR CU CW DM DO EC SV FK GF "
                               "GD GP GT GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF VC SX SR TT "
                               "TC UY VE VI GS BV",
    "europe": "AX AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE LV LI "
              "LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB",
    "asia-pacific": "AF AM AZ BH BD BT BN KH CN GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN "
                    "MM NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE AS AU CK FJ "
                    "PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF HM CX CC AQ",
}

REGION_OF = {code: region for region, codes in _BY_REGION.items() for code in codes.split()}
COUNTRY_CODES = tuple(sorted(c.alpha_2 for c in pycountry.countries))


def region_of(country_code):
    """The region of an ISO alpha-2 code; KeyError for a code that is not a country."""
    return REGION_OF[country_code.upper()]


@lru_cache(maxsize=8)
def _country_translation(locale_name):
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale_name], fallback=True)


def country_name(code, locale_name="en"):
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    if locale_name == "en":
        return name
    translated = _country_translation(locale_name).gettext
    common = getattr(country, "common_name", None)
    return translated(common) if common and translated(common) != common else translated(country.name)


def _sort_key(name):
    """Alphabetical for a reader: accents and case do not send Égypte after Zambie."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=8)
def country_choices(locale_name="en"):
    return tuple(sorted(((code, country_name(code, locale_name)) for code in COUNTRY_CODES),
                        key=lambda pair: _sort_key(pair[1])))
