"""The rows of an import file, read once for every importer (portal.imports): each bad row is an
error at its line, the good rows around it are kept, and nothing silently changes what a row says."""
import json

import pytest

from portal.imports import MAX_FIELD, ImportFileError, Row, RowError, csv_rows, decode, json_rows, text


def lines_and_reasons(items):
    return [(i.line, text(i.reason)) if isinstance(i, RowError) else (i.line, "ok") for i in items]


def test_csv_rows_keep_their_line_numbers_and_bad_rows_are_errors_at_theirs():
    content = ("external_id,title\n"
               "a,Alpha\n"
               "\n"
               'b,"Two\nlines"\n'
               "c,Gamma\x00\n"
               "d,Delta,extra\n"
               "e\n"
               f"f,{'x' * (MAX_FIELD + 1)}\n"
               '"g"h,bad quote\n'
               "i,Iota\n")
    items = list(csv_rows(content, required=("external_id",)))
    found = lines_and_reasons(items)
    assert found[:2] == [(2, "ok"), (4, "ok")]
    assert items[1].values == {"external_id": "b", "title": "Two\nlines"}
    assert found[2] == (6, "the value of title holds a NUL byte")
    assert found[3] == (7, "3 values, but the first line names 2 columns")
    assert found[4] == (8, "1 values, but the first line names 2 columns")
    assert found[5] == (9, "the value of title is longer than 128 KB")
    assert found[6][0] == 10 and found[6][1].startswith("not valid CSV")
    assert found[7] == (11, "ok") and items[7].values["title"] == "Iota"


def test_an_unclosed_quote_is_an_error_where_it_opens_not_a_value_swallowing_the_file():
    content = 'email,name\nana@example.org,Ana\nbob@example.org,"Bob\ncarla@example.org,Carla\n'
    found = lines_and_reasons(csv_rows(content))
    assert found[0] == (2, "ok")
    assert found[1][0] == 3 and "never closed" in found[1][1]
    assert len(found) == 2  # the lines it swallowed are not imported as rows


def test_a_csv_header_must_name_the_required_columns_once():
    with pytest.raises(ImportFileError) as caught:
        csv_rows("name,city\nAna,Dakar\n", required=("email",))
    assert "email" in str(caught.value)
    with pytest.raises(ImportFileError):
        csv_rows("email,email\na@example.org,b@example.org\n", required=("email",))
    with pytest.raises(ImportFileError):
        csv_rows("email,,name\n", required=("email",))
    assert [r.values for r in csv_rows("Email ,NAME\na@example.org,A\n", required=("email",), lowercase=True)] \
        == [{"email": "a@example.org", "name": "A"}]


def test_bytes_that_are_not_utf8_refuse_their_row_only():
    data = "email,name\nana@example.org,Ana\n".encode() + b"bob@example.org,B\xe9atrice\n" \
        + "carla@example.org,Carla\n".encode()
    found = lines_and_reasons(csv_rows(decode(b"\xef\xbb\xbf" + data)))
    assert found == [(2, "ok"), (3, "the value of name is not UTF-8 text (save the file as UTF-8)"), (4, "ok")]


def test_json_rows_are_strict_and_report_where_the_file_goes_wrong():
    good = [{"external_id": "a"}, {"external_id": "b", "title": "Nul\u0000"}, {"external_id": "c"}]
    content = json.dumps(good, indent=1) + "\n]\n"
    found = lines_and_reasons(json_rows(content))
    assert found[0] == (2, "ok") and found[2] == (9, "ok")
    assert found[1] == (5, "the value of title holds a NUL byte")
    assert found[3][0] == 13 and "text after the end of the JSON array" in found[3][1]
    assert len(found) == 4

    found = lines_and_reasons(json_rows('[{"external_id": "a", "external_id": "b"},\n{"external_id": "c"}]'))
    assert found == [(1, "external_id appears twice in this object"), (2, "ok")]

    found = lines_and_reasons(json_rows('[\n{"external_id": "a"},\n{"external_id": \n'))
    assert found[0] == (2, "ok") and found[1][0] == 4 and "not valid JSON" in found[1][1]

    found = lines_and_reasons(json_rows('[\n{"a": 1}\n{"a": 2}\n]'))
    assert found[0] == (2, "ok") and found[1][0] == 3 and "comma or ] expected" in found[1][1]

    found = lines_and_reasons(json_rows('[{"a": 1},\n]'))
    assert found[0] == (1, "ok") and found[1][0] == 2 and "comma before ]" in found[1][1]

    found = lines_and_reasons(json_rows('[{"a": 1},\n{"a": 2}'))
    assert found[-1] == (2, "the JSON array is not closed")

    assert lines_and_reasons(json_rows("[]\n")) == []
    with pytest.raises(ImportFileError):
        list(json_rows('{"external_id": "a"}'))


def test_an_oversized_value_deep_inside_a_json_row_refuses_that_row():
    rows = [{"external_id": "a", "themes": ["x" * (MAX_FIELD + 1)]}, {"external_id": "b"}]
    items = list(json_rows(json.dumps(rows)))
    assert isinstance(items[0], RowError) and "longer than 128 KB" in text(items[0].reason)
    assert isinstance(items[1], Row) and items[1].values == {"external_id": "b"}
