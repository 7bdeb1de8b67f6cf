// precis._core: the one binding file.
//
// Map of what is bound, in order:
//   exceptions   SummarizerError > InvalidOptionsError (ValueError), ParseError (ValueError),
//                InvalidUtf8Error (ValueError), IcuError (RuntimeError), InternalError (RuntimeError)
//   fields       bind_fields(): properties, keyword constructor, repr, equality, pickling and JSON
//                of every struct with a field table (precis/fields.hpp), from that table alone
//   options      InputOptions, SegmentOptions, TokenOptions, GraphOptions, RankOptions,
//                SelectOptions, KeyphraseOptions, SummarizerOptions (mutable)
//   results      ScoredSentence, Diagnostics, Occurrence, Keyphrase, Summary (read-only)
//   language     LanguageScore, LanguageGuess, detect_language, detectable_languages
//   segmentation Sentence, Token, Segmenter
//   summarizer   Analysis, Summarizer (immutable; summarize, summarize_many, analyze, keywords with
//                the GIL released), sentence_ranks
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
#include <map>
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
    const py::bytes encoded =
        py::reinterpret_steal<py::bytes>(PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogatepass"));
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

// Many strs as the engine gets them (TextArgument each), for a batch call.
struct TextArguments {
  std::vector<std::unique_ptr<TextArgument>> owned;  // TextArgument neither copies nor moves
  std::vector<std::string_view> views;

  TextArguments(const std::vector<py::str>& texts, precis::InvalidUtf8 policy) {
    owned.reserve(texts.size());
    views.reserve(texts.size());
    for (const py::str& text : texts)
      views.push_back(owned.emplace_back(std::make_unique<TextArgument>(text, policy))->utf8);
  }
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

// Where a sentence or token is, as Python sees it: code-point offsets beside the byte offsets, as
// for a keyphrase's occurrence.
using PySpan = precis::Occurrence;

struct PySentence : PySpan {
  std::size_t index = 0;
  std::string text;
  bool terminated = false;

  static constexpr auto fields() {
    using precis::field;
    return std::tuple_cat(
        std::tuple{field("index", &PySentence::index, "Position of the sentence in the document, 0-based.")},
        PySpan::fields(),
        std::tuple{field("text", &PySentence::text, "The sentence as it appears in the input."),
                   field("terminated", &PySentence::terminated, "Ends with sentence-final punctuation.")});
  }
  bool operator==(const PySentence&) const = default;
};

struct PyToken : PySpan {
  std::string text;
  std::string kind;

  static constexpr auto fields() {
    using precis::field;
    return std::tuple_cat(std::tuple{field("text", &PyToken::text, "The token as it appears in the input."),
                                     field("kind", &PyToken::kind, "'word' or 'number'.")},
                          PySpan::fields());
  }
  bool operator==(const PyToken&) const = default;
};

// Runs C++ work with the GIL released: `work` must not touch a Python object.
template <typename Work>
auto without_gil(Work&& work) {
  py::gil_scoped_release nogil;
  return work();
}

// Code-point offsets for byte offsets (sorted), with a fast path for ASCII text.
std::vector<std::size_t> to_code_points(const py::str& text, std::string_view utf8,
                                        const std::vector<std::size_t>& bytes) {
  if (is_ascii(text)) return bytes;
  return precis::codepoint_offsets(utf8, bytes);
}

// Code-point offsets of the spans of sentences or tokens: begin and end of item i at 2i and 2i + 1.
template <typename Item>
std::vector<std::size_t> span_code_points(const py::str& text, std::string_view utf8, const std::vector<Item>& found) {
  std::vector<std::size_t> bytes;
  bytes.reserve(2 * found.size());
  for (const Item& item : found) bytes.insert(bytes.end(), {item.span.begin, item.span.end});
  return to_code_points(text, utf8, bytes);
}

// Sentences or tokens as Python values: their spans with code-point offsets (one pass over the
// text) and their text; `make(span, i, text)` adds what item i has of its own.
template <typename Item, typename Make>
auto to_py_items(const py::str& text, std::string_view utf8, const std::vector<Item>& found, Make make) {
  const std::vector<std::size_t> points = span_code_points(text, utf8, found);
  std::vector<decltype(make(PySpan{}, std::size_t{}, std::string{}))> out;
  out.reserve(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    const precis::Span bytes = found[i].span;
    const PySpan span{points[2 * i], points[2 * i + 1], bytes.begin, bytes.end};
    out.push_back(make(span, i, std::string(utf8.substr(bytes.begin, bytes.size()))));
  }
  return out;
}

std::vector<PySentence> to_py_sentences(const py::str& text, std::string_view utf8,
                                        const std::vector<precis::Sentence>& found) {
  return to_py_items(text, utf8, found, [&](const PySpan& span, std::size_t i, std::string sentence) {
    return PySentence{span, i, std::move(sentence), found[i].terminated};
  });
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
  std::vector<PySentence> sentences;
  std::vector<std::size_t> word_counts;
  std::vector<std::vector<std::uint32_t>> terms;  // term ids per sentence, in token order
  std::vector<std::string> vocabulary;
  py::object indptr, indices, weights;  // the similarity graph in CSR form (array.array)
  std::vector<double> scores;
  precis::Diagnostics diagnostics;

  // Every member, in order: what pickling saves and equality compares.
  bool operator==(const PyAnalysis& other) const { return state().equal(other.state()); }
  py::tuple state() const {
    return py::make_tuple(sentences, word_counts, terms, vocabulary, indptr, indices, weights, scores, diagnostics);
  }
  static PyAnalysis from_state(const py::tuple& state) {
    return {state[0].cast<std::vector<PySentence>>(),
            state[1].cast<std::vector<std::size_t>>(),
            state[2].cast<std::vector<std::vector<std::uint32_t>>>(),
            state[3].cast<std::vector<std::string>>(),
            state[4],
            state[5],
            state[6],
            state[7].cast<std::vector<double>>(),
            state[8].cast<precis::Diagnostics>()};
  }
};

PyAnalysis to_py_analysis(const py::str& text, std::string_view utf8, precis::Analysis&& a) {
  PyAnalysis out;
  out.sentences = to_py_sentences(text, utf8, a.sentences);
  out.word_counts = std::move(a.word_counts);
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
  out.scores.assign(a.rank.scores.data(), a.rank.scores.data() + a.rank.scores.size());
  out.diagnostics = std::move(a.diagnostics);
  return out;
}

// Python helpers of the package (display, tables, plots) called by methods of bound classes:
// they import lazily, so `import precis` needs nothing beyond the standard library.
py::object python_helper(const char* name) { return py::module_::import("precis._display").attr(name); }

std::string shorten(const std::string& text, std::size_t limit = 60) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return text.substr(0, cut) + "…";
}

std::string py_repr(const py::handle& value) { return py::repr(value).cast<std::string>(); }

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

// ----------------------------------------------------------------------------------------------
// Field tables in Python: how a field's value crosses the boundary. Enums are their names (str);
// everything else is what pybind11 makes of it. from_py checks types strictly (no bool for an
// int, no str for a list) and names the field in its message.

// A field's value as Python gets it: enums by name, everything else as pybind11 converts it. The
// return type is concrete so that the generated stub types each property.
template <typename T>
auto to_py(const T& value) {
  if constexpr (precis::NamedEnum<T>) {
    return std::string(precis::to_string(value));
  } else if constexpr (precis::kIsVector<T>) {
    if constexpr (precis::NamedEnum<typename T::value_type>) {
      std::vector<std::string> names;
      for (const auto& item : value) names.push_back(to_py(item));
      return names;
    } else {
      return value;
    }
  } else {
    return value;
  }
}

// What a field of type T accepts, for messages.
template <typename T>
std::string python_type_name() {
  if constexpr (precis::kIsOptional<T>) {
    return python_type_name<typename T::value_type>() + " or None";
  } else if constexpr (precis::kIsVector<T>) {
    return "a list";
  } else if constexpr (std::is_same_v<T, bool>) {
    return "a bool";
  } else if constexpr (std::is_integral_v<T>) {
    return "an int";
  } else if constexpr (std::is_floating_point_v<T>) {
    return "a float";
  } else if constexpr (precis::HasFields<T>) {
    return "a " + py::type::of<T>().attr("__name__").template cast<std::string>();
  } else {
    return "a str";
  }
}

[[noreturn]] void wrong_type(const std::string& name, const std::string& expected, py::handle value) {
  throw py::type_error(name + " must be " + expected + ", got " +
                       py::type::handle_of(value).attr("__name__").cast<std::string>());
}

template <typename T>
T from_py(py::handle value, const std::string& name) {
  const bool is_bool = PyBool_Check(value.ptr());
  if constexpr (precis::kIsOptional<T>) {
    if (value.is_none()) return std::nullopt;
    try {
      return from_py<typename T::value_type>(value, name);
    } catch (const py::type_error&) {
      wrong_type(name, python_type_name<T>(), value);
    }
  } else if constexpr (precis::NamedEnum<T>) {
    if (!PyUnicode_Check(value.ptr())) wrong_type(name, "a str", value);
    return precis::enum_from_string<T>(value.cast<std::string>(), name);
  } else if constexpr (precis::kIsVector<T>) {
    if (PyUnicode_Check(value.ptr()) || !PySequence_Check(value.ptr())) wrong_type(name, "a list", value);
    T items;
    for (py::handle item : value) items.push_back(from_py<typename T::value_type>(item, name + "[]"));
    return items;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!is_bool) wrong_type(name, "a bool", value);
    return value.ptr() == Py_True;
  } else if constexpr (std::is_integral_v<T>) {
    if (is_bool || !PyLong_Check(value.ptr())) wrong_type(name, "an int", value);
    try {
      return value.cast<T>();
    } catch (const py::cast_error&) {
      throw precis::Error(precis::ErrorCode::kInvalidArgument,
                          name + " must be an int from " + std::to_string(std::numeric_limits<T>::min()) + " to " +
                              std::to_string(std::numeric_limits<T>::max()) + ", got " + py_repr(value));
    }
  } else if constexpr (std::is_floating_point_v<T>) {
    if (is_bool || !(PyFloat_Check(value.ptr()) || PyLong_Check(value.ptr()))) wrong_type(name, "a float", value);
    return value.cast<T>();
  } else if constexpr (precis::HasFields<T>) {
    if (!py::isinstance<T>(value)) wrong_type(name, python_type_name<T>(), value);
    return value.cast<T>();
  } else {
    if (!PyUnicode_Check(value.ptr())) wrong_type(name, "a str", value);
    return value.cast<T>();
  }
}

