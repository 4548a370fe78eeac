"""geoborder: news reporting about Pakistan's borders, turned into maps.

>>> from geoborder.pipeline import run_corpus
>>> summary = run_corpus(["articles/"], out_dir="outputs")   # doctest: +SKIP
"""

__version__ = "0.1.0"
