// JSON: exact round trips of options and summaries, the schema version, strict reading (unknown
// keys, wrong types, malformed text are Error{kParse} naming the culprit) and null budgets.
#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <typeinfo>

#include "precis/precis.hpp"

namespace precis {
namespace {

std::string sample_article() {
  std::ifstream in(PRECIS_EXAMPLES_DIR "/western-development.en.txt", std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Every field away from its default, with values that have no short decimal form.
SummarizerOptions unusual_options() {
  return {.input = {.max_bytes = 1 << 20, .on_too_long = TooLong::kTruncate, .on_invalid_utf8 = InvalidUtf8::kReplace},
          .segment = {.language = "pt-BR",
                      .suppress_abbreviations = false,
                      .join_wrapped_lines = false,
                      .split_glued_sentences = false},
          .tokens = {.remove_stopwords = false, .stem = false, .keep_numbers = false},
          .graph = {.similarity = Similarity::kBm25, .min_edge_weight = 0.1},
          .rank = {.damping = 1.0 / 3,
                   .tolerance = 1e-9,
                   .max_iterations = 7,
                   .position_weight = 1.0 / 7,
                   .position_budget_exponent = 1.5,
                   .query_weight = 1.0 / 9},
          .select = {.sentences = 3,
                     .ratio = 0.1,
                     .words = 120,
                     .chars = 999,
                     .duplicate_threshold = 2.0 / 3,
                     .skip_unterminated = false,
                     .min_length_ratio = 1.0 / 13,
                     .length_penalty = 1.0 / 11,
                     .redundancy = 2.0 / 7}};
}

void expect_parse_error(std::string_view json, const std::string& mentions) {
  try {
    options_from_json(json);
    ADD_FAILURE() << "no exception for " << json;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kParse) << json << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find(mentions), std::string::npos)
        << json << ": '" << e.what() << "' does not mention '" << mentions << "'";
  }
}

void expect_summary_parse_error(std::string_view json, const std::string& mentions) {
  try {
    summary_from_json(json);
    ADD_FAILURE() << "no exception for " << json.substr(0, 200);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kParse) << e.what();
    EXPECT_NE(std::string(e.what()).find(mentions), std::string::npos)
        << "'" << e.what() << "' does not mention '" << mentions << "'";
  }
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' not in the JSON";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Options

TEST(JsonTest, OptionsRoundTripExactly) {
  for (const SummarizerOptions& options : {SummarizerOptions{}, unusual_options()}) {
    EXPECT_EQ(options_from_json(to_json(options)), options);
    EXPECT_EQ(options_from_json(to_json(options, 2)), options);  // pretty-printed too
  }
}

TEST(JsonTest, OptionsCarryTheSchemaVersion) {
  EXPECT_NE(to_json(SummarizerOptions{}).find("\"schema_version\":1"), std::string::npos);
  EXPECT_NE(to_json(SummarizerOptions{}, 2).find("\"schema_version\": 1"), std::string::npos);
  EXPECT_EQ(to_json(SummarizerOptions{}).find('\n'), std::string::npos) << "compact is one line";
  // A document without schema_version is read as the current version; another version is not read.
  EXPECT_EQ(options_from_json("{}"), SummarizerOptions{});
  EXPECT_EQ(options_from_json(R"({"schema_version": 1})"), SummarizerOptions{});
  expect_parse_error(R"({"schema_version": 2})", "schema_version");
  expect_parse_error(R"({"schema_version": "1"})", "schema_version");
}

TEST(JsonTest, UnsetBudgetsAreNull) {
  const std::string json = to_json(SummarizerOptions{});
  for (const char* budget : {"sentences", "ratio", "words", "chars"}) {
    EXPECT_NE(json.find("\"" + std::string(budget) + "\":null"), std::string::npos) << budget << " in " << json;
  }
  const std::string set = to_json(SummarizerOptions{.select = {.sentences = 3}});
  EXPECT_NE(set.find("\"sentences\":3"), std::string::npos) << set;
  EXPECT_NE(set.find("\"words\":null"), std::string::npos) << set;
  // null reads back as unset, also over a value a document could otherwise set.
  const SummarizerOptions read =
      options_from_json(R"({"select": {"sentences": null, "ratio": null, "words": null, "chars": null}})");
  EXPECT_FALSE(read.select.sentences.has_value());
  EXPECT_FALSE(read.select.ratio.has_value());
  EXPECT_FALSE(read.select.words.has_value());
  EXPECT_FALSE(read.select.chars.has_value());
}

TEST(JsonTest, MissingKeysKeepTheirDefaults) {
  const SummarizerOptions read = options_from_json(R"({"rank": {"damping": 0.5}, "select": {"words": 40}})");
  SummarizerOptions expected;
  expected.rank.damping = 0.5;
  expected.select.words = 40;
  EXPECT_EQ(read, expected);
  EXPECT_EQ(options_from_json(R"({"graph": {"similarity": "cosine"}})").graph.similarity, Similarity::kCosine);
}

TEST(JsonTest, UnknownKeysAreRejectedByName) {
  expect_parse_error(R"({"select": {"sentence": 3}})", "select.sentence");
  expect_parse_error(R"({"selection": {}})", "selection");
  expect_parse_error(R"({"rank": {"damping": 0.5, "alpha": 0.1}})", "rank.alpha");
  expect_parse_error(R"({"segment": {"lang": "en"}})", "segment.lang");
}

TEST(JsonTest, WrongTypesAreParseErrorsNamingTheKey) {
  expect_parse_error(R"({"rank": {"damping": "0.85"}})", "rank.damping");
  expect_parse_error(R"({"rank": {"max_iterations": 2.5}})", "rank.max_iterations");
  expect_parse_error(R"({"rank": {"max_iterations": 3000000000}})", "rank.max_iterations");
  expect_parse_error(R"({"select": {"sentences": 2.5}})", "select.sentences");
  expect_parse_error(R"({"select": {"ratio": "half"}})", "select.ratio");
  expect_parse_error(R"({"select": {"skip_unterminated": 1}})", "select.skip_unterminated");
  expect_parse_error(R"({"segment": {"language": 5}})", "segment.language");
  expect_parse_error(R"({"segment": {"suppress_abbreviations": "yes"}})", "segment.suppress_abbreviations");
  expect_parse_error(R"({"graph": {"similarity": "pagerank"}})", "graph.similarity");
  expect_parse_error(R"({"graph": {"similarity": 1}})", "graph.similarity");
  expect_parse_error(R"({"graph": 5})", "graph");
  expect_parse_error(R"({"input": {"on_invalid_utf8": "ignore"}})", "input.on_invalid_utf8");
  expect_parse_error(R"({"input": {"on_too_long": true}})", "input.on_too_long");
  expect_parse_error(R"({"input": {"max_bytes": -1}})", "input.max_bytes");
  expect_parse_error(R"({"input": {"max_bytes": 1.5}})", "input.max_bytes");
  expect_parse_error(R"([1, 2])", "object");
  expect_parse_error(R"("options")", "object");
  expect_parse_error("null", "object");
}

TEST(JsonTest, MalformedJsonIsAParseError) {
  for (const char* text : {"", "{", R"({"rank": })", R"({"rank": {"damping": 0.5},})", "{} trailing", R"({'rank': {}})",
                           "{\"segment\": {\"language\": \"en\xff\"}}"}) {
    try {
      options_from_json(text);
      ADD_FAILURE() << "no exception for " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kParse) << text << ": " << e.what();
    }
  }
}

TEST(JsonTest, DeeplyNestedJsonIsAnErrorNotAStackOverflow) {
  // A million levels: nlohmann's parser and destructor keep their own stacks, so neither reading
  // nor freeing the document recurses with its depth.
  const std::size_t depth = 1'000'000;
  const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
  expect_parse_error(arrays, "object");
  expect_parse_error(R"({"select": )" + arrays + "}", "select");
  expect_parse_error(std::string(depth, '['), "malformed");
  std::string objects;
  for (std::size_t i = 0; i < depth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(depth, '}');
  expect_parse_error(objects, "unknown key 'a'");
  expect_summary_parse_error(objects, "a");
}

TEST(JsonTest, RangesAreCheckedByTheSummarizerNotTheReader) {
  // options_from_json reads what is well-typed; validation names the field at construction.
  const SummarizerOptions options = options_from_json(R"({"rank": {"damping": 2.0}})");
  EXPECT_EQ(options.rank.damping, 2.0);
  try {
    Summarizer summarizer(options);
    ADD_FAILURE() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("rank.damping"), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------------------------------------
// Summaries

TEST(JsonTest, SummariesRoundTripExactly) {
  const std::string article = sample_article();
  ASSERT_FALSE(article.empty());
  const std::vector<std::pair<SummarizerOptions, std::string>> cases{
      {SummarizerOptions{}, article},
      {unusual_options(), article},
      {SummarizerOptions{.graph = {.similarity = Similarity::kCosine}}, article},
      {SummarizerOptions{}, "长江是中国最长的河流。重庆位于长江上游。重庆是西部地区重要的物流中心。"},
      {SummarizerOptions{}, "Emoji 😀 and “quotes” and a backslash \\ and a tab\there. Another \"quoted\" one."},
      {SummarizerOptions{}, ""},                                    // empty_input
      {SummarizerOptions{}, "It is. It was! He is?"},               // no_words
      {SummarizerOptions{.select = {.words = 1}}, article},         // budget_too_small
      {SummarizerOptions{.rank = {.max_iterations = 1}}, article},  // not_converged
  };
  for (const auto& [options, text] : cases) {
    const Summary summary = Summarizer(options).summarize(text);
    const std::string json = to_json(summary);
    EXPECT_EQ(summary_from_json(json), summary) << json.substr(0, 300);
    EXPECT_EQ(summary_from_json(to_json(summary, 4)), summary);
  }
}

TEST(JsonTest, HandMadeSummaryRoundTripsEveryField) {
  // Values a summarizer rarely produces, to exercise each field's type: tiny and irrational
  // doubles, large sizes, every warning.
  Summary summary;
  summary.sentences.push_back({.index = 7,
                               .start = 8,
                               .end = 20,
                               .byte_start = 10,
                               .byte_end = 25,
                               .score = 1e-300,
                               .rank = 123456789,
                               .text = "line\nbreak \"and\" ünïcode 😀"});
  summary.sentences.push_back(
      {.index = 9, .start = 25, .end = 26, .byte_start = 30, .byte_end = 31, .score = 1.0 / 3, .rank = 1, .text = "x"});
  summary.scores = {0.1, 1.0 / 3, 1e-300, 0.0, 2.0 / 3 - 0.1};
  summary.diagnostics = {.warnings = {Warning::kEmptyInput, Warning::kSingleSentence, Warning::kNoWords,
                                      Warning::kNoEdges, Warning::kNotConverged, Warning::kBudgetTooSmall,
                                      Warning::kNoCandidates, Warning::kTruncated, Warning::kInvalidUtf8Replaced},
                         .language = "zh-Hant",
                         .stemmer = "",
                         .stopword_count = 794,
                         .sentence_count = 5,
                         .token_count = 4000000000,
                         .term_count = 3,
                         .edge_count = 2,
                         .iterations = 100,
                         .converged = false,
                         .residual = 0.123456789012345678,
                         .truncated_bytes = 12345678901,
                         .replaced_sequences = 42};
  summary.options = unusual_options();
  EXPECT_EQ(summary_from_json(to_json(summary)), summary);
}

TEST(JsonTest, SummaryJsonLayout) {
  const Summary summary = Summarizer().summarize(sample_article());
  const std::string json = to_json(summary);
  // schema_version leads, so a reader can dispatch on it before reading anything else.
  EXPECT_TRUE(json.starts_with("{\"schema_version\":1,")) << json.substr(0, 80);
  EXPECT_NE(json.find("\"precis_version\":\"" + std::string(version()) + "\""), std::string::npos);
  // "text" is the joined summary; the options echo carries null for the unset budgets.
  EXPECT_NE(json.find("\"words\":null"), std::string::npos);
  EXPECT_EQ(json.find('\n'), std::string::npos) << "compact is one line";
}

TEST(JsonTest, SummaryReaderIsStrict) {
  const Summary summary = Summarizer().summarize("Rivers carry water. The sea takes the water of rivers.");
  const std::string json = to_json(summary);
  ASSERT_EQ(summary_from_json(json), summary);
  ASSERT_TRUE(summary.diagnostics.warnings.empty());  // the edits below assume "warnings":[]
  ASSERT_TRUE(summary.diagnostics.converged);
  expect_summary_parse_error(replace_once(json, "\"scores\":", "\"extra\":1,\"scores\":"), "extra");
  expect_summary_parse_error(replace_once(json, "\"rank\":", "\"rnak\":"), "sentences[].rnak");
  expect_summary_parse_error(replace_once(json, "\"language\":", "\"lang\":"), "diagnostics.lang");
  expect_summary_parse_error(replace_once(json, "\"similarity\":", "\"similarty\":"), "options.graph.similarty");
  expect_summary_parse_error(replace_once(json, "\"schema_version\":1", "\"schema_version\":9"), "schema_version");
  expect_summary_parse_error(replace_once(json, "\"scores\":[", "\"scores\":[\"x\","), "scores");
  expect_summary_parse_error(replace_once(json, "\"index\":", "\"index\":-"), "index");
  expect_summary_parse_error(replace_once(json, "\"converged\":true", "\"converged\":1"), "converged");
  expect_summary_parse_error(replace_once(json, "\"warnings\":[", "\"warnings\":[\"too_loud\""), "too_loud");
  expect_summary_parse_error(json.substr(0, json.size() - 1), "JSON");
  expect_summary_parse_error("[]", "object");
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

TEST(JsonTest, IntegersBeyondTheirTypeAreParseErrorsNotWrapped) {
  for (const char* json :
       {R"({"select": {"sentences": 18446744073709551615}})", R"({"select": {"words": 9223372036854775808}})",
        R"({"rank": {"max_iterations": 4294967296}})"}) {
    try {
      options_from_json(json);
      ADD_FAILURE() << "accepted " << json;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kParse);
      EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(options_from_json(R"({"select": {"words": 9223372036854775807}})").select.words, INT64_MAX);
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

// A value of the same type that differs from `value` in every field, found through the field
// tables: a field added to a struct is covered here with no edit.
template <typename T>
T perturbed(const T& value) {
  if constexpr (HasFields<T>) {
    T out = value;
    for_each_field<T>([&](const auto& entry) { out.*entry.member = perturbed(value.*entry.member); });
    return out;
  } else if constexpr (NamedEnum<T>) {
    const auto names = enum_names(T{});
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].first == value) return names[(i + 1) % names.size()].first;
    }
    return names.front().first;
  } else if constexpr (requires { value.has_value(); }) {
    return value ? T{} : T{perturbed(typename T::value_type{})};
  } else if constexpr (std::is_same_v<T, std::string>) {
    return value + "-x";
  } else if constexpr (requires(T items) { items.push_back(items.front()); }) {
    T out = value;
    out.push_back(perturbed(typename T::value_type{}));
    return out;
  } else if constexpr (std::is_same_v<T, bool>) {
    return !value;
  } else if constexpr (std::is_floating_point_v<T>) {
    return value + 0.1;  // no short binary form: the round trip must be exact
  } else if constexpr (std::is_integral_v<T>) {
    return value + 3;
  }
}

template <HasFields T>
void expect_every_field_round_trips() {
  SCOPED_TRACE(typeid(T).name());
  const T defaults{};
  const T changed = perturbed(defaults);
  for_each_field<T>([&](const auto& entry) {
    EXPECT_FALSE(changed.*entry.member == defaults.*entry.member) << entry.name << " was not changed";
  });
  const T read = from_json<T>(to_json(changed));
  for_each_field<T>([&](const auto& entry) {
    EXPECT_TRUE(read.*entry.member == changed.*entry.member) << entry.name << " lost in the JSON round trip";
  });
  EXPECT_EQ(read, changed);
}

TEST(JsonTest, EveryFieldOfEveryStructRoundTrips) {
  expect_every_field_round_trips<InputOptions>();
  expect_every_field_round_trips<SegmentOptions>();
  expect_every_field_round_trips<TokenOptions>();
  expect_every_field_round_trips<GraphOptions>();
  expect_every_field_round_trips<RankOptions>();
  expect_every_field_round_trips<SelectOptions>();
  expect_every_field_round_trips<SummarizerOptions>();
  expect_every_field_round_trips<Diagnostics>();
  expect_every_field_round_trips<ScoredSentence>();
  expect_every_field_round_trips<Summary>();
}

TEST(OptionsTest, RangesNameTheFieldAndTheInterval) {
  EXPECT_TRUE(Range::open(0, 1).contains(0.5));
  EXPECT_FALSE(Range::open(0, 1).contains(0.0));
  EXPECT_TRUE(Range::closed(0, 1).contains(1.0));
  EXPECT_FALSE(Range::at_least(0).contains(std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(Range::at_least(0).contains(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_EQ(Range::open_closed(0, 1).describe(false), "in (0, 1]");
  EXPECT_EQ(Range::at_least(1).describe(true), ">= 1");
  EXPECT_EQ(Range::greater_than(0).describe(false), "finite and > 0");
  // Every ranged field is checked by validate(), whichever struct holds it.
  SummarizerOptions options;
  options.select.ratio = 1.5;
  EXPECT_THROW(
      {
        try {
          validate(options);
        } catch (const Error& e) {
          EXPECT_STREQ(e.what(), "select.ratio must be in (0, 1], got 1.5");
          throw;
        }
      },
      Error);
}

}  // namespace
}  // namespace precis
