"""The Chinese NLP pipeline of the style rules: spaCy's blank Chinese with jieba, POS from jieba.

Built only when a selected rule asks for it (``needs={"nlp"}``), and then only when the
substance model (:mod:`gongwen_lint.substance`) meets a sentence its packaged data cannot decide —
a run of characters its word table does not know, left over once the stock words are gone
(:meth:`Pipeline.content_words`) — once per configuration via ``ctx.resources.get``
(:func:`get`).  Most drafts never load it.  Nothing is downloaded: ``spacy.blank("zh")`` with the
``jieba`` segmenter has no model, and jieba ships its dictionary.

- tokenizer: spaCy's ``ChineseTokenizer`` with ``segmenter = "jieba"`` (see
  ``spacy/lang/zh/__init__.py``: ``[nlp.tokenizer] segmenter`` selects char/jieba/pkuseg);
- ``gongwen_jieba_pos``: sets ``token.tag_`` to the ``jieba.posseg`` flag (n, v, nt, m …) and
  ``token.pos_`` to the matching Universal POS, aligned by character offset (posseg may cut a
  little differently from ``jieba.cut``);
- ``gongwen_sentences``: sentence starts after 。！？；;!? (Chinese running text has no
  capital letters for a statistical sentencizer to learn from);
- a ``Matcher``/``PhraseMatcher`` for measure sentences (:meth:`Pipeline.measure_parts`).

jieba keeps a marshalled prefix dictionary (``jieba.*.cache``) in a cache folder; we point it to
the user's cache directory (``$XDG_CACHE_HOME/gongwen-lint``) so it survives /tmp clean-ups and
is reused across runs, and load a pruned copy of jieba's dictionary (:func:`_prepare_jieba`).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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
CONTENT_X_TAGS = frozenset({"eng", "l", "i", "j"})
SENTENCE_END = frozenset("。！？；;!?")
#: Units after a number that make it a quantity (GW703 量化).
UNITS = ["%", "％", "个", "项", "家", "所", "人", "人次", "名", "万", "亿", "元", "万元", "亿元", "件", "次", "户",
         "公里", "千米", "米", "吨", "万吨", "亩", "平方米", "天", "日", "年", "月", "周", "小时", "批", "座", "条", "套",
         "台", "辆", "本", "份", "倍", "千瓦", "兆瓦", "立方米", "床", "张", "期", "场", "轮"]

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
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "gongwen-lint"
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


@dataclass
class MeasureParts:
    """What one measure sentence contains, by the pipeline's patterns."""

    verbs: list[str]
    vague_verbs: list[str]
    nouns: list[str]  # content nouns, generic ones removed
    organs: list[str]  # tokens tagged nt (organisation names)
    responsible: bool  # 由…负责/牵头, 牵头单位
    quantity: bool  # number + unit, percentage


