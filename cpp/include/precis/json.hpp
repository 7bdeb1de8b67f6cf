// JSON for options and summaries (schema_version 1). nlohmann_json stays an implementation
// detail: only strings cross this header.
//
// Options JSON mirrors the structs: {"segment": {"language": "en", ...}, "graph": {"similarity":
// "bm25"}, "select": {"sentences": 5}, ...}. Every key is optional (missing keys keep their
// defaults); an unknown key or a wrongly typed value is an Error{kParse} naming it, e.g.
// "unknown key 'select.sentence'". An unset budget is written as null.
#pragma once

#include <string>
#include <string_view>

#include "precis/options.hpp"
#include "precis/types.hpp"

namespace precis {

inline constexpr int kJsonSchemaVersion = 1;

// Every struct with a field table (options.hpp, types.hpp, language.hpp) has a JSON document: its fields as an
// object, after "schema_version" (and, for a Summary, "precis_version" and its "text"). Nested
// structs are objects, enums their names, unset optionals null.
//
// to_json: indent < 0 gives one compact line, otherwise pretty-printed with that indent.
// from_json: throws Error{kParse} for malformed JSON, unknown keys, wrong types or an unsupported
// schema_version. Does not validate ranges: Summarizer's constructor (validate()) does that.
template <HasFields T>
std::string to_json(const T& value, int indent = -1);
template <HasFields T>
T from_json(std::string_view json);

// The same for the two documents users read and write most.
SummarizerOptions options_from_json(std::string_view json);
Summary summary_from_json(std::string_view json);

}  // namespace precis
