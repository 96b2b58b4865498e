"""Every piece of user-written HTML goes through nh3 before it is stored."""
import html
import re

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li", "h2", "h3", "h4",
        "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "img",
        "figure", "figcaption", "sub", "sup"}
ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "img": {"src", "alt", "width", "height"},
              "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


def clean_html(value):
    return nh3.clean(value or "", tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer", strip_comments=True)


_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</(p|h\d|li|blockquote|tr|pre)>|<br\s*/?>", re.I)


def html_to_text(value):
    """Plain text of stored HTML, for search documents, feeds and mail."""
    text = _BLOCK.sub("\n", value or "")
    text = _TAG.sub(" ", text)
    return re.sub(r"[ \t]+", " ", html.unescape(text)).strip()
