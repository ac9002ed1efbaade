"""The public Canada–Russia page says every fact of the August 2012 reference text."""

import re

import pytest

from tests.helpers import page_text

ENGLISH_FACTS = [
    "Canada-Russia Relations",
    "This year marks the 70th anniversary of the establishment of diplomatic relations "
    "between Canada and Russia.",
    "Canada and Russia enjoy a multifaceted and productive relationship as vast, resource-rich "
    "northern countries.",
    "senior official consultations on issues relating to the Arctic, strategic stability, "
    "counter-terrorism and defence relations",
    "UN, G-8, G-20, Arctic Council and NATO-Russia Council",
    "As the two largest Arctic countries, Canada and Russia share many common opportunities",
    "at the Arctic Council, which Canada will be chairing in 2013",
    "Canadian merchandise exports increasing more than 8 times over – from $179 million in 1999 "
    "to $1.5 billion in 2011 – making Russia Canada’s 19th most important merchandise export "
    "market.",
    "Key Canadian merchandise exports to Russia were machinery, meat, motor vehicles, fish, "
    "and aircraft and parts.",
    "Merchandise imports from Russia amounted to $1.3 billion in 2011, and were concentrated in "
    "mineral fuels and oil, fertilizers, precious stones and metals, rubber, and inorganic "
    "chemicals and compounds.",
    "exports of $254 million and imports of $419 million in 2009",
    "In June 2012, Ed Fast, Minister of International Trade and Minister for the Asia-Pacific "
    "Gateway, led a trade mission to Russia, in which nearly 30 Canadian companies in the fields "
    "of construction and building products, aerospace, and mining took part.",
    "Russia’s modernization agenda and its recent accession to the World Trade Organization",
    "Culture has a high profile in Russia",
    "Cirque du Soleil, Garou, Diana Krall, Leonard Cohen, Edouard Lock and La La La Human Steps, "
    "and Robert Lepage and Ex Machina, all of whom had very successful shows in Russia",
    "Robert Bateman and Bryan Adams attended openings of their exhibits.",
    "Angela Hewitt and Marc-André Hamelin both have their dedicated audiences.",
    "Marshall McLuhan's centennial was celebrated across the country in 2011.",
    "Books by Marshall McLuhan, Margaret Atwood, Douglas Coupland, Mordecai Richler and "
    "Jacques Godbout are all translated into Russian.",
    "“Poets of Quebec”, a most comprehensive anthology of French-Canadian poetry, also came out "
    "of press in 2011.",
    "Meetings between Canadian and Russian representatives regularly occur at high levels.",
    "Prime Minister Harper met with former president Dmitry Medvedev on the margins of the "
    "APEC Summit in Honolulu in November 2011.",
    "President Medvedev travelled to Canada to participate in the G-8 and G-20 Summits in "
    "June 2010.",
    "Prime Minister Harper spoke with President Putin following his inauguration on May 7, 2012.",
    "Minister of Foreign Affairs John Baird met with his Russian counterpart Sergey Lavrov at "
    "the G-8 Foreign Ministers’ meeting in Washington in April 2012.",
    "Minister Lavrov travelled to Canada for the G-8 Foreign Ministers’ meeting and the Arctic "
    "Ocean Foreign Ministers’ meeting in March 2010.",
    "Canada is officially represented in Russia by an Embassy in Moscow and an Honorary "
    "Consulate in Vladivostok.",
    "The Russian Federation maintains an Embassy in Ottawa, Consulates in Toronto and Montreal, "
    "and an Honorary Consulate in Vancouver.",
    "August 2012",
]

