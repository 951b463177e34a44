"""Ukrainian: tokenize-uk (sentences, words) and pymorphy3 with its Ukrainian dictionaries.

No parser or name tagger for Ukrainian ships in a PyPI package, so names come from the
dictionary's grammemes and the shape of the text, following NER-UK's conventions:
- PER: capitalised words the dictionary knows as first names, surnames or patronymics
  ("Андрій Юсов", "В. Зеленський");
- ORG: an institution noun written with a capital and the lowercase words and proper name that
  complete it ("Міністерство закордонних справ Кестрії"), or an acronym ("СБУ", "НАТО");
- LOC: any other capitalised noun inside a sentence ("у Валдорії", "Київ").
The dictionary loads once per process, on the first Ukrainian article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from claimwatch.nlp.parsed import Name, ParsedText, Sentence, Word

_PARAGRAPH = re.compile(r"[^\n]+")
_POS = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB", "PRTF": "VERB",
    "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM", "NUMB": "NUM", "ADVB": "ADV", "NPRO": "PRON", "PREP": "ADP",
    "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ", "PNCT": "PUNCT",
}
_FORMS = {"VERB": "Fin", "INFN": "Inf", "PRTF": "Part", "PRTS": "Part", "GRND": "Conv"}
_CASES = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins", "loct": "Loc", "voct": "Voc"}
PERSON_GRAMMEMES = {"Name", "Surn", "Patr"}
# Nouns that head an organisation's name when written with a capital ("Міністерство оборони").
INSTITUTIONS = {
    "міністерство", "мзс", "управління", "служба", "рада", "комітет", "агентство", "банк", "фонд", "партія", "суд",
    "прокуратура", "департамент", "інститут", "університет", "компанія", "адміністрація", "кабінет", "офіс",
    "уряд", "генштаб", "штаб", "сили", "сила", "гвардія", "поліція", "бюро", "центр", "асоціація", "об'єднання",
    "спілка", "академія", "інспекція", "казначейство", "фракція", "корпорація", "товариство", "альянс",
    "організація", "парламент", "міністр", "посольство", "представництво", "міськрада", "держдума", "дума",
    "кремль", "командування", "розвідка", "апарат", "секретаріат", "палата", "мерія", "фонду", "концерн",
    "підприємство", "завод", "театр", "музей", "бібліотека", "коледж", "ліцей", "школа", "лікарня", "церква",
    "облрада", "райрада", "кабмін", "держрезерв", "комбінат", "лісгосп", "тепломережа", "фабрика",
    "холдинг", "група", "федерація", "клуб", "газета", "видання", "телеканал", "агенція",
}
# Legal forms before a quoted company name: "ТОВ «ТД «Укрпласт»", "ДП «Волиньвугілля»".
LEGAL_FORMS = {"тов", "дп", "кп", "квп", "пп", "ат", "пат", "прат", "тд", "во", "го", "бф", "мбф", "нгу", "фоп"}
_ACRONYM = re.compile(r"^(?![IVXLC]+$)[А-ЯІЇЄҐA-Z]{2,6}$")  # not a Roman numeral ("Катерини II")
_PLACE_CUES = {
    "у", "в", "на", "до", "з", "із", "зі", "від", "біля", "через", "під", "над", "по", "поблизу", "місто", "міста",
    "місті", "село", "села", "селі", "область", "області", "район", "району", "країна", "країни", "столиця",
    "столиці", "порт", "порту", "річка", "річки",
}
_FUNCTION_WORDS = {"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "ADVB", "NUMR"}
_INITIAL = re.compile(r"^[А-ЯІЇЄҐ]\.$")


@lru_cache(maxsize=1)
def load_morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def parse(text: str) -> ParsedText:
    """Sentences (never across a line break), lemmas and names of a Ukrainian text."""
    sentences: list[Sentence] = []
    for paragraph in _PARAGRAPH.finditer(text):
        if paragraph.group().strip():
            sentences.extend(_sentences(paragraph.group(), paragraph.start()))
    names = _second_references([name for sentence in sentences for name in find_names(sentence, text)])
    return ParsedText(text, tuple(sentences), tuple(names))


def _second_references(names: list[Name]) -> list[Name]:
    """A surname alone after the full name ("Юсов" after "Андрій Юсов") is the same person."""
    surnames = {name.text.split()[-1]: name for name in names if name.label == "PER" and " " in name.text}
    result = []
    for name in names:
        full = surnames.get(name.text)
        if full is not None and name.label != "PER":
            name = Name(name.start, name.end, name.text, "PER", full.normal.split()[-1])
        result.append(name)
    return result


def _sentences(text: str, offset: int) -> list[Sentence]:
    import tokenize_uk

    sentences = []
    for _, start, end in tokenize_uk.tokenize_sents_with_spans(text):
        words = [
            _word(index, token, offset + start + token_start, offset + start + token_end, index == 0)
            for index, (token, token_start, token_end) in enumerate(
                tokenize_uk.tokenize_words_with_spans(text[start:end])
            )
        ]
        sentences.append(Sentence(offset + start, offset + end, tuple(words)))
    return sentences


def _word(index: int, text: str, start: int, end: int, first: bool) -> Word:
    parse = best_parse(text, prefer_names=text[:1].isupper() and not first)
    tag = parse.tag
    pos = _POS.get(tag.POS or "", "PUNCT" if not any(c.isalnum() for c in text) else "X")
    if pos == "NOUN" and (PERSON_GRAMMEMES | {"Geox", "Orgn"}) & set(tag.grammemes):
        pos = "PROPN"
    form = _FORMS.get(tag.POS or "")
    return Word(index, text, start, end, parse.normal_form, pos, _CASES.get(tag.case or ""), form)


def parses(word: str) -> list[Any]:
    return load_morph().parse(word)


def normal_forms(word: str) -> set[str]:
    """Every dictionary form a word may have out of context ("Кореї" -> {"корея"}), lower-case."""
    return {parse.normal_form for parse in parses(word)} | {word.lower()}


def best_parse(word: str, *, prefer_names: bool = False, case: str | None = None) -> Any:
    """The likeliest analysis; inside a sentence a capitalised word is read as a name if it can be one."""
    options = parses(word)
    if case:
        options = [p for p in options if p.tag.case == case] or options
    if prefer_names:
        options = [p for p in options if PERSON_GRAMMEMES & set(p.tag.grammemes)] or options
    return options[0]


def is_person_word(word: str, *, known: bool = True) -> bool:
    """A first name, surname or patronymic; ``known``: in the dictionary, not guessed from its ending."""
    if known and not load_morph().word_is_known(word.lower()):
        return False
    return any(PERSON_GRAMMEMES & set(p.tag.grammemes) for p in parses(word))


def nominative_name(words: list[str]) -> str:
    """A name in its dictionary form: "Олексія Рєзнікова" -> "Олексій Рєзніков".

    The words of a name agree in case and gender, so the reading they share decides ("Рєзнікова"
    alone may be a woman's name in the nominative; after "Олексія" it is a man's in the genitive).
    """
    readings = [_person_readings(word) for word in words]
    # Only dictionary words decide the case: a guessed reading ("Мірела" as a man's genitive) misleads.
    known = [set(r) for word, r in zip(words, readings, strict=True) if r and load_morph().word_is_known(word.lower())]
    shared = set.intersection(*known) if known else set()
    if not shared or any(case == "nomn" for case, _ in shared):
        return " ".join(words)
    pick = sorted(shared)[0]
    return " ".join(
        _capitalise(reading[pick] if reading and pick in reading else _noun_form(word, pick), word)
        for word, reading in zip(words, readings, strict=True)
    )


def _noun_form(word: str, case_gender: tuple[str, str]) -> str:
    """A surname the dictionary only guesses: its noun reading in the name's case and gender, else itself."""
    case, gender = case_gender
    for parse in parses(word):
        if parse.tag.POS == "NOUN" and parse.tag.case == case and str(parse.tag.gender or "") in (gender, ""):
            return parse.normal_form
    if gender == "masc" and case in ("gent", "accs"):  # "Бомбандьорова" -> "Бомбандьоров", "Лемського"
        for ending, nominative in (("ського", "ський"), ("цького", "цький"), ("ова", "ов"), ("ева", "ев"),
                                   ("єва", "єв"), ("іна", "ін"), ("ина", "ин")):
            if word.endswith(ending):
                return word[: -len(ending)] + nominative
    return word


