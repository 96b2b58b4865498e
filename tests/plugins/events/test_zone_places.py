"""One helper names where a zone's clocks are: by its city (the reader-zone note, "Montevideo") or by its
country's time (an event listing, "Uruguay Time"), in the reader's language; UTC when there is no zone."""
from datetime import datetime, timezone

from portal.api import place_of, zone_info
from plugins.events.dates import zone_place
from plugins.events.models import Event


def test_a_zone_by_its_city_or_its_country_in_the_readers_language():
    assert place_of("America/Montevideo", "en") == "Montevideo"
    assert place_of("America/Montevideo", "en", style="country") == "Uruguay Time"
    assert place_of("Europe/Paris", "es", style="country") == "hora de Francia"
    assert place_of("America/Sao_Paulo", "pt") == "São Paulo"
    for nowhere in ("UTC", "", None, "Mars/Olympus"):
        assert place_of(nowhere, "en") == "UTC" == place_of(nowhere, "fr", style="country")


def test_an_events_listing_names_its_zone_by_country_through_the_core():
    event = Event(timezone="America/Montevideo")
    assert zone_place(event, "en") == "Uruguay Time"
    assert zone_place(Event(timezone="UTC"), "en") == "UTC"


def test_an_event_keeps_wall_clock_times_in_its_zone_with_the_cores_conversion():
    event = Event(timezone="America/Montevideo")
    event.start_local = datetime(2027, 3, 1, 9, 30)
    assert event.starts == datetime(2027, 3, 1, 12, 30, tzinfo=timezone.utc)
    assert event.start_local == datetime(2027, 3, 1, 9, 30)
    assert event.tz == zone_info("America/Montevideo")
    assert zone_info("Nowhere/Else") == zone_info("UTC")
