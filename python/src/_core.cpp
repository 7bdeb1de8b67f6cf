// precis._core: the one binding file.
//
// Map of what is bound, in order:
//   exceptions   SummarizerError > InvalidOptionsError (ValueError), ParseError (ValueError),
//                InvalidUtf8Error (ValueError), IcuError (RuntimeError), InternalError (RuntimeError)
//   options      SegmentOptions, TokenOptions, GraphOptions, RankOptions, SelectOptions,
//                SummarizerOptions (mutable structs; JSON round-trip)
//   results      ScoredSentence, Diagnostics, Summary (read-only; picklable with any protocol)
//   segmentation Sentence, Token, Segmenter
//   summarizer   Analysis, Summarizer (immutable; summarize, summarize_many, analyze with the GIL
//                released)
//   display      Summary._repr_html_ etc. call precis._display (pure Python, lazy imports)
//   misc         __version__
//
// Offsets: C++ works in UTF-8 bytes; Python users index str by code point. The C++ Summary
// already carries code-point offsets; segmentation results are converted here, once per call.
// Text: the UTF-8 buffer CPython caches on the str object is used in place (no copy); the str is
// kept alive while the GIL is released, and str objects are immutable.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/typing.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precis/precis.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

// ----------------------------------------------------------------------------------------------
// Helpers

// The UTF-8 bytes of a str, valid as long as the str lives. A str with lone surrogates cannot be
// encoded: CPython raises UnicodeEncodeError (a ValueError), which propagates unchanged.
std::string_view utf8_view(const py::str& text) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (!data) throw py::error_already_set();
  return {data, static_cast<std::size_t>(size)};
}

bool is_ascii(const py::str& text) { return PyUnicode_IS_ASCII(text.ptr()); }

// A str as the engine gets it. Usually the str's own UTF-8 (utf8_view). A str with lone
// surrogates has no UTF-8 form: with input.on_invalid_utf8 = "replace" it becomes a copy with
// each surrogate replaced by U+FFFD, which keeps every offset valid for the caller's str (both
// are one code point and three UTF-8 bytes); otherwise UnicodeEncodeError propagates.
struct TextArgument {
  std::string_view utf8;
  std::size_t replaced_surrogates = 0;
  std::string storage;  // the repaired copy, when there is one

