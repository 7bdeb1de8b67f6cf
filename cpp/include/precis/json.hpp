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

// Throws Error{kParse} for malformed JSON, unknown keys, wrong types or an unsupported
// schema_version. Does not validate ranges: Summarizer's constructor (validate()) does that.
SummarizerOptions options_from_json(std::string_view json);
// indent < 0: compact, one line; otherwise pretty-printed with that indent.
std::string to_json(const SummarizerOptions& options, int indent = -1);

// {"schema_version", "precis_version", "text", "sentences": [{index, start, end, byte_start,
//  byte_end, score, rank, text}], "scores", "diagnostics", "options"}; start/end are code points.
std::string to_json(const Summary& summary, int indent = -1);
// The inverse of to_json(Summary); throws Error{kParse}.
Summary summary_from_json(std::string_view json);

}  // namespace precis
