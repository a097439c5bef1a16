"""Layouts real CVs use that the generated corpus lacks: side headings, sub-headings inside an entry,
company-first entries, indented date lines, dotted phones, skills set apart by space."""
from cvs.extraction.contact import find_phone, parse_contact
from cvs.extraction.entries import parse_education, parse_experience
from cvs.extraction.grounding import Grounder
from cvs.extraction.lists import parse_skills
from cvs.extraction.pdf import _order_page, _Seg
from cvs.extraction.sections import extract_sections
from cvs.extraction.text import Line, TextDocument


def _seg(text, x0, top, size=8.0, width=None):
    return _Seg(text=text, x0=x0, x1=x0 + (width or len(text) * size * 0.5), top=top, bottom=top + size, size=size, bold=False)


def _doc(lines: list[Line]) -> TextDocument:
    return TextDocument(text="\n".join(ln.text for ln in lines), lines=lines, pages=1)


def test_a_left_column_of_headings_labels_the_text_beside_it():
    segments = [
        _seg("Ada Lovelace", 250, 50, size=12),
        _seg("EDUCATION", 54, 150), _seg("AND AWARDS", 54, 162),
        _seg("Master of Science in Analytics   June 2015", 150, 150), _seg("University of London", 150, 162),
        _seg("Bachelor of Science in Mathematics   May 2013", 150, 186), _seg("University of Leeds", 150, 198),
        _seg("SKILLS", 54, 230), _seg("Python, R, MySQL", 150, 230),
        _seg("Dean's list (4 years)", 150, 210),
        _seg("EXPERIENCE", 54, 260), _seg("Analyst, Acme Ltd   2015 - 2018", 150, 260),
        _seg("• Built the reporting pipeline", 160, 272), _seg("• Cut the monthly close by two days", 160, 284),
        _seg("• Trained four new analysts", 160, 296),
    ]
    lines = [ln.text for ln in _order_page(segments, 595, 1)]
    assert lines.index("EDUCATION AND AWARDS") < lines.index("Master of Science in Analytics   June 2015")
    assert lines.index("University of Leeds") < lines.index("SKILLS") < lines.index("Python, R, MySQL") < lines.index("EXPERIENCE")
    assert "AND AWARDS" not in lines


def test_a_heading_no_wording_names_ends_the_section_before_it():
    rows = [("Ada Lovelace", 250, 40), ("ada@example.org", 250, 55),
            ("EDUCATION", 54, 100), ("BSc Mathematics   2010 - 2013", 150, 100), ("University of Leeds", 150, 112),
            ("SKILLS", 54, 140), ("Python, R, MySQL", 150, 140),
            ("EXPERIENCE", 54, 170), ("Analyst, Acme Ltd   2015 - 2018", 150, 170),
            ("ATHLETICS", 54, 200), ("Varsity rowing: Leeds, 2010-2013", 150, 200)]
    lines = [Line(text=t, x0=x, top=top, size=8, x1=x + len(t) * 4) for t, x, top in rows]
    cv = extract_sections(_doc(lines))
    assert cv["skills"]["ungroupedSkills"] == ["Python", "R", "MySQL"]
    assert not any("rowing" in str(item) for item in cv["experience"]["experienceItems"])


def test_sub_headings_styled_unlike_the_entry_titles_stay_in_their_entry():
    def line(text, top, size=11.0, bold=False, x0=90):
        return Line(text=text, top=top, size=size, bold=bold, x0=x0, x1=x0 + len(text) * 5)

    lines = [line("Software Engineer", 10, 14, True), line("Microsoft - Hyderabad", 25), line("December 2015 to Present", 40),
             line("1. Rewards dashboards:", 55), line("Technology/Tools used", 70), line("• Event hub, Power BI", 85),
             line("Responsibilities", 100), line("• Created stream analytics jobs", 115),
             line("Data Analyst", 140, 14, True), line("Infosys - Pune", 155), line("2012 to 2015", 170)]
    items = parse_experience(lines)
    assert [(i["jobTitle"], i["companyName"]) for i in items] == [("Software Engineer", "Microsoft"), ("Data Analyst", "Infosys")]
    assert "Created stream analytics jobs" in items[0]["responsibilitiesAndAchievements"]


def test_entries_without_a_title_word_follow_the_company_first_order_of_the_others():
    lines = [Line(text=t, top=i * 12.0, size=8, x0=70, x1=400) for i, t in enumerate([
        "Bank of America  Dec 2013 - June 2014", "Sales and Service Specialist  Mill Valley, CA",
        "· Promoted for resolving complex service issues.",
        "Bank of America  Aug 2012 - Dec 2013", "Teller  Mill Valley, CA", "· Processed transactions."])]
    items = parse_experience(lines)
    assert [(i["jobTitle"], i["companyName"]) for i in items] == [
        ("Sales and Service Specialist", "Bank of America"), ("Teller", "Bank of America")]


