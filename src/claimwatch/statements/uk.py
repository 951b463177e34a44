"""Ukrainian statements: tokens and lemmas (``nlp.uk``) -> attributions by pattern -> speakers -> stance.

Stages, in order: ``nlp.uk.parse`` (tokenize-uk, pymorphy3 lemmas and cases, names from the
dictionary's grammemes); the surface rules of ``statements.slavic`` (``заявив, що``,
``«...», — сказав``, ``за словами``, ``за даними``), the source from word order (no parser for
Ukrainian ships offline); speakers resolved by name (nominative forms: "Олексія Рєзнікова" ->
"Олексій Рєзніков") and the gazetteer; then ``stance.slavic`` (run by ``stance.languages``) for act and certainty.
"""

from __future__ import annotations

from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp import uk as nlp_uk
from claimwatch.nlp.parsed import ParsedText, Sentence, Word
from claimwatch.records import Article, Statement
from claimwatch.statements.slavic import SpeakerResolver, build_statements, find_attributions, surface_source

LANGUAGE = "uk"


def find_statements(article: Article, gazetteer: Gazetteer) -> tuple[list[Statement], dict[str, str], ParsedText]:
    """The article's statements, the act of each one's cue (by statement id) and the parse, for the stance stage."""
    parsed = nlp_uk.parse(article.body)
    found = find_attributions(parsed, LANGUAGE, source_of)
    resolver = SpeakerResolver(parsed, gazetteer, LANGUAGE, lemma_of, nlp_uk.normal_forms, forms_of)
    statements = build_statements(article, parsed, found, resolver, LANGUAGE)
    acts = {item.cue[0]: item.act for item in found}
    return statements, {s.id: acts.get(s.cue.start, "asserts") for s in statements if s.cue}, parsed


def source_of(sentence: Sentence, cue: Word, content: tuple[int, int]) -> tuple[int, int] | None:
    return surface_source(sentence, cue, content, LANGUAGE)


def lemma_of(word: Word) -> str:
    """The nominative of a role or name word ("міністра" -> "міністр", "Юсова" -> "Юсов")."""
    if word.text[:1].isupper() and nlp_uk.is_person_word(word.text, known=False):
        return nlp_uk.nominative_name([word.text])
    return word.lemma


def forms_of(text: str) -> list[str]:
    """Every dictionary form a name may have ("Солана" -> "Солан", "Солана"), for gazetteer lookups."""
    forms = dict.fromkeys(p.normal_form for p in nlp_uk.parses(text))
    return [form[:1].upper() + form[1:] for form in forms]
