#include "precis/json.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <set>
#include <type_traits>

#include "precis/error.hpp"
#include "precis/language.hpp"
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

// ---------------------------------------------------------------------------------------------
// Writing: every value by its type, structs by their field tables.

template <typename T>
json write(const T& value) {
  if constexpr (HasFields<T>) {
    json object = json::object();
    for_each_field<T>([&](const auto& entry) { object[std::string(entry.name)] = write(value.*entry.member); });
    return object;
  } else if constexpr (NamedEnum<T>) {
    return to_string(value);
  } else if constexpr (kIsOptional<T>) {
    return value ? write(*value) : json(nullptr);
  } else if constexpr (kIsVector<T>) {
    json array = json::array();
    for (const auto& item : value) array.push_back(write(item));
    return array;
  } else {
    return value;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading: strict, every key known, every value of its field's type; `key` names the value in
// messages ("select.sentences", "sentences[]").

// Reads the fields of one JSON object: every key must be read by one of the get calls, and
// finish() reports the first key nobody asked for.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) parse_error(where() + " must be a JSON object");
  }

  const json* child(std::string_view key) {
    seen_.insert(std::string(key));
    auto found = object_.find(key);
    return found == object_.end() ? nullptr : &*found;
  }

  std::string name(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  void finish() const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (!seen_.count(it.key())) parse_error("unknown key '" + name(it.key()) + "'");
    }
  }

 private:
  std::string where() const { return path_.empty() ? "the document" : "'" + path_ + "'"; }

  const json& object_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

template <typename T>
void read(const json& value, T& field, const std::string& key);

template <HasFields T>
void read_fields(ObjectReader& reader, T& value) {
  for_each_field<T>([&](const auto& entry) {
    if (const json* found = reader.child(entry.name)) read(*found, value.*entry.member, reader.name(entry.name));
  });
}

template <typename Int>
Int read_integer(const json& value, const std::string& key) {
  if constexpr (std::is_unsigned_v<Int>) {
    if (!value.is_number_unsigned()) parse_error("'" + key + "' must be a non-negative integer");
    if (value.get<std::uint64_t>() > std::numeric_limits<Int>::max()) parse_error("'" + key + "' is out of range");
    return static_cast<Int>(value.get<std::uint64_t>());
  } else {
    if (!value.is_number_integer()) parse_error("'" + key + "' must be an integer");
    // nlohmann stores integers above INT64_MAX as unsigned; get<int64_t> would wrap them.
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
      parse_error("'" + key + "' is out of range");
    }
    const auto v = value.get<std::int64_t>();
    if (v < std::numeric_limits<Int>::min() || v > std::numeric_limits<Int>::max()) {
      parse_error("'" + key + "' is out of range");
    }
    return static_cast<Int>(v);
  }
}

template <typename T>
void read(const json& value, T& field, const std::string& key) {
  if constexpr (HasFields<T>) {
    ObjectReader reader(value, key);
    read_fields(reader, field);
    reader.finish();
  } else if constexpr (NamedEnum<T>) {
    if (!value.is_string()) parse_error("'" + key + "' must be a string");
    try {
      field = enum_from_string<T>(value.get<std::string>(), key);
    } catch (const Error& e) {
      parse_error(e.what());  // a wrong name in a document is a parse error
    }
  } else if constexpr (kIsOptional<T>) {
    if (value.is_null()) {
      field.reset();
      return;
    }
    typename T::value_type inner{};
    read(value, inner, key);
    field = inner;
  } else if constexpr (kIsVector<T>) {
    if (!value.is_array()) parse_error("'" + key + "' must be an array");
    field.clear();
    for (const json& item : value) read(item, field.emplace_back(), key + "[]");
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!value.is_boolean()) parse_error("'" + key + "' must be true or false");
    field = value.get<bool>();
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!value.is_number()) parse_error("'" + key + "' must be a number");
    field = value.get<T>();
  } else if constexpr (std::is_integral_v<T>) {
    field = read_integer<T>(value, key);
  } else {
    static_assert(std::is_same_v<T, std::string>, "a field type json.cpp does not know");
    if (!value.is_string()) parse_error("'" + key + "' must be a string");
    field = value.get<std::string>();
  }
}

// ---------------------------------------------------------------------------------------------
// Documents: a struct's fields after the document header.

void check_schema_version(ObjectReader& reader) {
  int version = kJsonSchemaVersion;
  if (const json* found = reader.child("schema_version")) read(*found, version, "schema_version");
  if (version != kJsonSchemaVersion) {
    parse_error("unsupported schema_version " + std::to_string(version) + " (this precis reads " +
                std::to_string(kJsonSchemaVersion) + ")");
  }
}

std::string dump(const json& j, int indent) {
  // Sentence text is valid UTF-8 (checked on input); replace keeps a bad config string from
  // throwing a foreign exception type.
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

template <HasFields T>
std::string document_json(const T& value, int indent) {
  json j = {{"schema_version", kJsonSchemaVersion}};
  if constexpr (std::is_same_v<T, Summary>) {
    j["precis_version"] = version();
    j["text"] = value.text();
  }
  j.update(write(value));
  return dump(j, indent);
}

template <HasFields T>
T document_from_json(std::string_view text) {
  const json document = parse(text);
  T value;
  ObjectReader reader(document, "");
  check_schema_version(reader);
  if constexpr (std::is_same_v<T, Summary>) {
    // Both are derived or informative: read only to accept the keys.
    std::string ignored;
    if (const json* found = reader.child("precis_version")) read(*found, ignored, "precis_version");
    if (const json* found = reader.child("text")) read(*found, ignored, "text");
  }
  read_fields(reader, value);
  reader.finish();
  return value;
}

}  // namespace

template <HasFields T>
std::string to_json(const T& value, int indent) {
  return document_json(value, indent);
}

template <HasFields T>
T from_json(std::string_view text) {
  return document_from_json<T>(text);
}

// The structs with JSON documents: every table struct of options.hpp, types.hpp and language.hpp.
#define PRECIS_JSON_DOCUMENT(T)                                \
  template std::string to_json<T>(const T& value, int indent); \
  template T from_json<T>(std::string_view text);
PRECIS_JSON_DOCUMENT(InputOptions)
PRECIS_JSON_DOCUMENT(SegmentOptions)
PRECIS_JSON_DOCUMENT(TokenOptions)
PRECIS_JSON_DOCUMENT(GraphOptions)
PRECIS_JSON_DOCUMENT(RankOptions)
PRECIS_JSON_DOCUMENT(SelectOptions)
PRECIS_JSON_DOCUMENT(KeyphraseOptions)
PRECIS_JSON_DOCUMENT(SummarizerOptions)
PRECIS_JSON_DOCUMENT(Diagnostics)
PRECIS_JSON_DOCUMENT(ScoredSentence)
PRECIS_JSON_DOCUMENT(Occurrence)
PRECIS_JSON_DOCUMENT(Keyphrase)
PRECIS_JSON_DOCUMENT(Summary)
PRECIS_JSON_DOCUMENT(LanguageScore)
PRECIS_JSON_DOCUMENT(LanguageGuess)
#undef PRECIS_JSON_DOCUMENT

SummarizerOptions options_from_json(std::string_view text) { return from_json<SummarizerOptions>(text); }

Summary summary_from_json(std::string_view text) { return from_json<Summary>(text); }

}  // namespace precis
