from gongwen_lint.engine import check_example  # noqa: F401  (temporary)