NBSP = "\u00a0"
FRENCH_FACTS = [
    "Relations Canada-Russie",
    "Cette année marque le 70e anniversaire de l’établissement des relations diplomatiques "
    "entre le Canada et la Russie.",
    "Le Canada et la Russie entretiennent une relation multidimensionnelle et fructueuse",
    "l’Arctique, la stabilité stratégique, la lutte contre le terrorisme et les relations de "
    "défense",
    "l’ONU, le G8, le G20, le Conseil de l’Arctique et le Conseil OTAN-Russie",
    "que le Canada présidera en 2013",
    "les exportations canadiennes de marchandises ayant augmenté de plus de 8 fois – passant de "
    "179 millions de dollars en 1999 à 1,5 milliard de dollars en 2011 –, ce qui fait "
    "de la Russie le 19e marché d’exportation de marchandises du Canada.",
    "étaient les machines, la viande, les véhicules automobiles, le poisson et les aéronefs et "
    "leurs pièces.",
    "en provenance de Russie se sont élevées à 1,3 milliard de dollars en 2011",
    "les combustibles minéraux et le pétrole, les engrais, les pierres et métaux précieux, "
    "le caoutchouc et les produits chimiques inorganiques et leurs composés",
    "des exportations de 254 millions de dollars et des importations de "
    "419 millions de dollars en 2009",
    "En juin 2012, Ed Fast, ministre du Commerce international et ministre de la porte "
    "d’entrée de l’Asie-Pacifique, a dirigé une mission commerciale en Russie, à laquelle ont "
    f"participé près de 30 entreprises canadiennes des domaines suivants{NBSP}: construction et "
    "produits du bâtiment, aérospatiale et mines.",
    "l’Organisation mondiale du commerce",
    "La culture occupe une place importante en Russie",
    "Cirque du Soleil, Garou, Diana Krall, Leonard Cohen, Édouard Lock et La La La Human Steps "
    "et Robert Lepage et Ex Machina, qui ont tous connu un grand succès en Russie",
    "Robert Bateman et Bryan Adams ont assisté aux vernissages de leurs expositions.",
    "Angela Hewitt et Marc-André Hamelin ont tous deux leur public fidèle.",
    "Le centenaire de Marshall McLuhan a été célébré partout au pays en 2011.",
    "Les livres de Marshall McLuhan, Margaret Atwood, Douglas Coupland, Mordecai Richler et "
    "Jacques Godbout sont tous traduits en russe.",
    f"«{NBSP}Poètes du Québec{NBSP}», une anthologie très complète de la poésie "
    "canadienne-française, est également paru en 2011.",
    "Des rencontres entre représentants canadiens et russes ont régulièrement lieu à haut niveau.",
    "Le premier ministre Harper a rencontré l’ancien président Dmitri Medvedev en marge du "
    "Sommet de l’APEC à Honolulu en novembre 2011.",
    "Le président Medvedev a effectué une visite au Canada pour participer aux sommets du G8 et "
    "du G20 en juin 2010.",
    "Le premier ministre Harper a parlé avec le président Poutine à la suite de son investiture "
    "le 7 mai 2012.",
    "son homologue russe Sergueï Lavrov lors de la réunion des ministres des Affaires étrangères "
    "du G8 à Washington en avril 2012.",
    "Le ministre Lavrov a effectué une visite au Canada pour la réunion des ministres des "
    "Affaires étrangères du G8",
    "Le Canada est représenté officiellement en Russie par une ambassade à Moscou et un "
    "consulat honoraire à Vladivostok.",
    "La Fédération de Russie compte une ambassade à Ottawa, des consulats à Toronto et à "
    "Montréal et un consulat honoraire à Vancouver.",
    "août 2012",
]


def folded(sentence: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", sentence)


@pytest.mark.parametrize("fact", ENGLISH_FACTS)
def test_english_page_states_each_fact_of_the_reference_text(client, canada_russia, fact):
    response = client.get("/en/relations/russia/")
    assert response.status_code == 200
    assert folded(fact) in page_text(response)


@pytest.mark.parametrize("fact", FRENCH_FACTS)
def test_french_page_states_each_fact_in_french(client, canada_russia, fact):
    response = client.get("/fr/relations/russie/")
    assert response.status_code == 200
    assert folded(fact) in page_text(response)


def test_pages_declare_their_language(client, canada_russia):
    assert '<html lang="en">' in client.get("/en/relations/russia/").content.decode()
    assert '<html lang="fr">' in client.get("/fr/relations/russie/").content.decode()


def test_language_toggle_links_to_the_same_page_in_the_other_language(client, canada_russia):
    english = client.get("/en/relations/russia/").content.decode()
    french = client.get("/fr/relations/russie/").content.decode()
    assert 'href="/fr/relations/russie/"' in english
    assert 'href="/en/relations/russia/"' in french


def test_breadcrumb_leads_home_then_to_bilateral_relations(client, canada_russia):
    text = page_text(client.get("/en/relations/russia/"))
    assert "Home Bilateral Relations" in text
    assert "Accueil Relations bilatérales" in page_text(client.get("/fr/relations/russie/"))


def test_page_has_skip_link_and_date_modified_as_iso_date(client, canada_russia):
    body = client.get("/en/relations/russia/").content.decode()
    assert 'href="#wb-cont"' in body
    assert re.search(r'<time property="dateModified" datetime="\d{4}-\d{2}-\d{2}">', body)


def test_index_lists_the_profile_in_each_language(client, canada_russia):
    english = client.get("/en/relations/")
    assert "Canada-Russia Relations" in page_text(english)
    assert 'href="/en/relations/russia/"' in english.content.decode()
    assert "Relations Canada-Russie" in page_text(client.get("/fr/relations/"))


def test_site_root_leads_to_the_index(client, db):
    response = client.get("/en/")
    assert response.status_code == 302
    assert response["Location"] == "/en/relations/"


@pytest.mark.parametrize(
    "url",
    [
        "/en/relations/atlantis/",
        "/fr/relations/atlantis/",
        "/en/relations/russia%00/",
        "/en/relations/../../etc/passwd",
        "/de/relations/russia/",
    ],
)
def test_unknown_or_malformed_profile_urls_are_not_found(client, canada_russia, url):
    assert client.get(url).status_code == 404
