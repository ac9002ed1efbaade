"""A fresh editor builds a Japan-like profile from its workspace in at most 20 form
submissions, sees the readiness checklist go green, and a publisher publishes it.

The figures, names and texts here are generated test data, never content. The screenshots
go to artifacts/screenshots/; with UPDATE_DOC_SCREENSHOTS=1 they also replace the committed
ones in docs/screenshots/ that illustrate README "Editing a profile" (a plain test run
leaves the working tree as it was).
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from relations.models import Country, Profile
from tests.browser.axe import axe_violations, describe
from tests.browser.steps import log_in
from trade.models import HSChapter, TradeFigure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_SUBMISSIONS = 20
DOCS = Path(settings.BASE_DIR) / "docs" / "screenshots"
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
SOURCE = ("Generated test data", "Données d’essai générées")
# 12 of the 16 figures come from a spreadsheet: merchandise exports and imports, 2017–2022.
IMPORTED = [
    (year, flow, 9_000_000_000 + 700_000_000 * i + (0 if flow == "export" else 1_500_000_000))
    for i, year in enumerate(range(2017, 2023))
    for flow in ("export", "import")
]
TYPED = [(2023, "export", "12800000000"), (2023, "import", "14100000000")]
TYPED += [(2024, "export", "13600000000"), (2024, "import", "15200000000")]
KEY_EXPORTS = ["26", "12", "44", "03", "87"]  # ores, oil seeds, wood, fish, vehicles
KEY_IMPORTS = ["87", "84", "85", "40"]  # vehicles, machinery, electrical, rubber
MISSIONS = [
    ("home", "embassy", "Tokyo", "Tokyo"),
    ("home", "consulate", "Nagoya", "Nagoya"),
    ("home", "consulate", "Osaka", "Osaka"),
    ("home", "honorary_consulate", "Fukuoka", "Fukuoka"),
    ("home", "honorary_consulate", "Sapporo", "Sapporo"),
    ("partner", "embassy", "Ottawa", "Ottawa"),
    ("partner", "consulate_general", "Montréal", "Montréal"),
    ("partner", "consulate_general", "Toronto", "Toronto"),
    ("partner", "consulate_general", "Vancouver", "Vancouver"),
]
MEETINGS = [
    ("2024-05-06", "Prime Minister Example", "le premier ministre Exemple", "Premier Sample"),
    ("2023-11-16", "Minister Example", "la ministre Exemple", "Minister Sample"),
    ("2023-01-12", "Minister Other", "le ministre Autre", "Minister Test"),
]


@pytest.fixture
def japan():
    """Japan as the country list ships it (the test database is emptied between tests)."""
    rows = json.loads((Path(settings.BASE_DIR) / "relations/data/countries.json").read_text())
    row = next(row for row in rows if row["code"] == "JP")
    return Country.objects.get_or_create(code="JP", defaults=row)[0]


class Submissions:
    """Counts the forms a person submits: every POST that loads a page."""

    def __init__(self, page):
        self.count = 0
        page.on("request", self.seen)

    def seen(self, request):
        if request.method == "POST" and request.is_navigation_request():
            self.count += 1


def fill(page, values: dict) -> None:
    for name, value in values.items():
        field = page.locator(f'[name="{name}"]')
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(str(value))
        else:
            field.fill(str(value))


def add_inline_rows(page, prefix: str, rows: list[dict]) -> None:
    """Click the inline's "Add another" once per row, then fill each new row."""
    group = page.locator(f"#{prefix}-group")
    first = int(page.locator(f'[name="{prefix}-TOTAL_FORMS"]').input_value())
    for index, row in enumerate(rows, first):
        group.locator(".add-row a").click()
        fill(page, {f"{prefix}-{index}-{name}": value for name, value in row.items()})


def save(page, button: str = "Save") -> None:
    page.get_by_role("button", name=button, exact=True).first.click()
    page.wait_for_load_state()


def shoot(page, name: str, locator=None) -> None:
    paths = [ARTIFACTS / f"workspace-{name}.png"]
    if os.environ.get("UPDATE_DOC_SCREENSHOTS") == "1":
        paths.append(DOCS / f"{name}.png")
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        (locator or page).screenshot(path=str(path))