// Sets the field called `name` of `target` from a Python value; false when T has no such field.
template <precis::HasFields T>
bool set_field(T& target, std::string_view name, py::handle value, const std::string& owner) {
  bool found = false;
  precis::for_each_field<T>([&](const auto& entry) {
    using Member = typename std::decay_t<decltype(entry)>::member_type;
    if (entry.name != name) return;
    target.*entry.member = from_py<Member>(value, owner + "." + std::string(entry.name));
    found = true;
  });
  return found;
}

template <precis::HasFields T>
T from_keywords(const py::dict& keywords, const std::string& owner) {
  T value;
  for (auto [key, item] : keywords) {
    const std::string name = py::str(key);
    if (!set_field(value, name, item, owner)) {
      throw py::type_error(owner + "() got an unexpected keyword argument '" + name + "'");
    }
  }
  return value;
}

enum class Access { kReadWrite, kReadOnly };

// Binds every field of T from its table: a property each (option groups by reference, so
// options.select.sentences = 3 works; results by copy), a keyword constructor, field-wise
// equality, a repr (options: the fields that differ from the defaults, so it evaluates back to an
// equal value; results: every field), pickling and copy through the fields, and _fields.
template <precis::HasFields T>
void bind_fields(py::class_<T>& cls, Access access) {
  const std::string owner = cls.attr("__name__").template cast<std::string>();
  py::list names;
  precis::for_each_field<T>([&](const auto& entry) {
    using Member = typename std::decay_t<decltype(entry)>::member_type;
    const auto member = entry.member;
    const std::string name(entry.name);
    names.append(name);
    if constexpr (precis::HasFields<Member>) {
      if (access == Access::kReadWrite) {
        cls.def_property(
            name.c_str(), [member](T& self) -> Member& { return self.*member; },
            [member](T& self, const Member& value) { self.*member = value; }, entry.doc.data());
        return;
      }
    }
    auto get = [member](const T& self) { return to_py(self.*member); };
    if (access == Access::kReadOnly) {
      cls.def_property_readonly(name.c_str(), get, entry.doc.data());
    } else {
      const std::string path = owner + "." + name;
      cls.def_property(
          name.c_str(), get,
          [member, path](T& self, const py::object& value) { self.*member = from_py<Member>(value, path); },
          entry.doc.data());
    }
  });
  cls.attr("_fields") = py::tuple(names);
  cls.attr("__match_args__") = py::tuple(names);
  cls.def(py::init([owner](const py::kwargs& fields) { return from_keywords<T>(fields, owner); }),
          "Keyword arguments set fields by name (see _fields); the others keep their defaults.");
  cls.def("__eq__", &equals<T>, "other"_a);
  cls.def("__repr__", [access](const py::object& self) {
    const T& value = self.cast<const T&>();
    const T defaults{};
    std::string out = py::type::of(self).attr("__name__").cast<std::string>() + "(";
    bool first = true;
    precis::for_each_field<T>([&](const auto& entry) {
      if (access == Access::kReadWrite && value.*entry.member == defaults.*entry.member) return;
      py::object item = self.attr(std::string(entry.name).c_str());
      std::string shown =
          PyUnicode_Check(item.ptr()) ? py_repr(py::str(shorten(item.cast<std::string>()))) : py_repr(item);
      out += (first ? "" : ", ") + std::string(entry.name) + "=" + shown;
      first = false;
    });
    return out + ")";
  });
  cls.def("__reduce__", [](const py::object& self) -> py::tuple {
    py::dict state;
    for (py::handle name : self.attr("_fields")) state[name] = self.attr(name);
    py::tuple reduced = reduce_with("_with_fields", py::make_tuple(py::type::of(self), state));
    if (!py::hasattr(self, "__dict__")) return reduced;
    return py::make_tuple(reduced[0], reduced[1], self.attr("__dict__"));  // py::dynamic_attr state
  });
}

