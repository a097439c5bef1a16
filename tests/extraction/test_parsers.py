"""The small parsers the offline extractor is built from: dates, phones, links, places, headings."""
import pytest

from cvs.extraction.contact import find_phone, parse_contact, parse_location
from cvs.extraction.dates import find_dates, parse_date
from cvs.extraction.postprocess import normalize_phone, normalize_url
from cvs.extraction.text import Line
from cvs.extraction.vocabulary import heading_section


@pytest.mark.parametrize(
    "text, start, end, current",
    [
        ("Jan 2020 – Present", "2020-01", None, True),
        ("2019-2021", "2019", "2021", False),
        ("03/2018 - now", "2018-03", None, True),
        ("Sept. 2017 to June 2019", "2017-09", "2019-06", False),
        ("janv. 2019 – aujourd'hui", "2019-01", None, True),
        ("März 2018 bis heute", "2018-03", None, True),
        ("Enero 2015 - Actualidad", "2015-01", None, True),
        ("2018-03 – 2020-11", "2018-03", "2020-11", False),
        ("Fall 2011 - Spring 2012", "2011", "2012", False),
        ("06/15 - Now", "2015-06", None, True),
        ("since 2020", "2020", None, True),
        ("Kenyatta University09/2007 – 11/2011", "2007-09", "2011-11", False),
    ],
)
def test_date_ranges_in_common_formats(text, start, end, current):
    span = find_dates(text)[0]
    assert (span.start, span.end, span.is_current) == (start, end, current)


@pytest.mark.parametrize("text", ["+33 6 12 34 56 78", "Germany has 83 million people", "Summary", "Room 12B", "ISO 9001"])
def test_text_without_a_date_has_none(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [("May 2012", "2012-05"), ("2019", "2019"), ("12/2020", "2020-12"), ("2020/7", "2020-07"), ("décembre 2021", "2021-12"),
     ("Summer 2022", "2022"), ("13/2020", "2020"), ("yesterday", None), ("", None)],
)
def test_single_dates_are_normalised(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, phone",
    [
        ("Tel: +44 7700 900123 | London", "+44 7700 900123"),
        ("(617) 555-0142", "(617) 555-0142"),
        ("Mobil: 0151 23456789", "0151 23456789"),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("+49 (0)30 1234567", "+49 (0)30 1234567"),
        ("2019-2021 | 2015 - 2017", None),
        ("03/2018 - 11/2020", None),
    ],
)
def test_phones_in_international_formats(text, phone):
    assert find_phone(text) == phone


def test_phone_and_url_normalisation():
    assert normalize_phone("0044 20.7946.0958") == "+44 20 7946 0958"
    assert normalize_phone("12") is None
    assert normalize_url("linkedin.com/in/jane") == "https://linkedin.com/in/jane"
    assert normalize_url("http://example.org/x") == "http://example.org/x"
    for bad in ("javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://x.org", "not a url", "//evil.com"):
        assert normalize_url(bad) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Boston, MA", {"city": "Boston", "state": "MA", "country": None}),
        ("Lyon, France", {"city": "Lyon", "state": None, "country": "France"}),
        ("80331 München, Deutschland", {"city": "München", "state": None, "country": "Deutschland"}),
        ("Germany", {"city": None, "state": None, "country": "Germany"}),
        ("Senior Engineer, Klarna", None),
        ("Python, Go", None),
    ],
)
def test_places(text, expected):
    assert parse_location(text) == expected


def test_contact_block_with_links():
    lines = [Line("jane@example.org · +1 415 555 0100 · San Francisco, CA"),
             Line("github.com/janedoe | linkedin.com/in/jane-"), Line("doe | https://jane.dev")]
    contact = parse_contact(lines, "\n".join(line.text for line in lines))
    assert contact["email"] == "jane@example.org"
    assert contact["phone"] == "+1 415 555 0100"
    assert contact["location"] == {"city": "San Francisco", "state": "CA", "country": None}
    assert [(link["platform"], link["url"]) for link in contact["professionalLinks"]] == [
        ("GitHub", "github.com/janedoe"), ("LinkedIn", "linkedin.com/in/jane-doe"), ("Website", "https://jane.dev")]


@pytest.mark.parametrize(
    "line, section",
    [
        ("WORK EXPERIENCE", "experience"), ("Berufserfahrung", "experience"), ("Expérience professionnelle", "experience"),
        ("Experiencia laboral:", "experience"), ("E X P E R I E N C E", "experience"), ("Selected Experience", "experience"),
        ("Formación académica", "education"), ("Ausbildung", "education"), ("Compétences", "skills"),
        ("Sprachkenntnisse", "languages"), ("Centres d'intérêt", "hobbies"), ("Honors & Awards", "achievements"),
        ("Licenses & Certifications", "certifications"), ("Publicaciones", "publications"), ("Volunteer Work", "volunteer"),
        ("Senior Engineer at Google", None), ("Python, Django", None),
    ],
)
def test_headings_in_many_wordings_and_languages(line, section):
    assert heading_section(line) == section


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1209 Page St, Apt 7, San Francisco, CA 94117", {"city": "San Francisco", "state": "CA", "country": None}),
        ("12 rue de la Paix, 75002 Paris, France", {"city": "Paris", "state": None, "country": "France"}),
        ("Columbus, Ohio 44444", {"city": "Columbus", "state": "Ohio", "country": None}),
        ("2222 McCoy Road", None),
    ],
)
def test_the_place_at_the_end_of_a_postal_address(text, expected):
    assert parse_location(text) == expected


def test_icon_glyphs_between_contact_fields_separate_them():
    from cvs.extraction.text import _clean

    assert _clean("2222 McCoy Road \x9f Columbus, Ohio \uf0b7 614-555-5555") == "2222 McCoy Road  Columbus, Ohio  614-555-5555"


@pytest.mark.parametrize(
    "fields, title, company",
    [
        (["Associate, Skadden, Arps, Slate, Meagher & Flom"], "Associate", "Skadden, Arps, Slate, Meagher & Flom"),
        (["Acme Corp", "Senior Engineer"], "Senior Engineer", "Acme Corp"),
        (["Resident Advisor", "Kent State University"], "Resident Advisor", "Kent State University"),
        (["Head Chef, Trattoria del Ponte"], "Head Chef", "Trattoria del Ponte"),
        (["Trustee", "Marine Conservation Society"], "Trustee", "Marine Conservation Society"),
    ],
)
def test_job_title_and_company_split(fields, title, company):
    from cvs.extraction.entries import _title_and_company

    assert _title_and_company(fields) == (title, company)


def test_labelled_personal_details():
    from cvs.extraction.contact import personal_details

    text = ("Nationality: Irish | Driving licence: Full, clean (B)\nVisa status: EU citizen, no sponsorship needed\n"
            "Availability: 1 month notice")
    assert personal_details(text) == {
        "nationality": "Irish", "drivingLicense": "Full, clean (B)",
        "visaStatus": "EU citizen, no sponsorship needed", "availability": "1 month notice"}
    assert personal_details("Staatsangehörigkeit: deutsch · Führerschein: Klasse B") == {
        "nationality": "deutsch", "drivingLicense": "Klasse B", "visaStatus": None, "availability": None}
    assert personal_details("Built a visa application portal for 3 countries") == {
        "nationality": None, "drivingLicense": None, "visaStatus": None, "availability": None}