class Pipeline:
    """spaCy blank Chinese + jieba segmentation and POS, with the measure-sentence patterns."""

    def __init__(self, vague_verbs: Iterable[str] = (), generic_words: Iterable[str] = ()):
        _prepare_jieba()
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher

        _register_components()
        self.nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        self.nlp.add_pipe("gongwen_jieba_pos")
        self.nlp.add_pipe("gongwen_sentences")
        self._docs: dict[str, object] = {}
        self.vague_verbs = frozenset(vague_verbs)
        self.generic = frozenset(generic_words)
        self.phrases = PhraseMatcher(self.nlp.vocab)
        self.phrases.add("VAGUE_VERB", list(self.nlp.tokenizer.pipe(sorted(self.vague_verbs))))
        self.matcher = Matcher(self.nlp.vocab)
        # 由 市教育局 负责 / 由 各区 牵头: a responsible party named in the sentence.
        self.matcher.add(
            "RESPONSIBLE",
            [
                [{"TEXT": {"REGEX": "^由"}}, {"POS": {"IN": ["PROPN", "NOUN", "X"]}, "OP": "+"}, {"ORTH": {"IN": ["负责", "牵头", "承担", "组织", "实施"]}}],
                [{"ORTH": {"IN": ["牵头单位", "责任单位", "牵头部门", "责任部门", "责任人"]}}],
                [{"POS": "PROPN", "TAG": "nt"}, {"ORTH": {"IN": ["负责", "牵头", "负总责"]}}],
            ],
        )
        # 3 个, 20 %, 5000 万元 — a number followed by a unit or a percent sign.
        self.matcher.add(
            "QUANTITY",
            [
                [{"TAG": {"IN": ["m", "mq"]}}, {"ORTH": {"IN": UNITS}}],
                [{"LIKE_NUM": True}, {"ORTH": {"IN": UNITS}}],
                [{"TAG": "mq"}],
            ],
        )

    def __call__(self, text: str):
        """The parsed ``text``; GW702 and GW703 often ask about the same sentence, so recent
        results are kept."""
        doc = self._docs.get(text)
        if doc is None:
            if len(self._docs) > 2000:
                self._docs.clear()
            doc = self._docs[text] = self.nlp(text)
        return doc

    def pipe(self, texts: Iterable[str]):
        return self.nlp.pipe(texts)

    def measure_parts(self, doc, skip: frozenset[int] | set[int] = frozenset()) -> MeasureParts:
        """Verbs, vague verbs, content nouns and organs of ``doc``; tokens starting at a character
        offset in ``skip`` (stock phrases already accounted for) are ignored."""
        verbs, vague, nouns, organs = [], [], [], []
        vague_spans = set()
        for _, start, end in self.phrases(doc):
            vague_spans.update(range(start, end))
            vague.append(doc[start:end].text)
        for i, t in enumerate(doc):
            if t.is_punct or any(k in skip for k in range(t.idx, t.idx + len(t.text))):
                continue
            if t.pos_ == "VERB" and i not in vague_spans:
                verbs.append(t.text)
            if t.tag_ == "nt" and not self.is_generic(t.text):
                organs.append(t.text)
            # Nouns, names, and set phrases/idioms/abbreviations that are not stock phrases.
            content = (t.pos_ in ("NOUN", "PROPN") and t.tag_ not in NON_CONTENT_TAGS) or t.tag_ in CONTENT_X_TAGS
            if content and len(t.text) >= 2 and not self.is_generic(t.text):
                nouns.append(t.text)
        labels = {self.nlp.vocab.strings[m] for m, _, _ in self.matcher(doc)}
        return MeasureParts(verbs, vague, nouns, organs, "RESPONSIBLE" in labels, "QUANTITY" in labels)

    def content_words(self, text: str, runs: tuple[str, ...]) -> tuple[str, ...]:
        """The words that jieba (dictionary + POS HMM) makes of ``runs`` inside ``text`` and tags
        as nouns or names, generic ones removed: what the substance model asks in doubt.

        ``风清气正`` comes back as an idiom (nothing), ``放管服`` as words of its own; a run the
        tagger cannot read as a noun counts as nothing."""
        doc = self(text)
        spans = []
        for run in runs:
            k = text.find(run)
            while k >= 0:
                spans.append((k, k + len(run)))
                k = text.find(run, k + len(run))
        found = []
        for t in doc:
            a, b = t.idx, t.idx + len(t.text)
            if not any(a < e and s < b for s, e in spans):
                continue
            content = (t.pos_ in ("NOUN", "PROPN") and t.tag_ not in NON_CONTENT_TAGS) or t.tag_ in ("eng", "j")
            if content and len(t.text) >= 2 and not self.is_generic(t.text):
                found.append(t.text)
        return tuple(dict.fromkeys(found))

    def is_generic(self, word: str) -> bool:
        """A word made only of generic nouns/verbs (服务水平 = 服务 + 水平, 工作机制 …)."""
        if word in self.generic or word in self.vague_verbs:
            return True
        n = len(word)
        ok = [True] + [False] * n
        for i in range(n):
            if not ok[i]:
                continue
            for j in range(i + 1, n + 1):
                part = word[i:j]
                if part in self.generic or part in self.vague_verbs:
                    ok[j] = True
        return ok[n]


def get(ctx) -> Pipeline:
    """The pipeline of ``ctx``'s configuration (built on first use, then cached)."""
    from .lexicon import get as lexicon

    def build() -> Pipeline:
        lex = lexicon(ctx)
        return Pipeline(lex.words("measures", "vague_verbs"), lex.stripped)

    return ctx.resources.get("nlp.pipeline", build)