def _person_readings(word: str) -> dict[tuple[str, str], str]:
    """(case, gender) -> dictionary form, over the word's name readings."""
    if _INITIAL.match(word) or _ACRONYM.match(word):
        return {}
    return {
        (str(p.tag.case), str(p.tag.gender or "")): p.normal_form
        for p in reversed(parses(word))
        if PERSON_GRAMMEMES & set(p.tag.grammemes) and p.tag.case
    }


def _capitalise(lemma: str, like: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in lemma.split("-")) if like[:1].isupper() else lemma


def find_names(sentence: Sentence, text: str) -> list[Name]:
    names: list[Name] = []
    words = sentence.words
    index = 0
    while index < len(words):
        # "Ради безпеки" heads an organisation although "Рада" is also a first name.
        institution = words[index].lemma in INSTITUTIONS and index + 1 < len(words) and words[index + 1].text.islower()
        found = (
            (_organisation(words, index) if institution else None)
            or _person(words, index)
            or _organisation(words, index)
            or _place(words, index)
        )
        if found is None:
            index += 1
            continue
        end, label = found
        span = words[index:end]
        if label == "ORG-QUOTED":
            label, span = "ORG", span[1:-1]
        surface = text[span[0].start : span[-1].end]
        normal = nominative_name([w.text for w in span]) if label == "PER" else surface
        names.append(Name(span[0].start, span[-1].end, surface, label, normal))
        index = end
    return names


