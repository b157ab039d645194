"""GW304's candidate pairs for a long segment, computed on arrays (numpy) instead of per token.

:func:`gw304_duplicate_paragraph._candidate_pairs` names, for each paragraph, the earlier ones
that share a prefix token (prefix filtering, rarest tokens first), then holds them to the length
filter and the shared-token bound.  Its result does not depend on the token order chosen: the
prefixes only have to find every pair that meets the bound, and the bound then decides.  So the
same lists come out of this version, which does the per-token work — the bigram sets, their
frequencies, the order, the prefixes, the pairs that share a prefix token, the length filter —
as a few sorts of whole arrays.  On a 500-page draft (1,986 paragraphs compared, 257,000
tokens, 63,000 pairs on the prefixes) the loops run 1,240 million instructions, these 350.

Two filters come before the count of shared tokens, both from PPJoin (Xiao et al. 2008): the
length filter, and a bound from the place of the last shared prefix token in each text; the
count itself looks the rest of one text up in the other's sorted tokens.  numpy costs 0.13 s
to import, so the rule uses this version only for segments long enough to repay it
(``ARRAY_MIN_ENTRIES``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_KEY_BITS = 21  # a code point is below 0x110000 = 2**21: a bigram is one 42-bit number
_OWNER_BITS = 64 - 2 * _KEY_BITS  # a token and the text holding it in one 64-bit number
MAX_TEXTS = 1 << _OWNER_BITS  # 4,194,304: more texts than that take the loops


def candidate_lists(texts: Sequence[str], threshold: float, share: float, less: float, bigrams: bool) -> list[list[int]]:
    """Per text, the earlier positions that may pass (increasing): as ``_candidate_pairs``.

    ``share``/``less``: the bound on shared tokens, ``share·(la + lb) − less`` less the repeats;
    ``bigrams``: tokens are character pairs (else characters).
    """
    t = threshold
    count = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=count)
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    ends = np.cumsum(lengths)
    if bigrams:
        keys = (codes[:-1] << np.uint64(_KEY_BITS)) | codes[1:]
        cut = ends - 1  # the last character of each text: the pair from it spans two texts
        keep = np.ones(keys.size, dtype=bool)
        keep[cut[(cut >= 0) & (cut < keys.size)]] = False
        keys = keys[keep]
        size = np.maximum(lengths - 1, 0)
    else:
        keys = codes
        size = lengths
    owner = np.repeat(np.arange(count, dtype=np.uint64), size)
    # Each text's token set, grouped by token: (token, owner) pairs, once each.
    held_by = _distinct((keys << np.uint64(_OWNER_BITS)) | owner)
    tokens = held_by >> np.uint64(_OWNER_BITS)
    owner = (held_by & np.uint64((1 << _OWNER_BITS) - 1)).astype(np.int64)
    held = np.bincount(owner, minlength=count)  # the size of each token set
    repeats = size - held
    # One total order of tokens, rarest first (ties: by value): the tokens held by one text
    # alone are the ranks below ``singles``.
    new = np.concatenate(([True], tokens[1:] != tokens[:-1]))
    starts = np.flatnonzero(new)
    frequency = np.diff(np.append(starts, tokens.size))
    order = np.argsort(frequency, kind="stable")
    rank = np.empty(order.size, dtype=np.uint64)
    rank[order] = np.arange(order.size, dtype=np.uint64)
    singles = int(np.searchsorted(frequency[order], 2))
    # Each text's tokens in that order, and a token's place in it.
    ranked = np.sort((owner.astype(np.uint64) << np.uint64(32)) | np.repeat(rank, frequency))
    ranks = ranked & np.uint64(0xFFFFFFFF)
    owner = (ranked >> np.uint64(32)).astype(np.int64)
    place = np.arange(ranked.size) - np.repeat(np.cumsum(held) - held, held)
    # Tokens any passing partner shares, as in ``_candidate_pairs`` (the same float expression).
    alpha = np.ceil(share * (1 + t) * lengths - less - 1e-9).astype(np.int64) - repeats
    in_prefix = (ranks >= singles) & (place < (held - alpha + 1)[owner])
    # The pairs that share a prefix token: within each token's run of texts, every earlier one,
    # the rarest shared token first.
    run = np.argsort((ranks[in_prefix] << np.uint64(32)) | owner[in_prefix].astype(np.uint64))
    run_token, run_owner, run_place = ranks[in_prefix][run], owner[in_prefix][run], place[in_prefix][run]
    starts = np.flatnonzero(np.concatenate(([True], run_token[1:] != run_token[:-1])))
    before = np.arange(run.size) - np.repeat(starts, np.diff(np.append(starts, run.size)))
    later = np.repeat(run_owner, before)
    later_place = np.repeat(run_place, before)
    partner = np.repeat(np.arange(run.size) - before, before)
    partner += np.arange(later.size) - np.repeat(np.cumsum(before) - before, before)
    earlier, earlier_place = run_owner[partner], run_place[partner]
    # Each pair once.  A stable sort keeps the pair's shared prefix tokens in rank order; each
    # token the two share up to the last of those is one of them (it comes before it in both
    # texts' orders, so in both prefixes), and after it each text holds only so many tokens:
    # that bounds the tokens the two share before any set is made (PPJoin's positional filter).
    key = (later.astype(np.uint64) << np.uint64(32)) | earlier.astype(np.uint64)
    by_pair = np.argsort(key, kind="stable")
    key = key[by_pair]
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1]))) if key.size else np.zeros(0, dtype=np.int64)
    last = by_pair[np.append(starts[1:], key.size) - 1] if key.size else by_pair
    key = key[starts]
    later, earlier = later[last], earlier[last]
    shared = np.diff(np.append(starts, by_pair.size))  # the shared tokens up to the last one found
    later_from, earlier_from = later_place[last] + 1, earlier_place[last] + 1  # where the rest start
    most = shared + np.minimum(held[later] - later_from, held[earlier] - earlier_from)
    # Texts so short that a partner may share no token: each is compared with every earlier one,
    # on all their tokens (a pair also found above keeps what was found: it comes first).
    short = np.flatnonzero(alpha < 1)
    if short.size > 1:
        a, b = np.triu_indices(short.size, 1)
        key = np.concatenate((key, (short[b].astype(np.uint64) << np.uint64(32)) | short[a].astype(np.uint64)))
        by_pair = np.argsort(key, kind="stable")
        key = key[by_pair]
        first = by_pair[np.concatenate(([True], key[1:] != key[:-1]))]
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]
        none, unbounded = np.zeros(a.size, dtype=np.int64), np.full(a.size, np.iinfo(np.int64).max)
        shared, most = np.concatenate((shared, none))[first], np.concatenate((most, unbounded))[first]
        later_from = np.concatenate((later_from, none))[first]
        earlier_from = np.concatenate((earlier_from, none))[first]
        later = (key >> np.uint64(32)).astype(np.int64)
        earlier = (key & np.uint64(0xFFFFFFFF)).astype(np.int64)
    # The length filter at the lowest threshold, then the shared-token bound with both lengths.
    n, m = lengths[later], lengths[earlier]
    need = np.ceil(share * (n + m) - less - 1e-9).astype(np.int64) - np.minimum(repeats[later], repeats[earlier])
    near = np.flatnonzero((t * n - 1e-6 <= m) & (m <= n / t + 1e-6) & (most >= need))
    if near.size:  # a bound of the shared tokens from per-bucket counts, before counting them
        near = near[_shared_bound(ranks, owner, count, later[near], earlier[near]) >= need[near]]
    # Then the tokens each pair shares after those found, counted exactly: the shorter rest of
    # the two looked up in the other text's tokens (``ranked`` is sorted by text, then rank).
    first = np.cumsum(held) - held  # where each text's tokens start in ``ranked``
    rest_l, rest_e = held[later] - later_from, held[earlier] - earlier_from
    by_later = rest_l <= rest_e
    ask = np.where(by_later, later, earlier)  # the text whose rest is looked up …
    ask_from = np.where(by_later, later_from, earlier_from)
    other = np.where(by_later, earlier, later).astype(np.uint64) << np.uint64(32)  # … in this one
    rest = np.minimum(rest_l, rest_e)
    found: list[list[int]] = [[] for _ in range(count)]
    for chunk in _chunks(near, rest[near]):
        wanted = np.repeat(other[chunk], rest[chunk]) | ranks[_ragged(first[ask[chunk]] + ask_from[chunk], rest[chunk])]
        at = np.minimum(np.searchsorted(ranked, wanted), ranked.size - 1)
        common = np.bincount(np.repeat(np.arange(chunk.size), rest[chunk])[ranked[at] == wanted], minlength=chunk.size)
        passed = chunk[shared[chunk] + common >= need[chunk]]
        # later is increasing, and earlier within each later: each list comes out sorted
        for i, j in zip(later[passed].tolist(), earlier[passed].tolist()):
            found[i].append(j)
    return found


#: Each text's tokens are counted in 2**_BUCKET_BITS buckets (a hash of the token's rank).
_BUCKET_BITS = 8
_BUCKET_PAIRS = 4096  # pairs whose bucket counts are compared at once (4096 × 256 × 4 bytes)


def _shared_bound(ranks: np.ndarray, owner: np.ndarray, count: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair ``(a[k], b[k])``, at least the number of tokens the two texts share.

    Why: of the pairs the prefixes and the positional filter leave, few share enough tokens, and
    counting them exactly looks up every token of one text's rest in the other's: on a 500-page
    draft 3,518 pairs and 433,000 look-ups, growing with the square of the draft (GW304 took 8.5×
    the time of a 100-page one).  A shared token falls into the same bucket in both texts, so the
    tokens shared within a bucket are at most the smaller of the two counts there, and the sum of
    those minima bounds the whole: a pair below its ``need`` cannot pass the exact count, and is
    dropped before it (3,518 → 235 pairs on 500 pages, 199 of them passing).
    """
    buckets = 1 << _BUCKET_BITS
    bucket = ((ranks * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - _BUCKET_BITS)).astype(np.int64)
    held = np.bincount(owner * buckets + bucket, minlength=count * buckets).astype(np.int32).reshape(count, buckets)
    bound = np.empty(a.size, dtype=np.int64)
    for s in range(0, a.size, _BUCKET_PAIRS):
        e = s + _BUCKET_PAIRS
        bound[s:e] = np.minimum(held[a[s:e]], held[b[s:e]]).sum(axis=1)
    return bound


def _ragged(start: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The positions ``start[k] … start[k] + size[k] − 1`` for every k, one after the other."""
    return np.repeat(start - (np.cumsum(size) - size), size) + np.arange(int(size.sum()))


def _chunks(items: np.ndarray, weight: np.ndarray, most: int = 1 << 21) -> list[np.ndarray]:
    """``items`` in consecutive pieces of at most ``most`` total weight (or one item): the token
    arrays of all pairs at a low threshold would not fit in memory."""
    pieces, begin, total = [], 0, np.cumsum(weight)
    while begin < items.size:
        done = total[begin - 1] if begin else 0
        end = max(begin + 1, int(np.searchsorted(total, done + most, side="right")))
        pieces.append(items[begin:end])
        begin = end
    return pieces


def _distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values: one sort (``np.unique`` of numpy 2.3+ hashes them, 20× slower here)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if values.size else values