def fits_1280(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_editor_builds_a_profile_in_twenty_submissions_and_a_publisher_publishes_it(
    browser, live_server, context, editor, publisher, japan, tmp_path
):
    page = context.new_page()
    submissions = Submissions(page)
    log_in(page, editor.username)

    # 1. A new profile in one step: Japan, with the standard sections.
    page.goto("/admin/relations/profile/")
    page.locator(".object-tools").get_by_role("link", name="Add profile").click()
    fill(page, {"partner": japan.pk, "relations_established_year": "1928"})
    shoot(page, "1-add-profile", page.locator("#content"))
    page.get_by_role("button", name="Create the profile").click()
    page.locator("#readiness").wait_for()
    profile = Profile.objects.get(partner=japan)
    assert (profile.slug, profile.slug_fr) == ("japan", "japon")
    change_url = page.url
    assert "Not ready to publish" in page.locator("#readiness").inner_text()

    # 2. The profile page: summary, prose, a sixth section, topics, fora, missions, rank and
    # key commodities, in one submission.
    fill(
        page,
        {
            "summary_en": "Canada and Japan are close partners across the Pacific.",
            "summary_fr": "Le Canada et le Japon sont de proches partenaires du Pacifique.",
            "sections-1-body_en": "Japan is a key trading partner.",
            "sections-1-body_fr": "Le Japon est un partenaire commercial clé.",
        },
    )
    add_inline_rows(
        page,
        "sections",
        [
            {
                "position": 6,
                "kind": "prose",
                "key": "science",
                "heading_en": "Science and technology",
                "heading_fr": "Science et technologie",
                "body_en": "Researchers of both countries work together.",
                "body_fr": "Les chercheurs des deux pays travaillent ensemble.",
            }
        ],
    )
    add_inline_rows(
        page,
        "consultation_topics",
        [
            {"position": 1, "name_en": "regional security", "name_fr": "la sécurité régionale"},
            {"position": 2, "name_en": "trade policy", "name_fr": "la politique commerciale"},
        ],
    )
    add_inline_rows(
        page,
        "fora",
        [
            {"position": 1, "name_en": "G7", "name_fr": "le G7"},
            {"position": 2, "name_en": "UN", "name_fr": "l’ONU"},
        ],
    )
    add_inline_rows(
        page,
        "missions",
        [
            {"position": i, "side": side, "kind": kind, "city_en": en, "city_fr": fr}
            for i, (side, kind, en, fr) in enumerate(MISSIONS, 1)
        ],
    )
    add_inline_rows(page, "export_ranks", [{"year": 2024, "rank": 4}])
    chapters = dict(HSChapter.objects.values_list("code", "pk"))
    add_inline_rows(
        page,
        "key_commodities",
        [
            {"position": i, "flow": flow, "chapter": chapters[code]}
            for flow, codes in (("export", KEY_EXPORTS), ("import", KEY_IMPORTS))
            for i, code in enumerate(codes, 1)
        ],
    )
    save(page, "Save and continue editing")
    assert page.locator(".errornote").count() == 0, page.locator("#content").inner_text()
    assert page.url == change_url

    # 3. Twelve figures from a spreadsheet, through the profile's own import link.
    page.get_by_role("link", name="Import trade figures for this profile").click()
    assert page.locator('[name="profile"]').input_value() == "japan"
    sheet = tmp_path / "japan-figures.csv"
    sheet.write_text(
        "profile,year,flow,kind,hs_chapter,value_cad,source_en,source_fr\n"
        + "".join(
            f"japan,{year},{flow},merchandise,,{value},{SOURCE[0]},{SOURCE[1]}\n"
            for year, flow, value in IMPORTED
        ),
        encoding="utf-8",
    )
    page.get_by_label("File:", exact=True).set_input_files(str(sheet))
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Confirm import").click()
    page.locator("ul.messagelist .success").wait_for()
    assert TradeFigure.objects.filter(profile=profile).count() == 12

    # 4. Four more figures typed in; "Save and add another" keeps profile, year and source.
    page.goto(change_url)
    page.get_by_role("link", name="Add trade figure for this profile").click()
    for index, (year, flow, value) in enumerate(TYPED):
        if index == 0:
            fill(page, {"source_en": SOURCE[0], "source_fr": SOURCE[1]})
        else:
            assert page.locator('[name="source_fr"]').input_value() == SOURCE[1]
            assert page.locator('[name="profile"]').input_value() == str(profile.pk)
        fill(page, {"year": year, "flow": flow, "kind": "merchandise", "value": value})
        save(page, "Save" if index == len(TYPED) - 1 else "Save and add another")
    assert TradeFigure.objects.filter(profile=profile).count() == 16

    # 5. A trade mission, two highlights and three meetings from the workspace's links.
    page.goto(change_url)
    page.get_by_role("link", name="Add trade mission for this profile").click()
    fill(
        page,
        {
            "date": "2024-04-15",
            "date_precision": "month",
            "leader_name": "Pat Example",
            "leader_title_en": "Minister of International Trade",
            "leader_title_fr": "ministre du Commerce international",
            "companies": "30",
            "companies_qualifier": "nearly",
        },
    )
    save(page)
    page.goto(change_url)
    page.get_by_role("link", name="Add highlight for this profile").click()
    highlights = [
        ("performance", "Example Dance Company", "Compagnie de danse Exemple", True),
        ("exhibition", "Sam Painter", "Sam Painter", False),
    ]
    for index, (kind, name_en, name_fr, group) in enumerate(highlights):
        fill(page, {"kind": kind, "name_en": name_en, "name_fr": name_fr})
        if group:
            page.locator('[name="is_group"]').check()
        save(page, "Save" if index == len(highlights) - 1 else "Save and add another")
    page.goto(change_url)
    page.get_by_role("link", name="Add meeting for this profile").click()
    for index, (date, ours_en, ours_fr, theirs) in enumerate(MEETINGS):
        fill(
            page,
            {
                "kind": "meeting",
                "date": date,
                "home_participant_en": ours_en,
                "home_participant_fr": ours_fr,
                "partner_participant_en": theirs,
                "partner_participant_fr": theirs,
            },
        )
        save(page, "Save" if index == len(MEETINGS) - 1 else "Save and add another")

    # 6. The checklist is green.
    page.goto(change_url)
    readiness = page.locator("#readiness")
    text = readiness.inner_text()
    assert "Ready to publish" in text, text
    assert "0 items block publishing · 0 warnings" in text, text
    shoot(page, "2-workspace", page.locator(".workspace"))
    print(f"\nThe editor built the profile in {submissions.count} form submissions.")
    assert submissions.count <= MAX_SUBMISSIONS

    # 7. A publisher publishes it through the publish screen.
    context.clear_cookies()
    log_in(page, publisher.username)
    page.goto(change_url)
    page.locator(".object-tools").get_by_role("link", name="Publish", exact=True).click()
    assert "Ready to publish" in page.locator("#readiness").inner_text()
    page.get_by_label("Change note (English)").fill("First version.")
    page.get_by_label("Change note (French)").fill("Première version.")
    shoot(page, "3-publish", page.locator("#content"))
    page.get_by_role("button", name="Publish").click()
    assert "Revision 1 is live." in page.locator("ul.messagelist").inner_text()
    public = page.goto("/en/relations/japan/")
    assert public.status == 200
    body = page.locator("main").inner_text()
    assert "$13.6 billion in 2024" in body
    assert "4th most important merchandise export market" in body


@pytest.mark.parametrize("language", ["en", "fr"])
def test_workspace_screens_pass_axe_and_fit_1280_pixels(
    context, live_server, editor, publisher, language
):
    """The screens this workspace adds or changes, in English and in French."""
    page = context.new_page()
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, publisher.username) if language == "en" else log_in_fr(page, publisher.username)
    profile = Profile.objects.get(slug="russia")
    base = f"/admin/relations/profile/{profile.pk}/"
    failures = []
    for url in (
        "/admin/relations/profile/add/",
        base + "change/",
        base + "publish/",
        base + "preview/en/",
        "/admin/trade/tradefigure/import/?profile=russia",
    ):
        response = page.goto(url)
        if response.status != 200:
            failures.append(f"{url}: HTTP {response.status}")
            continue
        if violations := axe_violations(page):
            failures.append(describe(url, violations))
        if not fits_1280(page):
            failures.append(f"{url}: scrolls sideways at 1280 px")
    assert not failures, "\n".join(failures)


def log_in_fr(page, username: str) -> None:
    """The login form in French (the admin's language comes from the cookie)."""
    from tests.conftest import PASSWORD

    page.goto("/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
