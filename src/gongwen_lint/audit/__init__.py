"""Archive-wide reuse audits: every pair of documents that share copied passages.

One pipeline (:mod:`.pipeline`, built on the reference index of issue 7), two executors:
:mod:`.local` on one machine with the SQLite index, :mod:`.spark` as a PySpark job.
"""
