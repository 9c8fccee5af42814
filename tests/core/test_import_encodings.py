"""Text files in the old Windows and ISO code pages read back with the letters they were
written with: Portuguese and French in Latin-1 or Windows-1252, Czech and Polish in Windows-1250."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from qtapp.core.importers import read_document

# Words of each language, with the letters the two code pages tell apart (ã ç õ ê à è ô …
# against ř ě ů ł ż ś ą ę …), and plain ones between them.
WORDS = {
    "pt": ["não", "decisão", "será", "março", "informações", "câmara", "ponte", "obras", "você", "três",
           "ministra", "avó", "à", "conselho", "orçamento", "lá", "às", "pôr", "questões", "então"],
    "fr": ["déclaré", "été", "très", "à", "où", "façon", "garçon", "fenêtre", "hôpital", "naïf", "noël",
           "conseil", "mairie", "élus", "après", "même", "forêt", "tôt", "règle", "pont"],
    "cs": ["řekl", "že", "práce", "mostě", "začnou", "létě", "rozhodnutí", "přijme", "příští", "týden",
           "zastupitelstvo", "kůň", "ještě", "město", "dluh", "ulice", "řeka", "účet", "žádný", "starosta"],
    "pl": ["powiedział", "że", "moście", "zaczną", "się", "decyzję", "przyszłym", "tygodniu", "miasta",
           "rada", "źródło", "żółw", "ślad", "będzie", "ćma", "pieniądze", "burmistrz", "jeszcze", "łódź", "mąż"],
}
PAGES = {"pt": ["latin-1", "cp1252"], "fr": ["latin-1", "cp1252"], "cs": ["cp1250"], "pl": ["cp1250"]}
CASES = [(lang, page) for lang, pages in PAGES.items() for page in pages]

# Sentences a reporter might have saved in Notepad years ago.
SENTENCES = {
    "pt": "A ministra disse que não há dinheiro para as obras da ponte, e que a decisão será tomada em março.",
    "fr": "Le maire a déclaré que les travaux du pont commenceront à l'été, après une décision très attendue.",
    "cs": "Starosta řekl, že práce na mostě začnou v létě a že rozhodnutí přijme zastupitelstvo příští týden.",
    "pl": "Burmistrz powiedział, że prace na moście zaczną się latem, a decyzję podejmie rada w przyszłym tygodniu.",
}


def _read(tmp_path, data: bytes) -> str:
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    return read_document(path).text


@pytest.mark.parametrize(("lang", "page"), CASES)
def test_a_sentence_reads_back_in_its_own_letters(tmp_path, lang, page):
    assert _read(tmp_path, SENTENCES[lang].encode(page)) == SENTENCES[lang]


@pytest.mark.parametrize(("lang", "page"), CASES)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_sentence_of_the_language_reads_back(tmp_path_factory, lang, page, data):
    words = data.draw(st.lists(st.sampled_from(WORDS[lang]), min_size=3, max_size=25))
    text = " ".join(words).capitalize() + "."
    # A few accented letters alone can be either page's, letter by letter: "øekl" is as Danish
    # as "řekl" is Czech, "mostì" as Italian as "mostě" Czech. Then the Western page wins.
    assume(len({ch.lower() for ch in text if not ch.isascii()}) >= 3)
    assert _read(tmp_path_factory.mktemp("enc"), text.encode(page)) == text