def _capitalised(word: Word) -> bool:
    return word.text[:1].isupper() and any(c.islower() for c in word.text)


def _person(words: tuple[Word, ...], index: int) -> tuple[int, str] | None:
    end = index
    while end < len(words) and (
        (_capitalised(words[end]) and is_person_word(words[end].text)) or _INITIAL.match(words[end].text)
    ):
        end += 1
    if end == index or all(_INITIAL.match(w.text) for w in words[index:end]):
        return None
    # A lone word that may also be a place or a thing ("Києві": Kyiv, or the name Кий) is not a person.
    if end - index == 1 and any("inan" in p.tag.grammemes and p.tag.POS == "NOUN" for p in parses(words[index].text)):
        return None
    # A surname the dictionary does not know, after a first name or an initial it does ("Андрій Юсов",
    # "Маттіас Керн").
    first_name = end - index == 1 or _INITIAL.match(words[end - 1].text)
    while end < len(words) and _capitalised(words[end]) and (
        first_name or is_person_word(words[end].text, known=False)
    ):
        end += 1
        first_name = False
    # A lone capitalised word opening a sentence is a name only if it cannot be anything else.
    if index == 0 and end == 1 and not all(PERSON_GRAMMEMES & set(p.tag.grammemes) for p in parses(words[0].text)):
        return None
    return end, "PER"


def _organisation(words: tuple[Word, ...], index: int) -> tuple[int, str] | None:
    word = words[index]
    if word.text.lower() in LEGAL_FORMS and index + 1 < len(words) and words[index + 1].text == "«":
        return _quoted_end(words, index + 1), "ORG"
    if word.text == "«" and index + 1 < len(words) and _capitalised(words[index + 1]):
        end = _quoted_end(words, index)
        if end - index <= 6 and words[end - 1].text == "»":
            return end, "ORG-QUOTED"  # the words inside, without the marks
    if _ACRONYM.match(word.text) and _is_abbreviation(word.text):
        return index + 1, "ORG"
    # The head noun, or an adjective (and up to two lowercase ones) before it: "Житомирської обласної ради".
    heads = {word.lemma}
    if word.pos == "ADJ":
        for following in words[index + 1 : index + 4]:
            heads.add(following.lemma)
            if following.pos != "ADJ" or not following.text.islower():
                break
    if not _capitalised(word) or INSTITUTIONS.isdisjoint(heads):
        return None
    end = index + 1
    # Lowercase adjectives and genitive nouns complete the name; a capitalised genitive place closes it
    # ("... розвідки Селмари"), a capitalised adjective goes on to its noun ("... Північного альянсу").
    while end < len(words) and words[end].pos in ("ADJ", "NOUN", "PROPN") and (
        words[end].text.islower()
        or (words[end].case == "Gen" and _capitalised(words[end]) and not is_person_word(words[end].text))
    ):
        end += 1
        if _capitalised(words[end - 1]) and words[end - 1].pos != "ADJ":
            break
    return end, "ORG"


def _quoted_end(words: tuple[Word, ...], opening: int) -> int:
    """Just past the mark closing the « at ``opening`` (quotes nest: «ТД «Укрпласт»»); when the marks do not
    balance («Шляхове будівництво «Альтком»), past the last closing mark of the sentence."""
    depth, last_closing = 0, opening + 1
    for index in range(opening, len(words)):
        depth += {"«": 1, "»": -1}.get(words[index].text, 0)
        if words[index].text == "»":
            last_closing = index + 1
        if depth <= 0:
            return index + 1
    return last_closing


def _is_abbreviation(word: str) -> bool:
    """ "СБУ", "НАТО": an acronym, not a place written in capitals in a dateline ("КИЇВ")."""
    options = parses(word)
    return not load_morph().word_is_known(word.lower()) or any("Abbr" in p.tag.grammemes for p in options)


def _place(words: tuple[Word, ...], index: int) -> tuple[int, str] | None:
    word = words[index]
    known_place = word.text.isupper() and load_morph().word_is_known(word.text.lower())  # "КИЇВ" in a dateline
    if not known_place and (index == 0 or not _capitalised(word) or word.pos not in ("NOUN", "PROPN", "X")):
        return None
    if len(word.text) < 2 or any(p.tag.POS in _FUNCTION_WORDS for p in parses(word.text)):
        return None  # "І", "Про" opening a line of a title
    # A capitalised word the dictionary knows as a noun ("Україна", "Київ"), or any after a preposition of
    # place or a place noun ("у Валдорії", "місто Дравік"); other capitals are titles, brands, works.
    before = words[index - 1].text.lower() if index else ""
    if not (known_place or before in _PLACE_CUES or load_morph().word_is_known(word.text.lower())):
        return None
    return index + 1, "LOC"
