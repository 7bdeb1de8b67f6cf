#include "precis/json.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <set>

#include "precis/error.hpp"
#include "precis/version.hpp"

namespace precis {
namespace {

// ordered_json keeps keys in the order written: schema_version first, as a reader expects.
using json = nlohmann::ordered_json;

[[noreturn]] void parse_error(const std::string& message) { throw Error(ErrorCode::kParse, message); }

json parse(std::string_view text) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    parse_error(std::string("malformed JSON: ") + e.what());
  }
}

// Reads the fields of one JSON object strictly: every key must be read by one of the get calls,
// and finish() reports the first key nobody asked for.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) parse_error(where() + " must be a JSON object");
  }

  template <typename T>
  void get(const char* key, T& field) {
    seen_.insert(key);
    auto found = object_.find(key);
    if (found == object_.end()) return;
    read(*found, field, name(key));
  }

  const json* child(const char* key) {
    seen_.insert(key);
    auto found = object_.find(key);
    return found == object_.end() ? nullptr : &*found;
  }

  std::string name(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  void finish() const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (!seen_.count(it.key())) parse_error("unknown key '" + name(it.key().c_str()) + "'");
    }
  }

 private:
  std::string where() const { return path_.empty() ? "the document" : "'" + path_ + "'"; }

  // An enumerator given by name: a wrong name is a parse error (not an invalid argument) here.
  template <typename FromString>
  static auto read_name(const json& value, const std::string& key, FromString from_string) {
    if (!value.is_string()) parse_error("'" + key + "' must be a string");
    try {
      return from_string(value.get<std::string>());
    } catch (const Error& e) {
      parse_error(e.what());
    }
  }
  static void read(const json& value, bool& field, const std::string& key) {
    if (!value.is_boolean()) parse_error("'" + key + "' must be true or false");
    field = value.get<bool>();
  }
  static void read(const json& value, double& field, const std::string& key) {
    if (!value.is_number()) parse_error("'" + key + "' must be a number");
    field = value.get<double>();
  }
  static void read(const json& value, int& field, const std::string& key) {
    if (!value.is_number_integer()) parse_error("'" + key + "' must be an integer");
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT32_MAX)) {
      parse_error("'" + key + "' is out of range");
    }
    const auto v = value.get<std::int64_t>();
    if (v < INT32_MIN || v > INT32_MAX) parse_error("'" + key + "' is out of range");
    field = static_cast<int>(v);
  }
  static void read(const json& value, std::size_t& field, const std::string& key) {
    if (!value.is_number_unsigned()) parse_error("'" + key + "' must be a non-negative integer");
    field = value.get<std::size_t>();
  }
  static void read(const json& value, std::string& field, const std::string& key) {
    if (!value.is_string()) parse_error("'" + key + "' must be a string");
    field = value.get<std::string>();
  }
  static void read(const json& value, std::optional<std::int64_t>& field, const std::string& key) {
    if (value.is_null()) {
      field.reset();
      return;
    }
    if (!value.is_number_integer()) parse_error("'" + key + "' must be an integer or null");
    // nlohmann stores integers above INT64_MAX as unsigned; get<int64_t> would wrap them.
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      parse_error("'" + key + "' is out of range");
    }
    field = value.get<std::int64_t>();
  }
  static void read(const json& value, std::optional<double>& field, const std::string& key) {
    if (value.is_null()) {
      field.reset();
      return;
    }
    if (!value.is_number()) parse_error("'" + key + "' must be a number or null");
    field = value.get<double>();
  }
  static void read(const json& value, Similarity& field, const std::string& key) {
    field = read_name(value, key, [&](const std::string& name) { return similarity_from_string(name, key); });
  }
  static void read(const json& value, InvalidUtf8& field, const std::string& key) {
    field = read_name(value, key, [&](const std::string& name) { return invalid_utf8_from_string(name, key); });
  }
  static void read(const json& value, TooLong& field, const std::string& key) {
    field = read_name(value, key, [&](const std::string& name) { return too_long_from_string(name, key); });
  }

  const json& object_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

