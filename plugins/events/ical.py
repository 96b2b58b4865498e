"""iCalendar (RFC 5545) for "add to calendar": one event or the feed of upcoming events.

Times are written in UTC (the "Z" form), so every calendar shows them right in its own zone without
carrying a VTIMEZONE; texts are escaped (backslash, semicolon, comma, line breaks) and lines folded
at 75 octets, never inside a UTF-8 character; lines end with CRLF."""
from datetime import timezone

from portal.api import country_name
from portal.api import translate
from portal.api import html_to_text

from .schemas import KIND_TITLES


def escape_text(value):
    return (str(value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))


def fold(line):
    """Split a content line into chunks of at most 75 octets; continuation lines start with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    chunks, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # not inside a multi-byte character
            end -= 1
        chunks.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space counts
    return "\r\n ".join(chunks)


def utc(moment):
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def location(event, language):
    place = ", ".join(p for p in (event.venue, event.city, country_name(event.country, language)
                                  if event.country else "") if p)
    return place or event.online_url


def vevent(request, event, stamp):
    url = request.route_url("event.view", id=event.id)
    description = "\n\n".join(p for p in (event.description, html_to_text(event.body), event.organiser,
                                          event.online_url, url) if p)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.id}@{request.domain or 'portal'}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.starts)}",
        f"DTEND:{utc(event.ends)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(location(event, request.locale_name))}",
        f"CATEGORIES:{escape_text(translate(KIND_TITLES.get(event.kind, event.kind), request))}",
        f"URL:{url}",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
    ]
    if event.modified:
        lines.append(f"LAST-MODIFIED:{utc(event.modified)}")
    if event.language:
        lines[5] = f"SUMMARY;LANGUAGE={event.language}:{escape_text(event.title)}"
    lines.append("END:VEVENT")
    return lines


def calendar(request, events, name, stamp):
    site = request.registry.settings.get("portal.site_name", "Portal")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{escape_text(site)}//Events//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines += vevent(request, event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
