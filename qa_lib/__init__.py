"""qa_lib: read scraped health FAQ pages into a lossless, labelled pandas DataFrame."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .claims import claims
from .corpus import claims_dask, read_faq_dask
from .errors import QALibError, TaxonomyError, UnreadableFileError
from .frame import parse_faq, read_faq
from .question_match import match_pairs, question_groups, same_question
from .sentence_labels import label_sentences
from .taxonomy import Taxonomy, load_taxonomy, taxonomy_path

try:
    __version__ = version("qa_lib")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "QALibError",
    "Taxonomy",
    "TaxonomyError",
    "UnreadableFileError",
    "__version__",
    "claims",
    "claims_dask",
    "label_sentences",
    "load_taxonomy",
    "match_pairs",
    "parse_faq",
    "question_groups",
    "read_faq",
    "read_faq_dask",
    "same_question",
    "taxonomy_path",
]