template <typename T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json options_json(const SummarizerOptions& o) {
  return {
      {"input",
       {{"max_bytes", o.input.max_bytes},
        {"on_too_long", to_string(o.input.on_too_long)},
        {"on_invalid_utf8", to_string(o.input.on_invalid_utf8)}}},
      {"segment",
       {{"language", o.segment.language},
        {"suppress_abbreviations", o.segment.suppress_abbreviations},
        {"join_wrapped_lines", o.segment.join_wrapped_lines},
        {"split_glued_sentences", o.segment.split_glued_sentences}}},
      {"tokens",
       {{"remove_stopwords", o.tokens.remove_stopwords},
        {"stem", o.tokens.stem},
        {"keep_numbers", o.tokens.keep_numbers}}},
      {"graph", {{"similarity", to_string(o.graph.similarity)}, {"min_edge_weight", o.graph.min_edge_weight},
                 {"max_neighbors", o.graph.max_neighbors},
                 {"max_pairs_per_sentence", o.graph.max_pairs_per_sentence}}},
      {"rank",
       {{"damping", o.rank.damping}, {"tolerance", o.rank.tolerance}, {"max_iterations", o.rank.max_iterations},
        {"position_weight", o.rank.position_weight},
        {"position_budget_exponent", o.rank.position_budget_exponent},
        {"query_weight", o.rank.query_weight}}},
      {"select",
       {{"sentences", optional_json(o.select.sentences)},
        {"ratio", optional_json(o.select.ratio)},
        {"words", optional_json(o.select.words)},
        {"chars", optional_json(o.select.chars)},
        {"duplicate_threshold", o.select.duplicate_threshold},
        {"skip_unterminated", o.select.skip_unterminated},
        {"min_length_ratio", o.select.min_length_ratio},
        {"length_penalty", o.select.length_penalty},
        {"redundancy", o.select.redundancy}}},
  };
}

void check_schema_version(ObjectReader& reader) {
  int version = kJsonSchemaVersion;
  reader.get("schema_version", version);
  if (version != kJsonSchemaVersion) {
    parse_error("unsupported schema_version " + std::to_string(version) + " (this precis reads " +
                std::to_string(kJsonSchemaVersion) + ")");
  }
}

SummarizerOptions read_options(const json& document, const std::string& path, bool versioned) {
  SummarizerOptions o;
  ObjectReader top(document, path);
  if (versioned) check_schema_version(top);
  if (const json* j = top.child("input")) {
    ObjectReader r(*j, top.name("input"));
    r.get("max_bytes", o.input.max_bytes);
    r.get("on_too_long", o.input.on_too_long);
    r.get("on_invalid_utf8", o.input.on_invalid_utf8);
    r.finish();
  }
  if (const json* j = top.child("segment")) {
    ObjectReader r(*j, top.name("segment"));
    r.get("language", o.segment.language);
    r.get("suppress_abbreviations", o.segment.suppress_abbreviations);
    r.get("join_wrapped_lines", o.segment.join_wrapped_lines);
    r.get("split_glued_sentences", o.segment.split_glued_sentences);
    r.finish();
  }
  if (const json* j = top.child("tokens")) {
    ObjectReader r(*j, top.name("tokens"));
    r.get("remove_stopwords", o.tokens.remove_stopwords);
    r.get("stem", o.tokens.stem);
    r.get("keep_numbers", o.tokens.keep_numbers);
    r.finish();
  }
  if (const json* j = top.child("graph")) {
    ObjectReader r(*j, top.name("graph"));
    r.get("similarity", o.graph.similarity);
    r.get("min_edge_weight", o.graph.min_edge_weight);
    r.get("max_neighbors", o.graph.max_neighbors);
    r.get("max_pairs_per_sentence", o.graph.max_pairs_per_sentence);
    r.finish();
  }
  if (const json* j = top.child("rank")) {
    ObjectReader r(*j, top.name("rank"));
    r.get("damping", o.rank.damping);
    r.get("tolerance", o.rank.tolerance);
    r.get("max_iterations", o.rank.max_iterations);
    r.get("position_weight", o.rank.position_weight);
    r.get("position_budget_exponent", o.rank.position_budget_exponent);
    r.get("query_weight", o.rank.query_weight);
    r.finish();
  }
  if (const json* j = top.child("select")) {
    ObjectReader r(*j, top.name("select"));
    r.get("sentences", o.select.sentences);
    r.get("ratio", o.select.ratio);
    r.get("words", o.select.words);
    r.get("chars", o.select.chars);
    r.get("duplicate_threshold", o.select.duplicate_threshold);
    r.get("skip_unterminated", o.select.skip_unterminated);
    r.get("min_length_ratio", o.select.min_length_ratio);
    r.get("length_penalty", o.select.length_penalty);
    r.get("redundancy", o.select.redundancy);
    r.finish();
  }
  top.finish();
  return o;
}

constexpr std::array<Warning, 9> kWarnings{
    Warning::kEmptyInput,     Warning::kSingleSentence, Warning::kNoWords,
    Warning::kNoEdges,        Warning::kNotConverged,   Warning::kBudgetTooSmall,
    Warning::kNoCandidates,   Warning::kTruncated,      Warning::kInvalidUtf8Replaced};

