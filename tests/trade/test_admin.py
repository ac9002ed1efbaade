"""Editors keep trade figures in the admin; the page's money and growth sentences follow."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.helpers import admin_form_data, change_url, errors_of, public_text, publish
from tests.trade.factories import TradeFigureFactory
from trade.models import HSChapter, TradeFigure

CHANGELIST = "admin:trade_tradefigure_changelist"

ENGLISH_GROWTH = (
    "Canadian merchandise exports increasing more than 8 times over – from $179 million in 1999 "
    "to $1.5 billion in 2011"
)
FRENCH_GROWTH = (
    "les exportations canadiennes de marchandises ayant augmenté de plus de 8 fois – passant de "
    "179 millions de dollars en 1999 à 1,5 milliard de dollars en 2011"
)


def export_total_2011(profile) -> TradeFigure:
    return TradeFigure.objects.get(
        profile=profile, year=2011, flow="export", kind="merchandise", chapter=None
    )


def assert_working_copy_still_says_the_old_growth(client, profile, publisher):
    publish(profile, by=publisher)
    assert ENGLISH_GROWTH in public_text(client, "en")
    assert FRENCH_GROWTH in public_text(client, "fr")


# The list


def test_editor_can_list_trade_figures(editor_client, canada_russia):
    response = editor_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 5


def test_trade_figure_list_filters_by_year(editor_client, canada_russia):
    response = editor_client.get(reverse(CHANGELIST), {"year": "2011"})
    assert response.status_code == 200
    rows = response.context["cl"].result_list
    assert sorted((f.year, f.flow) for f in rows) == [(2011, "export"), (2011, "import")]


def test_trade_figure_list_filters_by_flow_and_kind(editor_client, canada_russia):
    response = editor_client.get(reverse(CHANGELIST), {"flow": "import", "kind": "services"})
    assert response.status_code == 200
    assert [f.value for f in response.context["cl"].result_list] == [Decimal("419000000.00")]


def test_trade_figure_list_filters_by_profile(editor_client, canada_russia):
    TradeFigureFactory()  # another profile's figure
    response = editor_client.get(reverse(CHANGELIST), {"profile__id__exact": canada_russia.pk})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 5


def test_trade_figure_list_searches_chapter_names(editor_client, canada_russia):
    machinery = HSChapter.objects.get(code="84")
    TradeFigureFactory(profile=canada_russia, year=2011, chapter=machinery)

    response = editor_client.get(reverse(CHANGELIST), {"q": "machinery"})

    assert response.status_code == 200
    assert [f.chapter for f in response.context["cl"].result_list] == [machinery]


def test_trade_figure_list_searches_sources(editor_client, canada_russia):
    TradeFigureFactory(profile=canada_russia, year=2012, source_en="Statistics Canada")

    response = editor_client.get(reverse(CHANGELIST), {"q": "Statistics Canada"})

    assert response.status_code == 200
    assert [f.year for f in response.context["cl"].result_list] == [2012]


def test_editor_can_open_a_trade_figure(editor_client, canada_russia):
    response = editor_client.get(change_url(export_total_2011(canada_russia)))
    assert response.status_code == 200
    assert response.context["adminform"].form["value"].value() == Decimal("1500000000.00")


@pytest.mark.parametrize(
    ("term", "chapters"),
    [
        ("cereal", ["10 cereals", "19 cereal preparations and baked goods"]),
        ("nuclear reactors", ["84 machinery"]),  # the English title
        ("céréales", ["10 cereals", "19 cereal preparations and baked goods"]),
        ("84", ["84 machinery"]),
    ],
)
def test_editor_finds_a_chapter_by_name_or_title_in_the_chapter_picker(
    editor_client, canada_russia, term, chapters
):
    """The HS chapter field is an autocomplete over every chapter of the nomenclature."""
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "trade",
            "model_name": "tradefigure",
            "field_name": "chapter",
            "term": term,
        },
    )

    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == chapters


# A change reaches the page


def test_raising_the_2011_export_total_changes_the_english_page(
    editor_client, publisher, canada_russia
):
    figure = export_total_2011(canada_russia)
    url = change_url(figure)
    data = admin_form_data(editor_client.get(url))
    data["value"] = "2000000000"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.value == Decimal("2000000000")
    publish(canada_russia, by=publisher)
    text = public_text(editor_client, "en")
    assert (
        "Canadian merchandise exports increasing more than 11 times over – from $179 million in "
        "1999 to $2 billion in 2011"
    ) in text
    assert "$1.5 billion" not in text


def test_raising_the_2011_export_total_changes_the_french_page(
    editor_client, publisher, canada_russia
):
    figure = export_total_2011(canada_russia)
    url = change_url(figure)
    data = admin_form_data(editor_client.get(url))
    data["value"] = "2000000000"

    assert editor_client.post(url, data).status_code == 302
    publish(canada_russia, by=publisher)

    text = public_text(editor_client, "fr")
    assert (
        "ayant augmenté de plus de 11 fois – passant de 179 millions de dollars en 1999 à "
        "2 milliards de dollars en 2011"
    ) in text
    assert "1,5 milliard de dollars" not in text


def test_adding_a_later_export_total_moves_the_page_to_that_year(
    editor_client, publisher, canada_russia
):
    url = reverse("admin:trade_tradefigure_add")
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        year="2012",
        flow="export",
        kind="merchandise",
        value="1790000000",
        source_en="Statistics Canada",
        source_fr="Statistique Canada",
    )

    assert editor_client.post(url, data).status_code == 302
    publish(canada_russia, by=publisher)

    assert "increasing 10 times over – from $179 million in 1999 to $1.8 billion in 2012" in (
        public_text(editor_client, "en")
    )


# Bad input is refused and changes nothing


def test_a_year_in_the_future_is_refused(editor_client, publisher, canada_russia):
    figure = export_total_2011(canada_russia)
    url = change_url(figure)
    data = admin_form_data(editor_client.get(url))
    next_year = timezone.localdate().year + 1
    data["year"] = str(next_year)

    response = editor_client.post(url, data)

    assert f"{next_year} is in the future" in errors_of(response)
    figure.refresh_from_db()
    assert figure.year == 2011
    assert_working_copy_still_says_the_old_growth(editor_client, canada_russia, publisher)


def test_a_year_before_1800_is_refused(editor_client, canada_russia):
    figure = export_total_2011(canada_russia)
    url = change_url(figure)
    data = admin_form_data(editor_client.get(url))
    data["year"] = "211"

    assert "211 is too early" in errors_of(editor_client.post(url, data))
    figure.refresh_from_db()
    assert figure.year == 2011


def test_a_negative_value_is_refused(editor_client, publisher, canada_russia):
    figure = export_total_2011(canada_russia)
    url = change_url(figure)
    data = admin_form_data(editor_client.get(url))
    data["value"] = "-2000000000"

    response = editor_client.post(url, data)

    assert "Ensure this value is greater than or equal to 0." in errors_of(response)
    figure.refresh_from_db()
    assert figure.value == Decimal("1500000000.00")
    assert_working_copy_still_says_the_old_growth(editor_client, canada_russia, publisher)


def test_a_value_that_is_not_a_number_is_refused(editor_client, canada_russia):
    figure = export_total_2011(canada_russia)
    url = change_url(figure)
    data = admin_form_data(editor_client.get(url))
    data["value"] = "1.5 billion"

    assert "Enter a number." in errors_of(editor_client.post(url, data))
    figure.refresh_from_db()
    assert figure.value == Decimal("1500000000.00")


def test_a_blank_french_source_is_refused(editor_client, publisher, canada_russia):
    figure = export_total_2011(canada_russia)
    url = change_url(figure)
    data = admin_form_data(editor_client.get(url))
    data["value"] = "2000000000"
    data["source_fr"] = ""

    response = editor_client.post(url, data)

    assert "This field is required." in errors_of(response)
    assert response.context["adminform"].form.errors.keys() == {"source_fr"}
    figure.refresh_from_db()
    assert figure.value == Decimal("1500000000.00")
    assert_working_copy_still_says_the_old_growth(editor_client, canada_russia, publisher)


def test_a_second_total_for_the_same_year_flow_and_kind_is_refused(
    editor_client, publisher, canada_russia
):
    url = reverse("admin:trade_tradefigure_add")
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        year="2011",
        flow="export",
        kind="merchandise",
        chapter="",
        value="2000000000",
        source_en="Statistics Canada",
        source_fr="Statistique Canada",
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert TradeFigure.objects.filter(profile=canada_russia).count() == 5
    assert export_total_2011(canada_russia).value == Decimal("1500000000.00")
    assert_working_copy_still_says_the_old_growth(editor_client, canada_russia, publisher)


def test_a_second_total_is_refused_with_a_message_an_editor_understands(
    editor_client, canada_russia
):
    url = reverse("admin:trade_tradefigure_add")
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        year="2011",
        flow="export",
        kind="merchandise",
        chapter="",
        value="2000000000",
        source_en="Statistics Canada",
        source_fr="Statistique Canada",
    )

    text = errors_of(editor_client.post(url, data))

    assert "unique_trade_total" not in text
    assert "is violated" not in text
    assert "already has a total for this year, flow and kind" in text


def test_a_chapter_figure_beside_the_total_is_accepted(editor_client, canada_russia):
    """The same year, flow and kind may have one row per chapter besides the total."""
    machinery = HSChapter.objects.get(code="84")
    url = reverse("admin:trade_tradefigure_add")
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        year="2011",
        flow="export",
        kind="merchandise",
        chapter=str(machinery.pk),
        value="300000000",
        source_en="Statistics Canada",
        source_fr="Statistique Canada",
    )

    assert editor_client.post(url, data).status_code == 302

    assert TradeFigure.objects.filter(profile=canada_russia, chapter=machinery).count() == 1
    assert export_total_2011(canada_russia).value == Decimal("1500000000.00")


def test_a_second_figure_for_the_same_chapter_is_refused(editor_client, canada_russia):
    machinery = HSChapter.objects.get(code="84")
    TradeFigureFactory(profile=canada_russia, year=2011, chapter=machinery, value=300_000_000)
    url = reverse("admin:trade_tradefigure_add")
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        year="2011",
        flow="export",
        kind="merchandise",
        chapter=str(machinery.pk),
        value="400000000",
        source_en="Statistics Canada",
        source_fr="Statistique Canada",
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert TradeFigure.objects.get(chapter=machinery).value == Decimal("300000000.00")


# Who may change figures


def test_staff_user_in_no_group_is_forbidden_the_trade_figures(client, canada_russia):
    client.force_login(User.objects.create_user("nobody", password=PASSWORD, is_staff=True))
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(change_url(export_total_2011(canada_russia))).status_code == 403


def test_staff_user_in_no_group_cannot_change_a_figure(client, canada_russia):
    client.force_login(User.objects.create_user("nobody", password=PASSWORD, is_staff=True))
    figure = export_total_2011(canada_russia)

    response = client.post(change_url(figure), {"value": "2000000000"})

    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.value == Decimal("1500000000.00")


def test_non_staff_user_is_sent_to_the_admin_login(client, canada_russia):
    client.force_login(User.objects.create_user("reader", password=PASSWORD))
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_visitor_is_sent_to_the_admin_login(client, canada_russia):
    url = reverse(CHANGELIST)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_publisher_can_change_trade_figures_too(publisher_client, canada_russia):
    figure = export_total_2011(canada_russia)
    url = change_url(figure)
    data = admin_form_data(publisher_client.get(url))
    data["value"] = "2000000000"

    assert publisher_client.post(url, data).status_code == 302
    figure.refresh_from_db()
    assert figure.value == Decimal("2000000000")