  TextArgument(const py::str& text, precis::InvalidUtf8 policy) {
    try {
      utf8 = utf8_view(text);
      return;
    } catch (const py::error_already_set& error) {
      if (policy != precis::InvalidUtf8::kReplace || !error.matches(PyExc_UnicodeEncodeError)) throw;
    }
    // "surrogatepass" writes a surrogate as ED A0..BF 80..BF, a sequence nothing else produces.
    const py::bytes encoded = py::reinterpret_steal<py::bytes>(
        PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogatepass"));
    if (!encoded) throw py::error_already_set();
    storage = std::string(encoded);
    for (std::size_t i = 0; i + 2 < storage.size(); ++i) {
      if (static_cast<unsigned char>(storage[i]) == 0xED && static_cast<unsigned char>(storage[i + 1]) >= 0xA0) {
        storage.replace(i, 3, "\xEF\xBF\xBD");
        ++replaced_surrogates;
        i += 2;
      }
    }
    utf8 = storage;
  }
  TextArgument(const TextArgument&) = delete;
  TextArgument& operator=(const TextArgument&) = delete;
};

// Records surrogates replaced before the engine saw the text, as the engine records its own
// replacements (after a truncation warning, which comes first when both happen).
void record_replacements(std::vector<precis::Warning>& warnings, std::size_t& replaced_sequences,
                         std::size_t replaced) {
  if (replaced == 0) return;
  replaced_sequences += replaced;
  if (std::find(warnings.begin(), warnings.end(), precis::Warning::kInvalidUtf8Replaced) != warnings.end()) return;
  const bool truncated = !warnings.empty() && warnings.front() == precis::Warning::kTruncated;
  warnings.insert(warnings.begin() + (truncated ? 1 : 0), precis::Warning::kInvalidUtf8Replaced);
}

// Budgets for one call: each budget given replaces the summarizer's budget of the same kind; the
// others stay, so every budget the user set applies (none is silently dropped).
precis::SelectOptions call_budgets(const precis::SelectOptions& defaults, std::optional<std::int64_t> sentences,
                                   std::optional<double> ratio, std::optional<std::int64_t> words,
                                   std::optional<std::int64_t> chars) {
  precis::SelectOptions select = defaults;
  if (sentences) select.sentences = sentences;
  if (ratio) select.ratio = ratio;
  if (words) select.words = words;
  if (chars) select.chars = chars;
  return select;
}

struct PySentence {
  std::size_t index, start, end, byte_start, byte_end;
  std::string text;
  bool terminated;
  bool operator==(const PySentence&) const = default;
};

struct PyToken {
  std::size_t start, end, byte_start, byte_end;
  std::string text;
  std::string kind;
  bool operator==(const PyToken&) const = default;
};

// Code-point offsets for byte offsets (sorted), with a fast path for ASCII text.
std::vector<std::size_t> to_code_points(const py::str& text, std::string_view utf8,
                                        const std::vector<std::size_t>& bytes) {
  if (is_ascii(text)) return bytes;
  return precis::codepoint_offsets(utf8, bytes);
}

// Code-point offsets of the spans of sentences or tokens: begin and end of item i at 2i and 2i + 1.
template <typename Item>
std::vector<std::size_t> span_code_points(const py::str& text, std::string_view utf8,
                                          const std::vector<Item>& found) {
  std::vector<std::size_t> bytes;
  bytes.reserve(2 * found.size());
  for (const Item& item : found) bytes.insert(bytes.end(), {item.span.begin, item.span.end});
  return to_code_points(text, utf8, bytes);
}

// Sentences as Python values with code-point offsets (one pass over the text).
std::vector<PySentence> to_py_sentences(const py::str& text, std::string_view utf8,
                                        const std::vector<precis::Sentence>& found) {
  const std::vector<std::size_t> points = span_code_points(text, utf8, found);
  std::vector<PySentence> out;
  out.reserve(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    const precis::Span span = found[i].span;
    out.push_back({i, points[2 * i], points[2 * i + 1], span.begin, span.end,
                   std::string(utf8.substr(span.begin, span.size())), found[i].terminated});
  }
  return out;
}

// A contiguous vector as a Python array.array (typecode 'i' or 'd'): no dependency, and numpy
// reads it without a copy (numpy.asarray / frombuffer).
template <typename T>
py::object to_array(const char* typecode, const T* data, std::size_t size) {
  py::bytes raw(reinterpret_cast<const char*>(data), size * sizeof(T));
  return py::module_::import("array").attr("array")(typecode, raw);
}

// Every intermediate result of the pipeline for one text, with code-point offsets.
struct PyAnalysis {
  std::string language;
  std::vector<PySentence> sentences;
  std::vector<std::size_t> word_counts;
  std::size_t token_count = 0;
  std::vector<std::vector<std::uint32_t>> terms;  // term ids per sentence, in token order
  std::vector<std::string> vocabulary;
  py::object indptr, indices, weights;  // the similarity graph in CSR form (array.array)
  std::size_t edge_count = 0;
  std::vector<double> scores;
  int iterations = 0;
  bool converged = false;
  double residual = 0.0;
  std::string stemmer;
  std::size_t stopword_count = 0;
  std::vector<std::string> warnings;
  std::size_t truncated_bytes = 0;
  std::size_t replaced_sequences = 0;
};

PyAnalysis to_py_analysis(const py::str& text, std::string_view utf8, precis::Analysis&& a) {
  PyAnalysis out;
  out.language = std::move(a.language);
  out.sentences = to_py_sentences(text, utf8, a.sentences);
  out.word_counts = std::move(a.word_counts);
  out.token_count = a.token_count;
  out.terms.resize(a.terms.sentence_count());
  for (std::size_t i = 0; i < out.terms.size(); ++i)
    out.terms[i].assign(a.terms.ids.begin() + a.terms.offsets[i], a.terms.ids.begin() + a.terms.offsets[i + 1]);
  out.vocabulary = std::move(a.vocabulary);
  precis::SparseGraph& g = a.graph;
  g.makeCompressed();
  const auto rows = static_cast<std::size_t>(g.rows());
  const auto nnz = static_cast<std::size_t>(g.nonZeros());
  std::vector<int> indptr(g.outerIndexPtr(), g.outerIndexPtr() + rows + 1);
  out.indptr = to_array("i", indptr.data(), indptr.size());
  out.indices = to_array("i", g.innerIndexPtr(), nnz);
  out.weights = to_array("d", g.valuePtr(), nnz);
  out.edge_count = nnz / 2;
  out.scores.assign(a.rank.scores.data(), a.rank.scores.data() + a.rank.scores.size());
  out.iterations = a.rank.iterations;
  out.converged = a.rank.converged;
  out.residual = a.rank.residual;
  out.stemmer = std::move(a.stemmer);
  out.stopword_count = a.stopword_count;
  for (precis::Warning w : a.warnings) out.warnings.emplace_back(precis::to_string(w));
  out.truncated_bytes = a.truncated_bytes;
  out.replaced_sequences = a.replaced_sequences;
  return out;
}

// Python helpers of the package (display, tables, plots) called by methods of bound classes:
// they import lazily, so `import precis` needs nothing beyond the standard library.
py::object python_helper(const char* name) { return py::module_::import("precis._display").attr(name); }

template <typename T>
std::string repr_json(const T& value) {
  return precis::to_json(value);
}

std::string shorten(const std::string& text, std::size_t limit = 60) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return text.substr(0, cut) + "…";
}

std::string py_repr(const py::object& value) { return py::repr(value).cast<std::string>(); }

// Pickling: __reduce__ returns (module-level _core function, arguments), which works with every
// pickle protocol (py::pickle covers protocol 2 and up only; older ones reach pybind11's base type
// and abort). Static methods cannot serve: pickle cannot find them by name.
py::tuple reduce_with(const char* rebuild, py::tuple arguments) {
  return py::make_tuple(py::module_::import("precis._core").attr(rebuild), std::move(arguments));
}

// __eq__ that accepts any object (NotImplemented for other types), as Python's data model and
// type checkers expect.
template <typename T>
py::object equals(const T& self, const py::object& other) {
  if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
  return py::bool_(self == other.cast<const T&>());
}