// JSON documents of the engine's structs (json.hpp).
template <precis::HasFields T>
void bind_json(py::class_<T>& cls) {
  cls.def(
      "to_json", [](const T& value, std::optional<int> indent) { return precis::to_json(value, indent.value_or(-1)); },
      py::kw_only(), "indent"_a = py::none(), "The JSON document (schema_version 1); one line unless indent.");
  cls.def_static(
      "from_json", [](const std::string& json) { return precis::from_json<T>(json); }, "json"_a,
      "The inverse of to_json(); unknown keys or wrong types raise ParseError. Ranges are checked by Summarizer.");
}

// The summarizer's SelectOptions with the fields given for one call (None keeps a field).
precis::SelectOptions call_select(const precis::Summarizer& self, const py::kwargs& fields) {
  precis::SelectOptions select = self.options().select;
  for (auto [key, value] : fields) {
    if (value.is_none()) continue;
    const std::string name = py::str(key);
    if (!set_field(select, name, value, "select")) {
      throw py::type_error(
          "unexpected keyword argument '" + name + "' (budgets and other fields of SelectOptions: " +
          py::str(", ").attr("join")(py::type::of<precis::SelectOptions>().attr("_fields")).cast<std::string>() + ")");
    }
  }
  return select;
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
  // One class per ErrorCode, each also a builtin that callers already catch.
  struct ErrorClass {
    precis::ErrorCode code;
    const char* name;
    const char* builtin;
    const char* doc;
  };
  static constexpr ErrorClass kErrorClasses[] = {
      {precis::ErrorCode::kInvalidArgument, "InvalidOptionsError", "ValueError",
       "An option or argument is out of range; the message names it and its value."},
      {precis::ErrorCode::kParse, "ParseError", "ValueError",
       "Malformed JSON, or a JSON config with an unknown key or wrong type."},
      {precis::ErrorCode::kInvalidUtf8, "InvalidUtf8Error", "ValueError",
       "The input is not well-formed UTF-8; the message gives the byte offset."},
      {precis::ErrorCode::kInputTooLarge, "InputTooLargeError", "ValueError",
       "The text is longer than input.max_bytes (options), or 2 GiB or more."},
      {precis::ErrorCode::kIcu, "IcuError", "RuntimeError", "ICU reported a failure, for example missing data."},
      {precis::ErrorCode::kDeadlineExceeded, "DeadlineExceededError", "TimeoutError",
       "The call ran longer than input.deadline_ms (options); the message says after which stage."},
      {precis::ErrorCode::kInternal, "InternalError", "RuntimeError",
       "A broken invariant inside precis: please report it."},
  };
  static std::map<precis::ErrorCode, py::handle> error_classes;
  for (const ErrorClass& error : kErrorClasses) {
    error_classes[error.code] =
        make_error(error.name, py::make_tuple(base_error, builtins.attr(error.builtin)), error.doc);
  }
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const precis::Error& e) {
      PyErr_SetString(error_classes.at(e.code()).ptr(), e.what());
    }
  });

  // --------------------------------------------------------------------------------------------
  // Options

  py::class_<precis::InputOptions> input_options(
      m, "InputOptions", "Guards for untrusted input: a size limit and what to do with ill-formed text.");
  py::class_<precis::SegmentOptions> segment_options(m, "SegmentOptions", "How text is split into sentences.");
  py::class_<precis::TokenOptions> token_options(m, "TokenOptions", "How sentences become content terms.");
  py::class_<precis::GraphOptions> graph_options(m, "GraphOptions", "How the sentence-similarity graph is weighted.");
  py::class_<precis::RankOptions> rank_options(m, "RankOptions", "PageRank and its position and query priors.");
  py::class_<precis::SelectOptions> select_options(m, "SelectOptions", "Summary budgets and candidate rules.");
  py::class_<precis::KeyphraseOptions> keyphrase_options(m, "KeyphraseOptions", "How keyphrases are extracted.");
  py::class_<precis::SummarizerOptions> summarizer_options(m, "SummarizerOptions", R"doc(
All options of a Summarizer, grouped by stage. Each group's fields are listed in its _fields.

Serializes to and from JSON: ``SummarizerOptions.from_json(options.to_json())``.
)doc");
  bind_fields(input_options, Access::kReadWrite);
  bind_fields(segment_options, Access::kReadWrite);
  bind_fields(token_options, Access::kReadWrite);
  bind_fields(graph_options, Access::kReadWrite);
  bind_fields(rank_options, Access::kReadWrite);
  bind_fields(select_options, Access::kReadWrite);
  bind_fields(keyphrase_options, Access::kReadWrite);
  bind_fields(summarizer_options, Access::kReadWrite);
  bind_json(input_options);
  bind_json(segment_options);
  bind_json(token_options);
  bind_json(graph_options);
  bind_json(rank_options);
  bind_json(select_options);
  bind_json(keyphrase_options);
  bind_json(summarizer_options);
  summarizer_options.def(
      "validate", [](const precis::SummarizerOptions& o) { precis::validate(o); },
      "Raises InvalidOptionsError naming the first invalid field.");

  // --------------------------------------------------------------------------------------------
  // Results

  py::class_<precis::ScoredSentence> scored_sentence(m, "ScoredSentence", R"doc(
A chosen sentence. ``text[s.start:s.end] == s.text`` for the str that was summarized.
)doc");
  py::class_<precis::Diagnostics> diagnostics(m, "Diagnostics", "What happened while summarizing.");
  py::class_<precis::Occurrence> occurrence(m, "Occurrence", "Where a keyphrase occurs: ``text[o.start:o.end]``.");
  py::class_<precis::Keyphrase> keyphrase(m, "Keyphrase", R"doc(
A keyphrase: its text as the input writes it, its normalized (folded, stemmed) form, its score,
and every place it occurs (code-point and byte offsets).
)doc");
  bind_fields(scored_sentence, Access::kReadOnly);
  bind_fields(diagnostics, Access::kReadOnly);
  bind_fields(occurrence, Access::kReadOnly);
  bind_fields(keyphrase, Access::kReadOnly);
  bind_json(scored_sentence);
  bind_json(diagnostics);
  bind_json(occurrence);
  bind_json(keyphrase);
  // A short repr: a keyphrase may occur hundreds of times.
  py::delattr(keyphrase, "__repr__");
  keyphrase.def("__repr__", [](const precis::Keyphrase& k) {
    return "Keyphrase(" + py_repr(py::str(shorten(k.text))) + ", score=" + py_repr(py::float_(k.score)) +
           ", occurrences=" + std::to_string(k.occurrences.size()) + ")";
  });

  py::class_<precis::Summary> summary(m, "Summary", py::dynamic_attr(), R"doc(
The result of summarizing one text: the chosen sentences (in document order), the score of every
sentence, diagnostics and the options used (see each property), and ``text``, the chosen
sentences joined by newlines. ``source`` is the summarized text, when known.

In Jupyter a Summary displays as the document with the chosen sentences highlighted.
)doc");
  bind_fields(summary, Access::kReadOnly);
  bind_json(summary);
  // A short repr instead of the field-wise one (a second def would only add an overload).
  py::delattr(summary, "__repr__");
  summary.def_property_readonly("text", &precis::Summary::text)
      .def("__len__", [](const precis::Summary& s) { return s.sentences.size(); })
      .def("__str__", &precis::Summary::text)
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
      .def(
          "_repr_html_", [](const py::object& self) { return python_helper("summary_html")(self).cast<std::string>(); },
          "The document with the chosen sentences highlighted (Jupyter's rich display).")
      .def(
          "_repr_markdown_",
          [](const py::object& self) { return python_helper("summary_markdown")(self).cast<std::string>(); },
          "The chosen sentences as a Markdown table.")
      .def(
          "_repr_pretty_",
          [](const py::object& self, const py::object& printer, bool cycle) {
            printer.attr("text")(cycle ? std::string("Summary(...)")
                                       : python_helper("summary_text")(self).cast<std::string>());
          },
          "printer"_a, "cycle"_a, "IPython's terminal display: one line per chosen sentence.")
      .def(
          "to_pandas", [](const py::object& self) { return python_helper("summary_frame")(self); }, R"doc(
A pandas DataFrame with one row per sentence of the document: index, start, end, text, score,
rank, chosen. Needs pandas and the source text.
)doc")
      .def(
          "similarity", [](const py::object& self) { return python_helper("summary_similarity")(self); }, R"doc(
The sentence-similarity graph as a scipy.sparse.csr_array (pip install 'precis[viz]').
Recomputed from the source text with the summary's options.
)doc")
      .def(
          "graph", [](const py::object& self) { return python_helper("summary_graph")(self); }, R"doc(
The sentence-similarity graph as a networkx.Graph (pip install 'precis[viz]'): one node per
sentence with its score, rank, text and whether it was chosen; edges weighted by similarity.
)doc");

  // --------------------------------------------------------------------------------------------
  // Language identification

  py::class_<precis::LanguageScore> language_score(m, "LanguageScore", "A language and its probability.");
  py::class_<precis::LanguageGuess> language_guess(m, "LanguageGuess", R"doc(
The language of a text (precis.detect_language): the code precis uses, its confidence, whether the
guess is reliable, and the most probable languages.
)doc");
  bind_fields(language_score, Access::kReadOnly);
  bind_fields(language_guess, Access::kReadOnly);
  bind_json(language_score);
  bind_json(language_guess);
  static const std::string detect_language_doc =
      "The language of text, as language='auto' resolves it: the script first, then a model of character\n"
      "n-grams and words among the languages that share the script. Texts longer than " +
      std::to_string(precis::kLanguageSampleBytes) + " bytes are read\nfrom " +
      std::to_string(precis::kLanguageSampleWindows) + " windows spread over them. Never raises for a str.";
  m.def(
      "detect_language",
      [](const py::str& text) {
        const TextArgument argument(text, precis::InvalidUtf8::kReplace);
        return without_gil([&] { return precis::detect_language(argument.utf8); });
      },
      "text"_a, detect_language_doc.c_str());
  m.def("detectable_languages", &precis::detectable_languages, "The ISO 639-1 codes detect_language can return.");

  // --------------------------------------------------------------------------------------------
  // Segmentation

  py::class_<PySentence> sentence(m, "Sentence", "A sentence: ``text[s.start:s.end] == s.text``.");
  py::class_<PyToken> token(m, "Token", "A word or number: ``text[t.start:t.end] == t.text``.");
  bind_fields(sentence, Access::kReadOnly);
  bind_fields(token, Access::kReadOnly);

  py::class_<precis::Segmenter>(m, "Segmenter", R"doc(
Sentence segmentation and word tokenization with ICU. Immutable and thread-safe; build once, reuse.
)doc")
      .def(py::init([](const precis::SegmentOptions& options) { return precis::Segmenter(options); }),
           py::arg_v("options", precis::SegmentOptions(), "SegmentOptions()"))
      .def(
          "split_sentences",
          [](const precis::Segmenter& self, const py::str& text) {
            const std::string_view utf8 = utf8_view(text);
            return to_py_sentences(text, utf8, without_gil([&] { return self.split_sentences(utf8); }));
          },
          "text"_a, "The sentences of text, in order, trimmed of white space.")
      .def(
          "tokenize",
          [](const precis::Segmenter& self, const py::str& text) {
            const std::string_view utf8 = utf8_view(text);
            const std::vector<precis::Token> found = without_gil([&] { return self.tokenize(utf8); });
            return to_py_items(text, utf8, found, [&](const PySpan& span, std::size_t i, std::string token) {
              return PyToken{span, std::move(token), found[i].kind == precis::TokenKind::kNumber ? "number" : "word"};
            });
          },
          "text"_a, "The word and number tokens of text, in order.")
      .def(
          "resolve_language",
          [](const precis::Segmenter& self, const py::str& text) { return self.resolve_language(utf8_view(text)); },
          "text"_a, "The language used for text ('auto' resolved by detect_language).")
      .def_property_readonly(
          "options", [](const precis::Segmenter& self) { return self.options(); },
          "A copy of the options: a Segmenter never changes.");

  py::class_<PyAnalysis>(m, "Analysis", R"doc(
Every intermediate result of the pipeline for one text (Summarizer.analyze): sentences, content
terms, the similarity graph and the PageRank scores, before selection.
)doc")
      .def_readonly("sentences", &PyAnalysis::sentences, "Every sentence, with code-point offsets.")
      .def_readonly("word_counts", &PyAnalysis::word_counts, "Word and number tokens per sentence.")
      .def_readonly("terms", &PyAnalysis::terms,
                    "Content term ids of each sentence, in token order, repeats kept (see vocabulary).")
      .def_readonly("vocabulary", &PyAnalysis::vocabulary, "Term id → term (case-folded, stemmed).")
      .def_property_readonly(
          "graph_csr", [](const PyAnalysis& a) { return py::make_tuple(a.indptr, a.indices, a.weights); },
          R"doc(
The symmetric similarity graph as CSR arrays (indptr, indices, weights): array('i'), array('i'),
array('d'). scipy.sparse.csr_array((weights, indices, indptr)) builds the matrix.
)doc")
      .def_readonly("scores", &PyAnalysis::scores, "Ranking score of every sentence (they sum to 1).")
      .def_readonly("diagnostics", &PyAnalysis::diagnostics,
                    "Language, counts, PageRank's outcome and warnings, as a summary reports them (selection's "
                    "own warnings aside).")
      .def("__reduce__",
           [](const PyAnalysis& a) { return reduce_with("_analysis_from_state", py::make_tuple(a.state())); })
      .def("__eq__", &equals<PyAnalysis>, "other"_a)
      .def("__repr__", [](const PyAnalysis& a) {
        const precis::Diagnostics& d = a.diagnostics;
        return "Analysis(language='" + d.language + "', sentences=" + std::to_string(a.sentences.size()) +
               ", terms=" + std::to_string(a.vocabulary.size()) + ", edges=" + std::to_string(d.edge_count) +
               ", iterations=" + std::to_string(d.iterations) + ")";
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
          [](const precis::Summarizer& self, const py::str& text, const std::optional<py::str>& query,
             const py::kwargs& select_fields) {
            const precis::SelectOptions select = call_select(self, select_fields);
            const precis::InvalidUtf8 policy = self.options().input.on_invalid_utf8;
            const TextArgument argument(text, policy);
            std::optional<TextArgument> query_argument;
            if (query) query_argument.emplace(*query, policy);
            precis::Summary summary;
            {
              py::gil_scoped_release nogil;
              summary = self.summarize(argument.utf8, select, query_argument ? query_argument->utf8 : "");
            }
            record_replacements(
                summary.diagnostics.warnings, summary.diagnostics.replaced_sequences,
                argument.replaced_surrogates + (query_argument ? query_argument->replaced_surrogates : 0));
            return summary;
          },
          "text"_a, py::kw_only(), "query"_a = py::none(), R"doc(
Summarizes text. Keywords name fields of SelectOptions (the budgets sentences, ratio, words,
chars, and the candidate rules) and replace the summarizer's value for this call (None keeps it);
every budget that is set applies at once. With a query, ranking leans toward sentences
containing its terms (biased TextRank, options.rank.query_weight). Returns a Summary, also for
empty or one-sentence text (see its warnings).
)doc")
      .def(
          "summarize_many",
          [](const precis::Summarizer& self, const std::vector<py::str>& texts, std::size_t workers,
             const py::kwargs& select_fields) {
            const precis::SelectOptions select = call_select(self, select_fields);
            const TextArguments arguments(texts, self.options().input.on_invalid_utf8);
            std::vector<precis::Summary> summaries;
            {
              py::gil_scoped_release nogil;
              summaries = self.summarize_many(arguments.views, select, workers);
            }
            for (std::size_t i = 0; i < summaries.size(); ++i) {
              precis::Diagnostics& diagnostics = summaries[i].diagnostics;
              record_replacements(diagnostics.warnings, diagnostics.replaced_sequences,
                                  arguments.owned[i]->replaced_surrogates);
            }
            return summaries;
          },
          "texts"_a, py::kw_only(), "workers"_a = 0, R"doc(
Summaries of many texts, computed on `workers` threads (0: all cores; never more than texts) with
the GIL released; keywords as for summarize.
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
            record_replacements(analysis.diagnostics.warnings, analysis.diagnostics.replaced_sequences,
                                argument.replaced_surrogates);
            return to_py_analysis(text, argument.utf8, std::move(analysis));
          },
          "text"_a, "Every intermediate result for text: sentences, terms, graph, scores (no selection).")
      .def(
          "keywords",
          [](const precis::Summarizer& self, const py::str& text, std::size_t n) {
            const TextArgument argument(text, self.options().input.on_invalid_utf8);
            return without_gil([&] { return self.keywords(argument.utf8, n); });
          },
          "text"_a, py::kw_only(), "n"_a = 10, R"doc(
The n best keyphrases of text, best first (options.keyphrases says how to find them), with the GIL
released: the keywords of summarize(text, keywords=n) without ranking the sentences.
)doc")
      .def(
          "keywords_many",
          [](const precis::Summarizer& self, const std::vector<py::str>& texts, std::size_t n, std::size_t workers) {
            const TextArguments arguments(texts, self.options().input.on_invalid_utf8);
            return without_gil([&] { return self.keywords_many(arguments.views, n, workers); });
          },
          "texts"_a, py::kw_only(), "n"_a = 10, "workers"_a = 0, R"doc(
The keywords of many texts on `workers` threads (0: all cores) with the GIL released; equal to
[keywords(t, n=n) for t in texts], whatever the number of workers.
)doc");

  // --------------------------------------------------------------------------------------------
  // Unpickling helpers (see reduce_with): not part of the public API.

  m.def(
      "_analysis_from_state",
      [](const py::typing::Tuple<py::object, py::ellipsis>& state) { return PyAnalysis::from_state(state); },
      "state"_a);
  m.def(
      "_with_fields",
      [](const py::object& cls, const py::typing::Dict<py::str, py::object>& fields) { return cls(**fields); }, "cls"_a,
      "fields"_a);
  m.def(
      "preset_options", [](const std::string& name) { return precis::preset_options(name); }, "name"_a,
      R"doc(The SummarizerOptions of a named preset ("default", "news-lead", "coverage", "classic").)doc");
  m.def(
      "preset_names",
      [] {
        std::vector<std::string> names(precis::preset_names().begin(), precis::preset_names().end());
        return names;
      },
      "The names of the presets.");

  m.def(
      "sentence_ranks", [](const std::vector<double>& scores) { return precis::sentence_ranks(scores); }, "scores"_a,
      "The rank of every score: 1 for the highest (compared by ranking_key), ties by lower index.");

  m.attr("__version__") = precis::version();
}
