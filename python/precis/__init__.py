"""precis: fast, Unicode-correct extractive summarization.

>>> import precis
>>> summary = precis.summarize(text, sentences=5)
>>> print(summary.text)

The engine is C++ (ICU segmentation, an inverted-index similarity graph, sparse PageRank);
this package is a thin layer over it. See ``precis.Summarizer`` for reusable, thread-safe use.

In Jupyter a Summary displays as the document with its chosen sentences highlighted. Plots live in
``precis.viz`` (pip install 'precis[viz]'); ``Summary.to_pandas()`` needs pandas.
"""

from precis._api import (
    PRESETS,
    Summarizer,
    analyze,
    keywords,
    keywords_many,
    make_options,
    sentences,
    summarize,
    summarize_many,
    tokens,
)
from precis._core import (
    Analysis,
    DeadlineExceededError,
    Diagnostics,
    GraphOptions,
    IcuError,
    InputOptions,
    InputTooLargeError,
    InternalError,
    InvalidOptionsError,
    InvalidUtf8Error,
    Keyphrase,
    KeyphraseOptions,
    LanguageGuess,
    LanguageScore,
    Occurrence,
    ParseError,
    RankOptions,
    ScoredSentence,
    Segmenter,
    SegmentOptions,
    SelectOptions,
    Sentence,
    SummarizerError,
    SummarizerOptions,
    Summary,
    Token,
    TokenOptions,
    __version__,
    detect_language,
    detectable_languages,
)
from precis._display import Keyphrases, Sentences, Tokens

__all__ = [
    "PRESETS",
    "Analysis",
    "DeadlineExceededError",
    "Diagnostics",
    "GraphOptions",
    "IcuError",
    "InputOptions",
    "InputTooLargeError",
    "InternalError",
    "InvalidOptionsError",
    "InvalidUtf8Error",
    "Keyphrase",
    "KeyphraseOptions",
    "Keyphrases",
    "LanguageGuess",
    "LanguageScore",
    "Occurrence",
    "ParseError",
    "RankOptions",
    "ScoredSentence",
    "SegmentOptions",
    "Segmenter",
    "SelectOptions",
    "Sentence",
    "Sentences",
    "Summarizer",
    "SummarizerError",
    "SummarizerOptions",
    "Summary",
    "Token",
    "TokenOptions",
    "Tokens",
    "__version__",
    "analyze",
    "detect_language",
    "detectable_languages",
    "keywords",
    "keywords_many",
    "make_options",
    "sentences",
    "summarize",
    "summarize_many",
    "tokens",
]
