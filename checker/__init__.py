"""plancheck: a rule-based compliance checker for Chinese trade-union work plans.

The public API is imported lazily so that ``plancheck --version`` stays instant::

    import checker
    doc = checker.load("samples/plan.txt")      # read + normalise + parse
    tree = checker.parse("一、指导思想\n…")        # parse text already in memory
    for result in checker.check_paths(["plans/"], config):   # one FileResult per file
        ...
    result = checker.check_file("plans/a.docx", config)     # pure and picklable
"""
__version__ = "0.1.0"

__all__ = ["load", "parse", "check_file", "check_paths", "__version__"]


def __getattr__(name):
    if name in ("load", "parse", "check_file"):
        from checker import pipeline
        return getattr(pipeline, name)
    if name == "check_paths":
        from checker.batch import check_paths
        return check_paths
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