// Field-wise __repr__ and pickling for the small option structs: reduce to
// _core._with_fields(type, fields), which works with every pickle protocol. (A __setstate__
// method cannot serve: pybind11 treats that name as a constructor.)
template <typename T>
void add_value_methods(py::class_<T>& cls, std::vector<std::string> fields) {
  cls.def("__repr__", [fields](const py::object& self) {
    std::string out = py::type::of(self).attr("__name__").cast<std::string>() + "(";
    for (std::size_t i = 0; i < fields.size(); ++i) {
      out += (i ? ", " : "") + fields[i] + "=" + py_repr(self.attr(fields[i].c_str()));
    }
    return out + ")";
  });
  cls.def("__reduce__", [fields](const py::object& self) -> py::tuple {
    py::dict state;
    for (const std::string& field : fields) state[field.c_str()] = self.attr(field.c_str());
    return reduce_with("_with_fields", py::make_tuple(py::type::of(self), state));
  });
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "precis._core: the C++ engine of precis. Use the public API in `precis` instead.";

  // --------------------------------------------------------------------------------------------
  // Exceptions: one translator, a hierarchy that also subclasses the builtins people catch.
  py::object builtins = py::module_::import("builtins");
  py::object type = builtins.attr("type");
  // The classes live as long as the interpreter: the handles below own one reference each that is
  // never released, so nothing is destroyed after the interpreter is gone.
  auto make_error = [&](const char* name, py::tuple bases, const char* doc) -> py::handle {
    py::dict namespace_;
    namespace_["__doc__"] = doc;
    namespace_["__module__"] = "precis._core";
    py::object cls = type(name, bases, namespace_);
    m.attr(name) = cls;
    return cls.release();
  };
  static py::handle base_error = make_error("SummarizerError", py::make_tuple(builtins.attr("Exception")),
                                            "Base class of every error precis raises.");
  static py::handle options_error =
      make_error("InvalidOptionsError", py::make_tuple(base_error, builtins.attr("ValueError")),
                 "An option or argument is out of range; the message names it and its value.");
  static py::handle parse_error = make_error("ParseError", py::make_tuple(base_error, builtins.attr("ValueError")),
                                             "Malformed JSON, or a JSON config with an unknown key or wrong type.");
  static py::handle utf8_error =
      make_error("InvalidUtf8Error", py::make_tuple(base_error, builtins.attr("ValueError")),
                 "The input is not well-formed UTF-8; the message gives the byte offset.");
  static py::handle too_large_error =
      make_error("InputTooLargeError", py::make_tuple(base_error, builtins.attr("ValueError")),
                 "The text is longer than input.max_bytes (options), or 2 GiB or more.");
  static py::handle icu_error = make_error("IcuError", py::make_tuple(base_error, builtins.attr("RuntimeError")),
                                           "ICU reported a failure, for example missing data.");
  static py::handle internal_error =
      make_error("InternalError", py::make_tuple(base_error, builtins.attr("RuntimeError")),
                 "A broken invariant inside precis: please report it.");
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const precis::Error& e) {
      py::handle cls;
      switch (e.code()) {
        case precis::ErrorCode::kInvalidArgument: cls = options_error; break;
        case precis::ErrorCode::kParse: cls = parse_error; break;
        case precis::ErrorCode::kInvalidUtf8: cls = utf8_error; break;
        case precis::ErrorCode::kInputTooLarge: cls = too_large_error; break;
        case precis::ErrorCode::kIcu: cls = icu_error; break;
        case precis::ErrorCode::kInternal: cls = internal_error; break;
      }
      PyErr_SetString(cls.ptr(), e.what());
    }
  });

  // --------------------------------------------------------------------------------------------
  // Options

  py::class_<precis::InputOptions> input_options(
      m, "InputOptions", "Guards for untrusted input: a size limit and what to do with ill-formed text.");
  input_options.def(py::init<>())
      .def_readwrite("max_bytes", &precis::InputOptions::max_bytes,
                     "Longest text accepted, in UTF-8 bytes; 0: no limit.")
      .def_property(
          "on_too_long", [](const precis::InputOptions& o) { return std::string(precis::to_string(o.on_too_long)); },
          [](precis::InputOptions& o, const std::string& name) { o.on_too_long = precis::too_long_from_string(name); },
          "'error' (InvalidOptionsError) or 'truncate' (summarize the beginning; diagnostics.truncated_bytes).")
      .def_property(
          "on_invalid_utf8",
          [](const precis::InputOptions& o) { return std::string(precis::to_string(o.on_invalid_utf8)); },
          [](precis::InputOptions& o, const std::string& name) {
            o.on_invalid_utf8 = precis::invalid_utf8_from_string(name);
          },
          "'error' or 'replace': lone surrogates (ill-formed UTF-8 in C++) become U+FFFD, counted in "
          "diagnostics.replaced_sequences.")
      .def("__eq__", &equals<precis::InputOptions>, "other"_a);
  add_value_methods(input_options, {"max_bytes", "on_too_long", "on_invalid_utf8"});

  py::class_<precis::SegmentOptions> segment_options(m, "SegmentOptions", "How text is split into sentences.");
  segment_options.def(py::init<>())
      .def_readwrite("language", &precis::SegmentOptions::language,
                     "ISO 639 code (en, zh, pt-BR) or 'auto' (guessed from the script).")
      .def_readwrite("suppress_abbreviations", &precis::SegmentOptions::suppress_abbreviations,
                     "Use the language's abbreviation rules, so 'Mr. Smith' is not split.")
      .def_readwrite("join_wrapped_lines", &precis::SegmentOptions::join_wrapped_lines,
                     "A single line break inside prose does not end a sentence.")
      .def_readwrite("split_glued_sentences", &precis::SegmentOptions::split_glued_sentences,
                     "Split 'speech.Photo by' where a sentence ends without a space.")
      .def("__eq__", &equals<precis::SegmentOptions>, "other"_a);
  add_value_methods(segment_options, {"language", "suppress_abbreviations", "join_wrapped_lines", "split_glued_sentences"});

  py::class_<precis::TokenOptions> token_options(m, "TokenOptions", "How sentences become content terms.");
  token_options.def(py::init<>())
      .def_readwrite("remove_stopwords", &precis::TokenOptions::remove_stopwords)
      .def_readwrite("stem", &precis::TokenOptions::stem)
      .def_readwrite("keep_numbers", &precis::TokenOptions::keep_numbers)
      .def("__eq__", &equals<precis::TokenOptions>, "other"_a);
  add_value_methods(token_options, {"remove_stopwords", "stem", "keep_numbers"});

  py::class_<precis::GraphOptions> graph_options(m, "GraphOptions", "How the sentence-similarity graph is weighted.");
  graph_options.def(py::init<>())
      .def_property(
          "similarity", [](const precis::GraphOptions& o) { return std::string(precis::to_string(o.similarity)); },
          [](precis::GraphOptions& o, const std::string& name) { o.similarity = precis::similarity_from_string(name); },
          "'textrank', 'bm25' or 'cosine'.")
      .def_readwrite("min_edge_weight", &precis::GraphOptions::min_edge_weight)
      .def_readwrite("max_neighbors", &precis::GraphOptions::max_neighbors,
                     "Edges each sentence keeps at most (its heaviest; an edge stays when either end "
                     "keeps it); 0: no limit.")
      .def_readwrite("max_pairs_per_sentence", &precis::GraphOptions::max_pairs_per_sentence,
                     "Candidate pairs per sentence before the most common terms are left out of the "
                     "graph (bounds the work on very long texts); 0: no limit.")
      .def("__eq__", &equals<precis::GraphOptions>, "other"_a);
  add_value_methods(graph_options, {"similarity", "min_edge_weight"});

  py::class_<precis::RankOptions> rank_options(m, "RankOptions", "PageRank parameters.");
  rank_options.def(py::init<>())
      .def_readwrite("damping", &precis::RankOptions::damping)
      .def_readwrite("tolerance", &precis::RankOptions::tolerance)
      .def_readwrite("max_iterations", &precis::RankOptions::max_iterations)
      .def_readwrite("position_weight", &precis::RankOptions::position_weight,
                     "Log-linear weight of the 1/(i+1) position prior against centrality, in [0, 1].")
      .def_readwrite("position_budget_exponent", &precis::RankOptions::position_budget_exponent,
                     "Summaries scale position_weight by (1 - k/n)^exponent for k of n sentences.")
      .def_readwrite("query_weight", &precis::RankOptions::query_weight,
                     "Share of the teleport distribution given to query terms, in [0, 1].")
      .def("__eq__", &equals<precis::RankOptions>, "other"_a);
  add_value_methods(rank_options, {"damping", "tolerance", "max_iterations"});

  py::class_<precis::SelectOptions> select_options(m, "SelectOptions", "Summary budgets and candidate rules.");
  select_options.def(py::init<>())
      .def_readwrite("sentences", &precis::SelectOptions::sentences)
      .def_readwrite("ratio", &precis::SelectOptions::ratio)
      .def_readwrite("words", &precis::SelectOptions::words)
      .def_readwrite("chars", &precis::SelectOptions::chars)
      .def_readwrite("duplicate_threshold", &precis::SelectOptions::duplicate_threshold)
      .def_readwrite("skip_unterminated", &precis::SelectOptions::skip_unterminated)
      .def_readwrite("min_length_ratio", &precis::SelectOptions::min_length_ratio,
                     "Sentences shorter than this times the median sentence (in words) are not chosen.")
      .def_readwrite("length_penalty", &precis::SelectOptions::length_penalty,
                     "Rank by score * (mean words / words)^length_penalty, in [0, 1].")
      .def_readwrite("redundancy", &precis::SelectOptions::redundancy,
                     "MMR trade-off between score and similarity to chosen sentences, in [0, 1).")
      .def("__eq__", &equals<precis::SelectOptions>, "other"_a);
  add_value_methods(select_options, {"sentences", "ratio", "words", "chars", "duplicate_threshold", "skip_unterminated"});

  py::class_<precis::SummarizerOptions>(m, "SummarizerOptions", R"doc(
All options of a Summarizer, grouped by stage. Defaults are documented in options.hpp.

Serializes to and from JSON: ``SummarizerOptions.from_json(options.to_json())``.
)doc")
      .def(py::init<>())
      .def_readwrite("input", &precis::SummarizerOptions::input)
      .def_readwrite("segment", &precis::SummarizerOptions::segment)
      .def_readwrite("tokens", &precis::SummarizerOptions::tokens)
      .def_readwrite("graph", &precis::SummarizerOptions::graph)
      .def_readwrite("rank", &precis::SummarizerOptions::rank)
      .def_readwrite("select", &precis::SummarizerOptions::select)
      .def(
          "to_json",
          [](const precis::SummarizerOptions& o, std::optional<int> indent) {
            return precis::to_json(o, indent.value_or(-1));
          },
          py::kw_only(), "indent"_a = py::none(), "The options as JSON (schema_version 1).")
      .def_static(
          "from_json", [](const std::string& json) { return precis::options_from_json(json); }, "json"_a,
          "Options from JSON; unknown keys raise ParseError. Ranges are checked by Summarizer.")
      .def("validate", [](const precis::SummarizerOptions& o) { precis::validate(o); },
           "Raises InvalidOptionsError naming the first invalid field.")
      .def("__eq__", &equals<precis::SummarizerOptions>, "other"_a)
      .def("__repr__", [](const precis::SummarizerOptions& o) { return "SummarizerOptions.from_json('" + repr_json(o) + "')"; })
      .def("__reduce__", [](const precis::SummarizerOptions& o) -> py::tuple {
        return reduce_with("_options_from_json", py::make_tuple(precis::to_json(o)));
      });

  // --------------------------------------------------------------------------------------------
  // Results

  py::class_<precis::ScoredSentence>(m, "ScoredSentence", R"doc(
A chosen sentence. ``text[s.start:s.end] == s.text`` for the str that was summarized.
)doc")
      .def_readonly("index", &precis::ScoredSentence::index, "Position of the sentence in the document, 0-based.")
      .def_readonly("start", &precis::ScoredSentence::start, "Code-point offset of the first character.")
      .def_readonly("end", &precis::ScoredSentence::end, "Code-point offset after the last character.")
      .def_property_readonly("byte_start", [](const precis::ScoredSentence& s) { return s.bytes.begin; },
                             "UTF-8 byte offset of the first character.")
      .def_property_readonly("byte_end", [](const precis::ScoredSentence& s) { return s.bytes.end; },
                             "UTF-8 byte offset after the last character.")
      .def_readonly("score", &precis::ScoredSentence::score, "PageRank score; a document's scores sum to 1.")
      .def_readonly("rank", &precis::ScoredSentence::rank, "1 for the highest score in the document.")
      .def_readonly("text", &precis::ScoredSentence::text)
      .def("__eq__", &equals<precis::ScoredSentence>, "other"_a)
      .def("__reduce__", [](const precis::ScoredSentence& s) -> py::tuple {
        return reduce_with("_scored_sentence", py::make_tuple(s.index, s.bytes.begin, s.bytes.end, s.start, s.end,
                                                              s.score, s.rank, s.text));
      })
      .def("__repr__", [](const precis::ScoredSentence& s) {
        return "ScoredSentence(index=" + std::to_string(s.index) + ", rank=" + std::to_string(s.rank) +
               ", score=" + py_repr(py::float_(s.score)) + ", text=" + py_repr(py::str(shorten(s.text))) + ")";
      });

  py::class_<precis::Diagnostics>(m, "Diagnostics", "What happened while summarizing.")
      .def_property_readonly(
          "warnings",
          [](const precis::Diagnostics& d) {
            std::vector<std::string> names;
            for (precis::Warning w : d.warnings) names.emplace_back(precis::to_string(w));
            return names;
          },
          "Non-fatal conditions, e.g. 'empty_input', 'single_sentence', 'not_converged'.")
      .def_readonly("language", &precis::Diagnostics::language, "The language used (resolved from 'auto').")
      .def_readonly("stemmer", &precis::Diagnostics::stemmer, "Snowball stemmer used, '' for none.")
      .def_readonly("stopword_count", &precis::Diagnostics::stopword_count)
      .def_readonly("sentence_count", &precis::Diagnostics::sentence_count)
      .def_readonly("token_count", &precis::Diagnostics::token_count)
      .def_readonly("term_count", &precis::Diagnostics::term_count)
      .def_readonly("edge_count", &precis::Diagnostics::edge_count)
      .def_readonly("iterations", &precis::Diagnostics::iterations)
      .def_readonly("converged", &precis::Diagnostics::converged)
      .def_readonly("residual", &precis::Diagnostics::residual)
      .def_readonly("truncated_bytes", &precis::Diagnostics::truncated_bytes,
                    "Bytes left out at the end of the text (input.on_too_long = 'truncate').")
      .def_readonly("replaced_sequences", &precis::Diagnostics::replaced_sequences,
                    "Lone surrogates (ill-formed UTF-8 sequences in C++) replaced by U+FFFD.")
      .def("__eq__", &equals<precis::Diagnostics>, "other"_a)
      .def("__reduce__", [](const precis::Diagnostics& d) -> py::tuple {
        std::vector<int> warnings;
        for (precis::Warning w : d.warnings) warnings.push_back(static_cast<int>(w));
        return reduce_with("_diagnostics", py::make_tuple(warnings, d.language, d.stemmer, d.stopword_count,
                                                          d.sentence_count, d.token_count, d.term_count,
                                                          d.edge_count, d.iterations, d.converged, d.residual,
                                                          d.truncated_bytes, d.replaced_sequences));
      })
      .def("__repr__", [](const precis::Diagnostics& d) {
        return "Diagnostics(language='" + d.language + "', sentence_count=" + std::to_string(d.sentence_count) +
               ", edge_count=" + std::to_string(d.edge_count) + ", iterations=" + std::to_string(d.iterations) +
               ", converged=" + (d.converged ? "True" : "False") + ", warnings=" +
               py_repr(py::cast(d).attr("warnings")) + ")";
      });

  py::class_<precis::Summary>(m, "Summary", py::dynamic_attr(), R"doc(
The result of summarizing one text.

Attributes
----------
sentences : list[ScoredSentence]
    The chosen sentences, in document order.
scores : list[float]
    The score of every sentence of the document (they sum to 1).
text : str
    The chosen sentences joined by newlines.
diagnostics : Diagnostics
options : SummarizerOptions
    The options that produced this summary.
source : str | None
    The text that was summarized, when known (see ``source``): the rich display, ``to_pandas``,
    ``graph`` and ``similarity`` need it.

In Jupyter a Summary displays as the document with the chosen sentences highlighted.
)doc")
      .def_readonly("sentences", &precis::Summary::sentences)
      .def_readonly("scores", &precis::Summary::scores)
      .def_property_readonly("text", &precis::Summary::text)
      .def_readonly("diagnostics", &precis::Summary::diagnostics)
      .def_property_readonly(
          "options", [](const precis::Summary& s) { return s.options; },
          "A copy of the options that produced this summary.")
      .def(
          "to_json",
          [](const precis::Summary& s, std::optional<int> indent) { return precis::to_json(s, indent.value_or(-1)); },
          py::kw_only(), "indent"_a = py::none(), "The summary as JSON (schema_version 1), as the CLI prints it.")
      .def_static(
          "from_json", [](const std::string& json) { return precis::summary_from_json(json); }, "json"_a,
          "The inverse of to_json().")
      .def("__len__", [](const precis::Summary& s) { return s.sentences.size(); })
      .def("__str__", &precis::Summary::text)
      .def("__eq__", &equals<precis::Summary>, "other"_a)
      .def("__repr__",
           [](const precis::Summary& s) {
             return "Summary(" + std::to_string(s.sentences.size()) + " of " +
                    std::to_string(s.diagnostics.sentence_count) + " sentences, language='" + s.diagnostics.language +
                    "', text=" + py_repr(py::str(shorten(s.text(), 80))) + ")";
           })
      .def_property(
          "source",
          [](const py::object& self) -> std::optional<py::str> {
            py::dict attributes = self.attr("__dict__");
            if (!attributes.contains("_source") || attributes["_source"].is_none()) return std::nullopt;
            return attributes["_source"].cast<py::str>();
          },
          [](const py::object& self, const std::optional<py::str>& text) {
            if (text) {
              const auto& summary = self.cast<const precis::Summary&>();
              const Py_ssize_t length = PyUnicode_GetLength(text->ptr());
              for (const precis::ScoredSentence& s : summary.sentences) {
                bool same = static_cast<Py_ssize_t>(s.end) <= length;
                if (same) {
                  py::str slice = py::reinterpret_steal<py::str>(PyUnicode_Substring(
                      text->ptr(), static_cast<Py_ssize_t>(s.start), static_cast<Py_ssize_t>(s.end)));
                  // Compared as the engine saw it: lone surrogates as U+FFFD (on_invalid_utf8).
                  same = TextArgument(slice, precis::InvalidUtf8::kReplace).utf8 == s.text;
                }
                if (!same)
                  throw py::value_error("source is not the text this summary was made from: sentence " +
                                        std::to_string(s.index) + " is not at [" + std::to_string(s.start) + ", " +
                                        std::to_string(s.end) + ")");
              }
            }
            py::dict attributes = self.attr("__dict__");
            attributes["_source"] = text ? py::object(*text) : py::object(py::none());
          },
          R"doc(
The text that was summarized: set by Summarizer.summarize and summarize_many (a reference to your
str, not a copy), None for a Summary read from JSON. Setting it checks that every chosen sentence
is at its offsets in the text (ValueError otherwise). Not part of equality or JSON; kept by pickle.
)doc")
      .def("_repr_html_", [](const py::object& self) { return python_helper("summary_html")(self).cast<std::string>(); },
           "The document with the chosen sentences highlighted (Jupyter's rich display).")
      .def("_repr_markdown_",
           [](const py::object& self) { return python_helper("summary_markdown")(self).cast<std::string>(); },
           "The chosen sentences as a Markdown table.")
      .def("_repr_pretty_",
           [](const py::object& self, const py::object& printer, bool cycle) {
             printer.attr("text")(cycle ? std::string("Summary(...)")
                                        : python_helper("summary_text")(self).cast<std::string>());
           },
           "printer"_a, "cycle"_a, "IPython's terminal display: one line per chosen sentence.")
      .def("to_pandas", [](const py::object& self) { return python_helper("summary_frame")(self); }, R"doc(
A pandas DataFrame with one row per sentence of the document: index, start, end, text, score,
rank, chosen. Needs pandas and the source text.
)doc")
      .def("similarity", [](const py::object& self) { return python_helper("summary_similarity")(self); }, R"doc(
The sentence-similarity graph as a scipy.sparse.csr_array (pip install 'precis[viz]').
Recomputed from the source text with the summary's options.
)doc")
      .def("graph", [](const py::object& self) { return python_helper("summary_graph")(self); }, R"doc(
The sentence-similarity graph as a networkx.Graph (pip install 'precis[viz]'): one node per
sentence with its score, rank, text and whether it was chosen; edges weighted by similarity.
)doc")
      .def("__reduce__", [](const py::object& self) -> py::tuple {
        return reduce_with("_summary_from_json",
                           py::make_tuple(precis::to_json(self.cast<const precis::Summary&>()), self.attr("source")));
      });

  // --------------------------------------------------------------------------------------------
  // Segmentation

  py::class_<PySentence>(m, "Sentence", "A sentence: ``text[s.start:s.end] == s.text``.")
      .def(py::init<std::size_t, std::size_t, std::size_t, std::size_t, std::size_t, std::string, bool>(),
           "index"_a, "start"_a, "end"_a, "byte_start"_a, "byte_end"_a, "text"_a, "terminated"_a)
      .def("__eq__", &equals<PySentence>, "other"_a)
      .def("__reduce__", [](const PySentence& s) -> py::tuple {
        return py::make_tuple(py::type::of<PySentence>(), py::make_tuple(s.index, s.start, s.end, s.byte_start,
                                                                         s.byte_end, s.text, s.terminated));
      })
      .def_readonly("index", &PySentence::index)
      .def_readonly("start", &PySentence::start, "Code-point offset of the first character.")
      .def_readonly("end", &PySentence::end, "Code-point offset after the last character.")
      .def_readonly("byte_start", &PySentence::byte_start)
      .def_readonly("byte_end", &PySentence::byte_end)
      .def_readonly("text", &PySentence::text)
      .def_readonly("terminated", &PySentence::terminated, "Ends with sentence-final punctuation.")
      .def("__repr__", [](const PySentence& s) {
        return "Sentence(index=" + std::to_string(s.index) + ", start=" + std::to_string(s.start) +
               ", end=" + std::to_string(s.end) + ", text=" + py_repr(py::str(shorten(s.text))) + ")";
      });

  py::class_<PyToken>(m, "Token", "A word or number: ``text[t.start:t.end] == t.text``.")
      .def(py::init<std::size_t, std::size_t, std::size_t, std::size_t, std::string, std::string>(),
           "start"_a, "end"_a, "byte_start"_a, "byte_end"_a, "text"_a, "kind"_a)
      .def("__eq__", &equals<PyToken>, "other"_a)
      .def("__reduce__", [](const PyToken& t) -> py::tuple {
        return py::make_tuple(py::type::of<PyToken>(),
                              py::make_tuple(t.start, t.end, t.byte_start, t.byte_end, t.text, t.kind));
      })
      .def_readonly("start", &PyToken::start)
      .def_readonly("end", &PyToken::end)
      .def_readonly("byte_start", &PyToken::byte_start)
      .def_readonly("byte_end", &PyToken::byte_end)
      .def_readonly("text", &PyToken::text)
      .def_readonly("kind", &PyToken::kind, "'word' or 'number'.")
      .def("__repr__", [](const PyToken& t) {
        return "Token(start=" + std::to_string(t.start) + ", end=" + std::to_string(t.end) + ", kind='" + t.kind +
               "', text=" + py_repr(py::str(t.text)) + ")";
      });

  py::class_<precis::Segmenter>(m, "Segmenter", R"doc(
Sentence segmentation and word tokenization with ICU. Immutable and thread-safe; build once, reuse.
)doc")
      .def(py::init([](const precis::SegmentOptions& options) { return precis::Segmenter(options); }),
           py::arg_v("options", precis::SegmentOptions(), "SegmentOptions()"))
      .def(
          "split_sentences",
          [](const precis::Segmenter& self, const py::str& text) {
            const std::string_view utf8 = utf8_view(text);
            std::vector<precis::Sentence> found;
            {
              py::gil_scoped_release nogil;
              found = self.split_sentences(utf8);
            }
            return to_py_sentences(text, utf8, found);
          },
          "text"_a, "The sentences of text, in order, trimmed of white space.")
      .def(
          "tokenize",
          [](const precis::Segmenter& self, const py::str& text) {
            const std::string_view utf8 = utf8_view(text);
            std::vector<precis::Token> found;
            {
              py::gil_scoped_release nogil;
              found = self.tokenize(utf8);
            }
            const std::vector<std::size_t> points = span_code_points(text, utf8, found);
            std::vector<PyToken> out;
            out.reserve(found.size());
            for (std::size_t i = 0; i < found.size(); ++i) {
              const precis::Span span = found[i].span;
              out.push_back({points[2 * i], points[2 * i + 1], span.begin, span.end,
                             std::string(utf8.substr(span.begin, span.size())),
                             found[i].kind == precis::TokenKind::kNumber ? "number" : "word"});
            }
            return out;
          },
          "text"_a, "The word and number tokens of text, in order.")
      .def("resolve_language", [](const precis::Segmenter& self, const py::str& text) {
        return self.resolve_language(utf8_view(text));
      }, "text"_a, "The language used for text ('auto' resolved from its script).")
      .def_property_readonly(
          "options", [](const precis::Segmenter& self) { return self.options(); },
          "A copy of the options: a Segmenter never changes.");

  py::class_<PyAnalysis>(m, "Analysis", R"doc(
Every intermediate result of the pipeline for one text (Summarizer.analyze): sentences, content
terms, the similarity graph and the PageRank scores, before selection.
)doc")
      .def_readonly("language", &PyAnalysis::language, "The language used (resolved from 'auto').")
      .def_readonly("sentences", &PyAnalysis::sentences, "Every sentence, with code-point offsets.")
      .def_readonly("word_counts", &PyAnalysis::word_counts, "Word and number tokens per sentence.")
      .def_readonly("token_count", &PyAnalysis::token_count)
      .def_readonly("terms", &PyAnalysis::terms,
                    "Content term ids of each sentence, in token order, repeats kept (see vocabulary).")
      .def_readonly("vocabulary", &PyAnalysis::vocabulary, "Term id → term (case-folded, stemmed).")
      .def_property_readonly(
          "graph_csr", [](const PyAnalysis& a) { return py::make_tuple(a.indptr, a.indices, a.weights); },
          R"doc(
The symmetric similarity graph as CSR arrays (indptr, indices, weights): array('i'), array('i'),
array('d'). scipy.sparse.csr_array((weights, indices, indptr)) builds the matrix.
)doc")
      .def_readonly("edge_count", &PyAnalysis::edge_count, "Undirected edges of the graph.")
      .def_readonly("scores", &PyAnalysis::scores, "PageRank score of every sentence (they sum to 1).")
      .def_readonly("iterations", &PyAnalysis::iterations)
      .def_readonly("converged", &PyAnalysis::converged)
      .def_readonly("residual", &PyAnalysis::residual)
      .def_readonly("stemmer", &PyAnalysis::stemmer)
      .def_readonly("stopword_count", &PyAnalysis::stopword_count)
      .def_readonly("warnings", &PyAnalysis::warnings)
      .def_readonly("truncated_bytes", &PyAnalysis::truncated_bytes)
      .def_readonly("replaced_sequences", &PyAnalysis::replaced_sequences)
      .def("__repr__", [](const PyAnalysis& a) {
        return "Analysis(language='" + a.language + "', sentences=" + std::to_string(a.sentences.size()) +
               ", terms=" + std::to_string(a.vocabulary.size()) + ", edges=" + std::to_string(a.edge_count) +
               ", iterations=" + std::to_string(a.iterations) + ")";
      });

  // --------------------------------------------------------------------------------------------
  // Summarizer

  py::class_<precis::Summarizer>(m, "Summarizer", R"doc(
A reusable, immutable summarizer. Thread-safe: one instance may serve many threads.

Construction validates the options (InvalidOptionsError names the field) and loads ICU data:
build one and reuse it.
)doc")
      .def(py::init([](const precis::SummarizerOptions& options) { return precis::Summarizer(options); }),
           py::arg_v("options", precis::SummarizerOptions(), "SummarizerOptions()"))
      .def_property_readonly(
          "options", [](const precis::Summarizer& self) { return self.options(); },
          "A copy of the options: a Summarizer never changes.")
      .def(
          "summarize",
          [](const precis::Summarizer& self, const py::str& text, std::optional<std::int64_t> sentences,
             std::optional<double> ratio, std::optional<std::int64_t> words, std::optional<std::int64_t> chars,
             const std::optional<py::str>& query) {
            const precis::SelectOptions select =
                call_budgets(self.options().select, sentences, ratio, words, chars);
            const precis::InvalidUtf8 policy = self.options().input.on_invalid_utf8;
            const TextArgument argument(text, policy);
            std::optional<TextArgument> query_argument;
            if (query) query_argument.emplace(*query, policy);
            precis::Summary summary;
            {
              py::gil_scoped_release nogil;
              summary = self.summarize(argument.utf8, select, query_argument ? query_argument->utf8 : "");
            }
            record_replacements(summary.diagnostics.warnings, summary.diagnostics.replaced_sequences,
                                argument.replaced_surrogates +
                                    (query_argument ? query_argument->replaced_surrogates : 0));
            return summary;
          },
          "text"_a, py::kw_only(), "sentences"_a = py::none(), "ratio"_a = py::none(), "words"_a = py::none(),
          "chars"_a = py::none(), "query"_a = py::none(), R"doc(
Summarizes text. A budget given here replaces the summarizer's budget of the same kind for this
call; every budget that is set applies at once. With a query, ranking leans toward sentences
containing its terms (biased TextRank, options.rank.query_weight). Returns a Summary, also for
empty or one-sentence text (see its warnings).
)doc")
      .def(
          "summarize_many",
          [](const precis::Summarizer& self, const std::vector<py::str>& texts, std::optional<std::int64_t> sentences,
             std::optional<double> ratio, std::optional<std::int64_t> words, std::optional<std::int64_t> chars,
             unsigned workers) {
            const precis::SelectOptions select =
                call_budgets(self.options().select, sentences, ratio, words, chars);
            const precis::InvalidUtf8 policy = self.options().input.on_invalid_utf8;
            std::vector<std::unique_ptr<TextArgument>> arguments;
            std::vector<std::string_view> views;
            arguments.reserve(texts.size());
            views.reserve(texts.size());
            for (const py::str& text : texts) {
              views.push_back(arguments.emplace_back(std::make_unique<TextArgument>(text, policy))->utf8);
            }
            std::vector<precis::Summary> summaries;
            {
              py::gil_scoped_release nogil;
              summaries = self.summarize_many(views, select, workers);
            }
            for (std::size_t i = 0; i < summaries.size(); ++i) {
              precis::Diagnostics& diagnostics = summaries[i].diagnostics;
              record_replacements(diagnostics.warnings, diagnostics.replaced_sequences,
                                  arguments[i]->replaced_surrogates);
            }
            return summaries;
          },
          "texts"_a, py::kw_only(), "sentences"_a = py::none(), "ratio"_a = py::none(), "words"_a = py::none(),
          "chars"_a = py::none(), "workers"_a = 0, R"doc(
Summaries of many texts, computed on `workers` threads (0: all cores) with the GIL released.
The result equals [summarize(t) for t in texts], whatever the number of workers.
)doc")
      .def(
          "analyze",
          [](const precis::Summarizer& self, const py::str& text) {
            const TextArgument argument(text, self.options().input.on_invalid_utf8);
            precis::Analysis analysis;
            {
              py::gil_scoped_release nogil;
              analysis = self.analyze(argument.utf8);
            }
            record_replacements(analysis.warnings, analysis.replaced_sequences, argument.replaced_surrogates);
            return to_py_analysis(text, argument.utf8, std::move(analysis));
          },
          "text"_a, "Every intermediate result for text: sentences, terms, graph, scores (no selection).");

  // --------------------------------------------------------------------------------------------
  // Unpickling helpers (see reduce_with): not part of the public API.

  m.def(
      "_with_fields",
      [](const py::object& cls, const py::typing::Dict<py::str, py::object>& fields) {
        py::object value = cls();
        for (auto [field, field_value] : fields) py::setattr(value, field, field_value);
        return value;
      },
      "cls"_a, "fields"_a);
  m.def("preset_options", [](const std::string& name) { return precis::preset_options(name); }, "name"_a,
        R"doc(The SummarizerOptions of a named preset ("default", "news-lead", "coverage", "classic").)doc");
  m.def("preset_names", [] {
    std::vector<std::string> names(precis::preset_names().begin(), precis::preset_names().end());
    return names;
  }, "The names of the presets.");

  m.def("_options_from_json", [](const std::string& json) { return precis::options_from_json(json); }, "json"_a);
  m.def(
      "_summary_from_json",
      [](const std::string& json, const py::object& source) {
        py::object summary = py::cast(precis::summary_from_json(json));
        if (!source.is_none()) summary.attr("source") = source;
        return summary;
      },
      "json"_a, "source"_a = py::none());
  m.def(
      "_scored_sentence",
      [](std::size_t index, std::size_t byte_start, std::size_t byte_end, std::size_t start, std::size_t end,
         double score, std::size_t rank, std::string text) {
        return precis::ScoredSentence{index, {byte_start, byte_end}, start, end, score, rank, std::move(text)};
      },
      "index"_a, "byte_start"_a, "byte_end"_a, "start"_a, "end"_a, "score"_a, "rank"_a, "text"_a);
  m.def(
      "_diagnostics",
      [](const std::vector<int>& warnings, std::string language, std::string stemmer, std::size_t stopword_count,
         std::size_t sentence_count, std::size_t token_count, std::size_t term_count, std::size_t edge_count,
         int iterations, bool converged, double residual, std::size_t truncated_bytes,
         std::size_t replaced_sequences) {
        precis::Diagnostics d;
        d.truncated_bytes = truncated_bytes;
        d.replaced_sequences = replaced_sequences;
        for (int w : warnings) d.warnings.push_back(static_cast<precis::Warning>(w));
        d.language = std::move(language);
        d.stemmer = std::move(stemmer);
        d.stopword_count = stopword_count;
        d.sentence_count = sentence_count;
        d.token_count = token_count;
        d.term_count = term_count;
        d.edge_count = edge_count;
        d.iterations = iterations;
        d.converged = converged;
        d.residual = residual;
        return d;
      },
      "warnings"_a, "language"_a, "stemmer"_a, "stopword_count"_a, "sentence_count"_a, "token_count"_a,
      "term_count"_a, "edge_count"_a, "iterations"_a, "converged"_a, "residual"_a, "truncated_bytes"_a, "replaced_sequences"_a);

  m.attr("__version__") = precis::version();
}