def test_an_indented_line_bringing_the_dates_belongs_to_the_entry_header():
    lines = [Line(text="Data Scientist", top=0, size=12, x0=50, x1=150),
             Line(text="Data Lab (San Francisco, Ca.)  06/15 - Now", top=15, size=10, x0=65, x1=330),
             Line(text="Led a research team on fraud models", top=28, size=10, x0=65, x1=330)]
    item = parse_experience(lines)[0]
    assert (item["jobTitle"], item["companyName"], item["location"]) == ("Data Scientist", "Data Lab", "San Francisco, Ca.")
    assert item["dateRange"] == {"startDate": "2015-06", "endDate": None, "isCurrent": True}
    assert item["responsibilitiesAndAchievements"] == ["Led a research team on fraud models"]


def test_two_digit_years_of_month_year_dates_are_grounded_and_others_are_not():
    grounder = Grounder("Front End Supervisor  05/11 - 03/13")
    assert grounder.date("2011-05") and grounder.date("2013-03")
    assert not grounder.date("2012-01")


def test_phones_with_dotted_groups_or_a_doubled_hyphen():
    contact = parse_contact([Line(text="(415) · 497 · 7282  monica@example.com")], "")
    assert contact["phone"] == "(415) 497 7282"
    assert find_phone("(909) 555--5555") == "(909) 555-5555"


def test_skills_set_apart_by_space_or_laid_out_as_a_grid():
    skills = parse_skills([Line(text="Programming   Python, R", top=0, x1=300),
                           Line(text="Databases   MySQL, PostgreSQL", top=12, x1=300)])
    assert skills["skillCategories"] == [{"categoryName": "Programming", "skills": ["Python", "R"]},
                                         {"categoryName": "Databases", "skills": ["MySQL", "PostgreSQL"]}]
    grid = parse_skills([Line(text="HTML  CSS  Python", top=0, x0=50, x1=500),
                         Line(text="TypeScript  React  C++", top=12, x0=50, x1=500)])
    assert grid["ungroupedSkills"] == ["HTML", "CSS", "Python", "TypeScript", "React", "C++"]
    indeed = parse_skills([Line(text="problem solving (Less than 1 year), SQL (3 years)"), Line(
        text="• Excellent analytical, problem solving, communication and interpersonal skills with ability to lead teams")])
    assert indeed["ungroupedSkills"] == ["problem solving", "SQL"]


def test_schools_with_their_campus_and_dotted_degrees():
    item = parse_education([Line(text="Bachelor of Arts in Mathematics  July 2012"),
                            Line(text="University of California, Santa Cruz")])[0]
    assert (item["institution"], item["degree"], item["fieldOfStudy"]) == (
        "University of California, Santa Cruz", "Bachelor of Arts", "Mathematics")
    item = parse_education([Line(text="Mitra College of Engineering  Pune, Maharashtra, India"),
                            Line(text="B.E. IN COMPUTER ENGINEERING  2014 - 2018"), Line(text="• Aggregate 74%", x0=10)])[0]
    assert (item["degree"], item["fieldOfStudy"], item["gpa"]) == ("B.E.", "COMPUTER ENGINEERING", "74%")


def test_a_table_of_skills_under_labels_gives_one_category_per_column_and_languages_apart():
    rows = [("Skills", 397, 0, True), ("Computer  Languages", 397, 12, False), ("R  English", 402, 24, False),
            ("Python  French", 402, 36, False), ("Matlab", 402, 48, False), ("SQL", 402, 60, False)]
    lines = [Line(text="Ada Lovelace", size=20, x1=200)] + [
        Line(text=t, x0=x, top=100 + top, size=11, bold=b, x1=x + 80) for t, x, top, b in rows]
    cv = extract_sections(_doc(lines))
    assert cv["skills"]["skillCategories"] == [{"categoryName": "Computer", "skills": ["R", "Python", "Matlab", "SQL"]}]
    assert [item["language"] for item in cv["languages"]["languageItems"]] == ["English", "French"]
    grid = parse_skills([Line(text="HTML  CSS  Python", x0=50, x1=300), Line(text="TypeScript  React  C++", x0=50, x1=300),
                         Line(text="Go  Rust  Java", x0=50, x1=300)])
    assert grid["skillCategories"] == [] and len(grid["ungroupedSkills"]) == 9


def test_links_on_a_subdomain_without_a_scheme():
    contact = parse_contact([Line(text="Online"), Line(text="example.com"), Line(text="someone.wordpress.com/")], "")
    assert [link["url"] for link in contact["professionalLinks"]] == ["example.com", "someone.wordpress.com/"]
