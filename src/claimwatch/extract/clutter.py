"""Lines that travel with copy-pasted articles but are not article text.

Captions, page-interface buttons (in any language), share bars, copyright lines.
Each test is about one line; ``text.py`` decides where in the page it applies.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher

# Whole-line interface labels, compared case-insensitively without punctuation.
INTERFACE_LABELS = {
    # English
    "enlarge image", "enlarge", "close", "share", "share this", "share this article", "share this story",
    "print", "email", "e-mail", "comment", "comments", "advertisement", "advertising", "sponsored",
    "subscribe", "sign up", "sign in", "log in", "read more", "see more", "show more", "load more",
    "related", "related articles", "related stories", "more stories", "top stories", "most read",
    "next", "previous", "back to top", "copy link", "link copied", "view image", "view gallery",
    "play video", "watch", "listen", "listen to this article", "font size", "text size", "bookmark",
    "save", "save article", "follow", "follow us", "cookie settings", "accept", "accept all",
    "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "skip to content",
    "skip advertisement", "continue reading", "gift this article", "trending",
    # Korean
    "기사 이미지 확대 보기", "이미지 확대 보기", "확대 보기", "확대", "닫기", "공유", "공유하기", "인쇄",
    "기사 공유", "글자 크기", "댓글", "구독", "좋아요", "스크랩",
    # Japanese, Chinese
    "閉じる", "拡大", "画像を拡大", "共有", "印刷", "关闭", "關閉", "放大", "分享", "打印", "點擊放大", "点击放大",
    # German, French, Spanish, Italian, Portuguese, Dutch
    "schließen", "schliessen", "teilen", "artikel teilen", "drucken", "bild vergrößern", "vergrößern", "anzeige",
    "fermer", "partager", "imprimer", "agrandir", "agrandir l'image", "publicité", "lire aussi",
    "cerrar", "compartir", "imprimir", "ampliar", "ampliar imagen", "publicidad", "lee también",
    "chiudi", "condividi", "stampa", "ingrandisci", "pubblicità",
    "fechar", "compartilhar", "partilhar", "ampliar imagem", "publicidade",
    "sluiten", "delen", "vergroten",
    # Russian, Ukrainian, Arabic, Turkish
    "закрыть", "поделиться", "увеличить", "печать", "реклама", "закрити", "поділитися", "збільшити",
    "إغلاق", "مشاركة", "تكبير", "طباعة", "kapat", "paylaş", "büyüt",
}
# Headings of the lists of other stories in and under an article ("Most read", "Mehr zum Thema"):
# the short lines without a full stop that follow one are other stories' headlines.
SECTION_HEADINGS = {
    "most read", "most popular", "most viewed", "most shared", "most commented", "related", "related articles",
    "related stories", "related coverage", "related content", "related news", "related topics", "more stories",
    "more news", "more from", "more on this story", "top stories", "latest news", "latest stories", "trending",
    "trending now", "recommended", "recommended for you", "you may also like", "you might also like",
    "editor's picks", "editors' picks", "don't miss", "read more", "see also", "also read", "read also",
    "mehr zum thema", "das könnte sie auch interessieren", "meistgelesen", "lire aussi", "à lire aussi",
    "sur le même sujet", "les plus lus", "te puede interesar",
    "lo más leído", "leggi anche", "i più letti", "관련 기사", "관련기사", "많이 본 뉴스", "인기 기사", "читайте также",
    "по теме", "самое читаемое",
}
_LIST_PREFIX = re.compile(r"^(?:tags?|topics|keywords|themen|schlagwörter|mots-clés|our standards)\s*:", re.I)
_SOCIAL = {"facebook", "twitter", "x", "email", "e-mail", "linkedin", "whatsapp", "telegram", "reddit", "print",
           "copy", "link", "share", "messenger", "pinterest", "flipboard", "tumblr", "bluesky", "threads"}
_FURNITURE = re.compile(
    r"^(?:©|ⓒ|\(c\)|copyright\b)|all rights reserved|^(?:read more|related|see also|also read|more on this|"
    r"follow us|sign up for|subscribe to|click here|watch:|listen:|advertisement\b|tags?:|our standards:|"
    r"this article was printed from)[:\s]|\bsupport us\b|\bpurchase licensing rights\b"
    r"|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$",  # a reporter's e-mail address on its own line
    re.I,
)
# "Home › World › Europe", "National > Defense": where the page sits on its site.
_BREADCRUMB = re.compile(r"^[^\W\d][\w&'’ -]{0,30}(?:\s+[>›»]\s+[^\W\d][\w&'’ -]{0,30}){1,5}$")
# Credits that end a photo caption: "... Yonhap", "(Reuters photo)", "AP Photo/Name", "Getty Images".
_CAPTION_CREDIT = re.compile(
    r"(?:\b(?:photo|picture|image|file photo|courtesy)\b[^.]{0,40}$"
    r"|\b(?:AP Photo|Reuters|AFP|Getty Images|EPA|Yonhap|Xinhua|TASS|Sputnik|Shutterstock|"
    r"Anadolu|Pool|Handout)\b[/ \w.'-]{0,40}\)?$)",
    re.I,
)
_PHOTO_VERB = re.compile(
    r"\b(?:speaks?|speaking|attends?|is seen|are seen|poses?|walks?|gestures?|arrives?|looks on|listens?|"
    r"delivers?|shakes? hands|stands?|sits?|waves?|holds?|inspects?|salutes?|pictured|seen here)\b",
    re.I,
)
_WORD = re.compile(r"\w+", re.U)


def label_key(line: str) -> str:
    return re.sub(r"[^\w\s'-]+", "", line, flags=re.U).strip().casefold()


def is_interface_line(line: str) -> bool:
    """A page button or bar: "닫기", "Enlarge image", "Facebook Twitter Email", "Share this article"."""
    key = label_key(line)
    if not key:
        return bool(line.strip())  # punctuation-only lines ("|", "•••")
    if key in INTERFACE_LABELS:
        return True
    words = key.split()
    if len(words) >= 2 and all(word in _SOCIAL for word in words):
        return True
    if _BREADCRUMB.match(line.strip()):
        return True
    # A bar of links: "Terms of use | Privacy policy | Cookie settings | Contact us".
    parts = re.split(r"\s+[|•·]\s+", line.strip())
    return len(parts) >= 3 and all(1 <= len(part.split()) <= 4 and not re.search(r"[\d|]", part) for part in parts)


def is_section_heading(line: str) -> bool:
    """The heading of a list of other stories: "Most read", "Related coverage", "Tags: ..."."""
    return label_key(line) in SECTION_HEADINGS or bool(_LIST_PREFIX.match(line.strip()))


def is_furniture_line(line: str) -> bool:
    """Copyright notes, "Read more:" links, sign-up prompts."""
    return bool(_FURNITURE.search(line.strip())) and len(line.split()) < 30


def has_caption_credit(line: str) -> bool:
    stripped = line.strip().rstrip(".")
    match = _CAPTION_CREDIT.search(stripped)
    if not match or stripped.endswith(("\"", "”")):
        return False
    # "... told Reuters", "according to AFP", "showed the photo": a sentence naming the agency, not a credit.
    before = stripped[: match.start()].split()
    return not (before and before[-1].islower() and before[-1][-1].isalpha())


def looks_like_photo_description(line: str) -> bool:
    """One present-tense sentence describing a picture: "X speaks at Y on Oct. 11, 2024."."""
    words = len(_WORD.findall(line))
    quoted = '"' in line or "“" in line
    return words <= 45 and bool(_PHOTO_VERB.search(line)) and line.count(". ") <= 1 and not quoted


def near_duplicate(a: str, b: str, threshold: float = 0.85) -> bool:
    """Two captions that differ only by punctuation or a credit."""
    ka, kb = label_key(a), label_key(b)
    if not ka or not kb:
        return False
    if ka.startswith(kb) or kb.startswith(ka):
        return min(len(ka), len(kb)) >= 20
    return SequenceMatcher(None, ka, kb).ratio() >= threshold


def dominant_script(text: str) -> str | None:
    """The writing system most letters of ``text`` are in ("LATIN", "HANGUL", ...)."""
    counts: dict[str, int] = {}
    for char, count in Counter(text).items():
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + count
    return max(counts, key=counts.__getitem__) if counts else None


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ")[0]
    except ValueError:
        return "UNKNOWN"
