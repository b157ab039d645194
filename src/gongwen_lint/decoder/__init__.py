"""Role decoding: the GB/T 9704 element of every paragraph (or soft-break line) of a draft.

Recognition is a tagger, not a chain of ifs (DESIGN "Structure as decoding"):

* :mod:`.units` cuts the body into units (paragraphs, and the lines of paragraphs joined by
  soft line breaks) and reads what each one shows: its text, its effective formatting, where it
  sits (page, table, gaps);
* :mod:`.evidence` scores every candidate role of a unit from independent evidence — pattern,
  formatting, position, neighbours — on a log-odds scale;
* :mod:`.grammar` is the element order of GB/T 9704 written once as data: 版头 → 主体 →
  [issued or forwarded document after the 成文日期]* → 附件* → 版记, with covers and tables of
  contents before it and stray lines anywhere;
* :mod:`.viterbi` picks the labelling with the best total score that the grammar allows and
  gives each unit a confidence (the share of the best reading among all readings, from
  max-marginals).

``gongwen_lint.structure`` puts the result on the model; rules only read it.
"""
