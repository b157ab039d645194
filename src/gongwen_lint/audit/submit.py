"""Entry script for ``spark-submit``: the ``audit`` command with the Spark engine.

``spark-submit`` runs a Python *file* as ``__main__``, so this module uses absolute imports
and adds ``--engine spark`` unless given.  The session is the one spark-submit configured
(master, memory, …); ``--spark-master`` is not needed there.

    spark-submit --master yarn … "$(python -c 'import gongwen_lint.audit.submit as m; print(m.__file__)')" \\
        hdfs:///档案/ --format json -o 结果.json
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from gongwen_lint.audit.cli import audit_command

    args = list(sys.argv[1:] if argv is None else argv)
    if "--engine" not in args:
        args = ["--engine", "spark", *args]
    audit_command.main(args=args, prog_name="gongwen-lint audit")


if __name__ == "__main__":
    main()
