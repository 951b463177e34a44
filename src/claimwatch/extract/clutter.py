"""Lines that travel with copy-pasted articles but are not article text.

Captions, page-interface buttons (in any language), share bars, copyright lines.
Each test is about one line; ``text.py`` decides where in the page it applies.
"""

from __future__ import annotations

import re
import unicodedata
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
_SOCIAL = {"facebook", "twitter", "x", "email", "e-mail", "linkedin", "whatsapp", "telegram", "reddit", "print",
           "copy", "link", "share", "messenger", "pinterest", "flipboard", "tumblr", "bluesky", "threads"}
_FURNITURE = re.compile(
    r"^(?:©|ⓒ|\(c\)|copyright\b)|all rights reserved|^(?:read more|related|see also|also read|more on this|"
    r"follow us|sign up for|subscribe to|click here|watch:|listen:|advertisement\b)[:\s]",
    re.I,
)
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
    return len(words) >= 2 and all(word in _SOCIAL for word in words)


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
    return words <= 45 and bool(_PHOTO_VERB.search(line)) and line.count(". ") <= 1 and '"' not in line and "“" not in line


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
    for char in text:
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ")[0]
    except ValueError:
        return "UNKNOWN"
