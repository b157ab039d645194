"""The Chinese NLP pipeline of the style rules: spaCy's blank Chinese with jieba, POS from jieba.

The substance model (:mod:`gongwen_lint.substance`) segments and tags from packaged data (jieba's
dictionary, its word classes and frequencies, in ``substance_table.bin``); what it cannot decide —
an item that would be reported empty but holds a run of characters the table does not know —
it asks :class:`Tagger` (jieba's dictionary and HMM), built only when a selected rule with
``needs={"nlp"}`` meets such an item, once per configuration via ``ctx.resources.get``
(:func:`get`).  Most drafts never load it (about 8 % of the archive's documents do: old texts in
traditional characters, new terms such as 碳汇 or 管廊).

:class:`Pipeline` is the spaCy form of the same analysis (blank Chinese, jieba tokenizer, jieba
POS on every token, sentences) for library users; no default rule imports spaCy.  Nothing is
downloaded: ``spacy.blank("zh")`` with the ``jieba`` segmenter has no model, and jieba ships its
dictionary.

- tokenizer: spaCy's ``ChineseTokenizer`` with ``segmenter = "jieba"`` (see
  ``spacy/lang/zh/__init__.py``: ``[nlp.tokenizer] segmenter`` selects char/jieba/pkuseg);
- ``gongwen_jieba_pos``: sets ``token.tag_`` to the ``jieba.posseg`` flag (n, v, nt, m …) and
  ``token.pos_`` to the matching Universal POS, aligned by character offset (posseg may cut a
  little differently from ``jieba.cut``);
- ``gongwen_sentences``: sentence starts after 。！？；;!? (Chinese running text has no
  capital letters for a statistical sentencizer to learn from);

jieba keeps a marshalled prefix dictionary (``jieba.*.cache``) in a cache folder; we point it to
the user's cache directory (``$XDG_CACHE_HOME/gongwen-lint``) so it survives /tmp clean-ups and
is reused across runs, and load a pruned copy of jieba's dictionary (:func:`_prepare_jieba`).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .cachedir import cache_folder

#: jieba.posseg flags (ICTCLAS-style) → Universal POS.
_UPOS = {
    "n": "NOUN", "nr": "PROPN", "nrfg": "PROPN", "nrt": "PROPN", "ns": "PROPN", "nt": "PROPN",
    "nz": "PROPN", "ng": "NOUN", "vn": "NOUN", "an": "NOUN", "v": "VERB", "vd": "VERB",
    "vg": "VERB", "vi": "VERB", "vq": "VERB", "a": "ADJ", "ad": "ADV", "ag": "ADJ", "d": "ADV",
    "df": "ADV", "dg": "ADV", "m": "NUM", "mq": "NUM", "q": "NOUN", "r": "PRON", "rr": "PRON",
    "rz": "PRON", "p": "ADP", "c": "CCONJ", "u": "PART", "uj": "PART", "ul": "PART", "uz": "PART",
    "ug": "PART", "uv": "PART", "ud": "PART", "t": "NOUN", "tg": "NOUN", "s": "NOUN", "f": "ADP",
    "x": "PUNCT", "w": "PUNCT", "eng": "X", "l": "X", "i": "X", "j": "PROPN", "b": "ADJ",
    "z": "ADJ", "y": "PART", "e": "INTJ", "o": "X", "k": "PART", "h": "PART", "zg": "X",
}
#: Noun-like tags that say nothing of substance on their own: time, place-word, locality, classifier.
NON_CONTENT_TAGS = frozenset({"t", "tg", "s", "f", "q", "r", "rr", "rz"})
SENTENCE_END = frozenset("。！？；;!?")

_JIEBA_READY = False


def _prepare_jieba():
    """Import jieba quietly, with a pruned dictionary and a persistent cache, and initialise it.

    jieba's full dictionary (349k words) takes about a second to load from its marshalled
    cache; the words seen at least :data:`MIN_WORD_FREQ` times in jieba's own corpus (about
    105k) segment official prose the same way for our purposes (the HMM still joins unknown
    words) and load three to four times faster.  The pruned list is derived once from the
    dictionary jieba ships and kept, with jieba's cache, in the user's cache folder.  This
    sets jieba's process-wide default dictionary, unless something else initialised jieba first.
    """
    global _JIEBA_READY
    import jieba
    import jieba.posseg

    if not _JIEBA_READY:
        jieba.setLogLevel(logging.WARNING)  # jieba logs "Building prefix dict…" to stderr
        if not jieba.dt.initialized:
            folder = _cache_dir()
            if jieba.dt.tmp_dir is None:
                jieba.dt.tmp_dir = folder
            pruned = _pruned_dictionary(jieba, folder)
            if pruned:
                jieba.set_dictionary(pruned)
            jieba.initialize()
        _JIEBA_READY = True
    return jieba


#: Words of jieba's dictionary kept in the pruned copy (frequency in jieba's training corpus).
MIN_WORD_FREQ = 10


def _pruned_dictionary(jieba, folder: str) -> str | None:
    path = Path(folder) / f"jieba-{jieba.__version__}-f{MIN_WORD_FREQ}.txt"
    if path.exists():
        return str(path)
    source = Path(jieba.__file__).with_name("dict.txt")
    try:
        keep = []
        with open(source, encoding="utf-8") as f:
            for line in f:
                parts = line.split(" ")
                if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= MIN_WORD_FREQ:
                    keep.append(line)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("".join(keep), encoding="utf-8")
        os.replace(tmp, path)  # atomic: parallel workers never see half a file
        return str(path)
    except OSError:
        return None  # read-only cache folder: the full dictionary works, only slower


def _cache_dir() -> str:
    path = cache_folder()
    if path is None:
        return tempfile.gettempdir()
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return str(path)
    except OSError:
        return tempfile.gettempdir()


def _register_components() -> None:
    from spacy.language import Language

    if "gongwen_jieba_pos" in Language.factories:
        return

    @Language.component("gongwen_jieba_pos")
    def jieba_pos(doc):
        import jieba.posseg as pseg

        # Character offset → posseg flag, then each token takes the flag at its first char.
        flags: list[str] = []
        for w in pseg.cut(doc.text):
            flags.extend([w.flag] * len(w.word))
        for token in doc:
            flag = flags[token.idx] if token.idx < len(flags) else "x"
            if token.is_space:
                flag = "x"
            elif token.like_num and flag not in ("m", "mq"):
                flag = "m"
            token.tag_ = flag
            token.pos_ = _UPOS.get(flag, "X")
        return doc

    @Language.component("gongwen_sentences")
    def sentences(doc):
        start = True
        for token in doc:
            token.is_sent_start = start
            start = token.text[-1:] in SENTENCE_END
        return doc


class Tagger:
    """jieba's segmentation and POS (dictionary + HMM), without spaCy: what the substance model asks
    in doubt.  Loading it is jieba's alone (about a third of a second with the pruned dictionary);
    spaCy's import would double that, for nothing the rules need."""

    def __init__(self, generic_words: Iterable[str] = ()):
        jieba = _prepare_jieba()
        self._pseg = jieba.posseg
        self.generic = frozenset(generic_words)
        self._cache: dict[str, list[tuple[str, str]]] = {}

    def words(self, text: str) -> list[tuple[str, str]]:
        """(word, jieba.posseg flag) of ``text``; recent results are kept."""
        out = self._cache.get(text)
        if out is None:
            if len(self._cache) > 2000:
                self._cache.clear()
            out = self._cache[text] = [(w.word, w.flag) for w in self._pseg.cut(text)]
        return out

    def content_words(self, text: str, runs: tuple[str, ...]) -> tuple[str, ...]:
        """The words that jieba makes of ``runs`` inside ``text`` and tags as nouns or names,
        generic ones removed: what the substance model asks in doubt.

        ``管廊`` in 综合管廊建设 comes back as a noun; a run the tagger reads as an idiom, a verb or
        a function word counts as nothing."""
        spans = []
        for run in runs:
            k = text.find(run)
            while k >= 0:
                spans.append((k, k + len(run)))
                k = text.find(run, k + len(run))
        found = []
        k = 0
        for word, flag in self.words(text):
            a, b = k, k + len(word)
            k = b
            if not any(a < e and s < b for s, e in spans):
                continue
            upos = _UPOS.get(flag, "X")
            content = (upos in ("NOUN", "PROPN") and flag not in NON_CONTENT_TAGS) or flag in ("eng", "j")
            if content and len(word) >= 2 and not self.is_generic(word):
                found.append(word)
        return tuple(dict.fromkeys(found))

    def is_generic(self, word: str) -> bool:
        """A word made only of generic words (服务水平 = 服务 + 水平, 工作机制 …)."""
        n = len(word)
        ok = [True] + [False] * n
        for i in range(n):
            if ok[i]:
                for j in range(i + 1, n + 1):
                    if word[i:j] in self.generic:
                        ok[j] = True
        return ok[n]


class Pipeline:
    """spaCy blank Chinese with jieba segmentation and jieba POS on every token, and Chinese
    sentence boundaries — for library users who want spaCy ``Doc`` objects.  No default rule
    loads it (they ask :class:`Tagger`)."""

    def __init__(self):
        _prepare_jieba()
        import spacy

        _register_components()
        self.nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        self.nlp.add_pipe("gongwen_jieba_pos")
        self.nlp.add_pipe("gongwen_sentences")

    def __call__(self, text: str):
        return self.nlp(text)

    def pipe(self, texts: Iterable[str]):
        return self.nlp.pipe(texts)


def get(ctx) -> Tagger:
    """The tagger of ``ctx``'s configuration (built on first use, then cached)."""
    from .lexicon import get as lexicon

    return ctx.resources.get("nlp.tagger", lambda: Tagger(lexicon(ctx).stripped))