Warning warning_from_string(const std::string& name) {
  for (Warning w : kWarnings) {
    if (to_string(w) == name) return w;
  }
  parse_error("unknown warning '" + name + "'");
}

std::string dump(const json& j, int indent) {
  // Sentence text is valid UTF-8 (checked on input); replace keeps a bad config string from
  // throwing a foreign exception type.
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

SummarizerOptions options_from_json(std::string_view text) {
  return read_options(parse(text), "", true);
}

std::string to_json(const SummarizerOptions& options, int indent) {
  json j = {{"schema_version", kJsonSchemaVersion}};
  j.update(options_json(options));
  return dump(j, indent);
}

std::string to_json(const Summary& summary, int indent) {
  json sentences = json::array();
  for (const ScoredSentence& s : summary.sentences) {
    sentences.push_back({{"index", s.index},
                         {"start", s.start},
                         {"end", s.end},
                         {"byte_start", s.bytes.begin},
                         {"byte_end", s.bytes.end},
                         {"score", s.score},
                         {"rank", s.rank},
                         {"text", s.text}});
  }
  const Diagnostics& d = summary.diagnostics;
  json warnings = json::array();
  for (Warning w : d.warnings) warnings.push_back(to_string(w));
  json j = {
      {"schema_version", kJsonSchemaVersion},
      {"precis_version", version()},
      {"text", summary.text()},
      {"sentences", std::move(sentences)},
      {"scores", summary.scores},
      {"diagnostics",
       {{"warnings", std::move(warnings)},
        {"language", d.language},
        {"stemmer", d.stemmer},
        {"stopword_count", d.stopword_count},
        {"sentence_count", d.sentence_count},
        {"token_count", d.token_count},
        {"term_count", d.term_count},
        {"edge_count", d.edge_count},
        {"iterations", d.iterations},
        {"converged", d.converged},
        {"residual", d.residual},
        {"truncated_bytes", d.truncated_bytes},
        {"replaced_sequences", d.replaced_sequences}}},
      {"options", options_json(summary.options)},
  };
  return dump(j, indent);
}

Summary summary_from_json(std::string_view text) {
  const json document = parse(text);
  Summary summary;
  ObjectReader top(document, "");
  check_schema_version(top);
  std::string precis_version, joined;
  top.get("precis_version", precis_version);
  top.get("text", joined);  // derived from the sentences; read only to accept the key
  if (const json* list = top.child("sentences")) {
    if (!list->is_array()) parse_error("'sentences' must be an array");
    for (const json& item : *list) {
      ScoredSentence s;
      ObjectReader r(item, "sentences[]");
      r.get("index", s.index);
      r.get("start", s.start);
      r.get("end", s.end);
      r.get("byte_start", s.bytes.begin);
      r.get("byte_end", s.bytes.end);
      r.get("score", s.score);
      r.get("rank", s.rank);
      r.get("text", s.text);
      r.finish();
      summary.sentences.push_back(std::move(s));
    }
  }
  if (const json* scores = top.child("scores")) {
    if (!scores->is_array()) parse_error("'scores' must be an array");
    for (const json& v : *scores) {
      if (!v.is_number()) parse_error("'scores' must hold numbers");
      summary.scores.push_back(v.get<double>());
    }
  }
  if (const json* j = top.child("diagnostics")) {
    Diagnostics& d = summary.diagnostics;
    ObjectReader r(*j, "diagnostics");
    if (const json* warnings = r.child("warnings")) {
      if (!warnings->is_array()) parse_error("'diagnostics.warnings' must be an array");
      for (const json& w : *warnings) {
        if (!w.is_string()) parse_error("'diagnostics.warnings' must hold strings");
        d.warnings.push_back(warning_from_string(w.get<std::string>()));
      }
    }
    r.get("language", d.language);
    r.get("stemmer", d.stemmer);
    r.get("stopword_count", d.stopword_count);
    r.get("sentence_count", d.sentence_count);
    r.get("token_count", d.token_count);
    r.get("term_count", d.term_count);
    r.get("edge_count", d.edge_count);
    r.get("iterations", d.iterations);
    r.get("converged", d.converged);
    r.get("residual", d.residual);
    r.get("truncated_bytes", d.truncated_bytes);
    r.get("replaced_sequences", d.replaced_sequences);
    r.finish();
  }
  if (const json* j = top.child("options")) summary.options = read_options(*j, "options", false);
  top.finish();
  return summary;
}

}  // namespace precis
