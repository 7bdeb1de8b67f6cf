// libFuzzer target: Summarizer::summarize on arbitrary bytes, with options and budgets taken from
// the first bytes of the input.
//
// Input layout (the rest is the text):
//   byte 0  sentences budget: 0 unset, else 1 + byte % 12
//   byte 1  words budget: 0 unset, else the byte
//   byte 2  chars budget: 0 unset, else 4 × the byte
//   byte 3  bits 0-1 similarity (textrank, bm25, cosine, textrank), bits 2-3 preset (default,
//           news-lead, coverage, classic), bit 4 ratio set, bits 5-7 ratio = (value + 1) / 8
//   byte 4  bits 0-2 graph.max_neighbors (0: the default), bits 3-5 graph.max_pairs_per_sentence
//           (0: the default), so that the sparse graph is reached on short texts; bit 6
//           input.on_invalid_utf8 = replace; bit 7 input.max_bytes = half the text, truncating
// Every input is first read as a JSON options document (options_from_json): it parses or throws
// Error{kParse}, nothing else; what parses writes back to the same options, and validate() accepts
// it or throws Error{kInvalidArgument}.
// Ill-formed UTF-8 must throw Error{kInvalidUtf8} and nothing else, unless it is replaced: then the
// Summary equals that of replace_invalid_utf8(text) and counts the replacements. A truncated text
// gives the Summary of the prefix kept, cut at most 259 bytes before the limit (a white space in the
// last 256 bytes, a code point boundary). On well-formed text nothing may
// throw, and: one finite, non-negative score per sentence, summing to 1 within 1e-9; the chosen
// sentences in document order, within every budget, their spans and texts those of the
// segmenter's sentences, their code-point offsets and ranks consistent; a second summarize() gives
// an identical Summary; and the JSON round trip gives it back unchanged. The same holds with a query
// taken from the text, which also counts its matching sentences.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "precis/error.hpp"
#include "precis/json.hpp"
#include "precis/options.hpp"
#include "precis/segmenter.hpp"
#include "precis/select.hpp"
#include "precis/summarizer.hpp"

namespace {

constexpr std::array<precis::Similarity, 4> kSimilarities{precis::Similarity::kTextRank, precis::Similarity::kBm25,
                                                          precis::Similarity::kCosine, precis::Similarity::kTextRank};

precis::SummarizerOptions options_for(uint8_t b3, uint8_t b4) {
  precis::SummarizerOptions options = precis::preset_options(precis::preset_names()[(b3 >> 2) & 3u]);
  options.graph.similarity = kSimilarities[b3 & 3u];
  if ((b4 & 7u) != 0) options.graph.max_neighbors = b4 & 7u;
  if (((b4 >> 3) & 7u) != 0) options.graph.max_pairs_per_sentence = (b4 >> 3) & 7u;
  return options;
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// A query from the text itself, so that it matches: up to 48 bytes from a third of the way in, cut
// at code point boundaries.
std::string_view query_from(std::string_view text) {
  const auto boundary = [&](std::size_t i) {
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  const std::size_t begin = boundary(text.size() / 3);
  return text.substr(begin, boundary(std::min(text.size(), begin + 48)) - begin);
}

// With a query, the same invariants hold (the query changes which sentences are chosen, not what a
// summary is), and the diagnostics count the matching sentences.
void check(const precis::Summarizer& summarizer, const precis::SelectOptions& select, std::string_view text,
           std::string_view query = {}) {
  const precis::Summary summary = summarizer.summarize(text, select, query);
  const precis::Analysis analysis = summarizer.analyze(text);
  const auto sentences = summarizer.segmenter().split_sentences(text);
  PRECIS_FUZZ_CHECK(analysis.sentences == sentences);
  const std::size_t n = sentences.size();
  PRECIS_FUZZ_CHECK(analysis.word_counts.size() == n);
  PRECIS_FUZZ_CHECK(summary.diagnostics.sentence_count == n);
  PRECIS_FUZZ_CHECK(summary.options.select == select);

  // Scores.
  PRECIS_FUZZ_CHECK(summary.scores.size() == n);
  double sum = 0.0;
  for (double score : summary.scores) {
    PRECIS_FUZZ_CHECK(std::isfinite(score));
    PRECIS_FUZZ_CHECK(score >= 0.0);
    sum += score;
  }
  if (n > 0) PRECIS_FUZZ_CHECK(std::abs(sum - 1.0) <= 1e-9);

  // Budgets (select.hpp: every limit that is set applies; sentences = 5 when none is set).
  std::size_t max_sentences = n;
  if (select.sentences)
    max_sentences = std::min<std::size_t>(max_sentences, static_cast<std::size_t>(*select.sentences));
  if (select.ratio) {
    const auto by_ratio = static_cast<std::size_t>(std::llround(*select.ratio * static_cast<double>(n)));
    max_sentences = std::min(max_sentences, std::max<std::size_t>(1, by_ratio));
  }
  if (!select.sentences && !select.ratio && !select.words && !select.chars) {
    max_sentences = std::min<std::size_t>(max_sentences, 5);
  }
  PRECIS_FUZZ_CHECK(summary.sentences.size() <= max_sentences);

  // The chosen sentences.
  std::size_t words = 0;
  std::size_t chars = 0;
  std::optional<std::size_t> previous;
  for (const precis::ScoredSentence& chosen : summary.sentences) {
    PRECIS_FUZZ_CHECK(chosen.index < n);
    PRECIS_FUZZ_CHECK(!previous || chosen.index > *previous);
    previous = chosen.index;
    PRECIS_FUZZ_CHECK(chosen.bytes() == sentences[chosen.index].span);
    PRECIS_FUZZ_CHECK(chosen.bytes().end <= text.size());
    PRECIS_FUZZ_CHECK(chosen.text == text.substr(chosen.bytes().begin, chosen.bytes().size()));
    PRECIS_FUZZ_CHECK(chosen.start == code_points(text.substr(0, chosen.bytes().begin)));
    PRECIS_FUZZ_CHECK(chosen.end == chosen.start + code_points(chosen.text));
    PRECIS_FUZZ_CHECK(chosen.score == summary.scores[chosen.index]);
    // Rank: 1 for the highest score (as ranking_key compares it), ties ranked by index.
    std::size_t rank = 1;
    const double key = precis::ranking_key(chosen.score);
    for (std::size_t j = 0; j < n; ++j) {
      const double other = precis::ranking_key(summary.scores[j]);
      if (other > key || (other == key && j < chosen.index)) ++rank;
    }
    PRECIS_FUZZ_CHECK(chosen.rank == rank);
    words += analysis.word_counts[chosen.index];
    chars += chosen.end - chosen.start;
  }
  if (select.words) PRECIS_FUZZ_CHECK(words <= static_cast<std::size_t>(*select.words));
  if (select.chars) PRECIS_FUZZ_CHECK(chars <= static_cast<std::size_t>(*select.chars));

  // The query's diagnostics.
  PRECIS_FUZZ_CHECK(summary.diagnostics.query_sentences <= n);
  PRECIS_FUZZ_CHECK(summary.diagnostics.has(precis::Warning::kQueryUnmatched) ==
                    (!query.empty() && summary.diagnostics.query_sentences == 0));

  // Determinism and the JSON round trip.
  PRECIS_FUZZ_CHECK(summarizer.summarize(text, select, query) == summary);
  PRECIS_FUZZ_CHECK(precis::summary_from_json(precis::to_json(summary)) == summary);
}

void check_options_json(std::string_view document) {
  precis::SummarizerOptions options;
  try {
    options = precis::options_from_json(document);
  } catch (const precis::Error& error) {
    PRECIS_FUZZ_CHECK(error.code() == precis::ErrorCode::kParse);
    return;
  }
  PRECIS_FUZZ_CHECK(precis::options_from_json(precis::to_json(options)) == options);
  PRECIS_FUZZ_CHECK(precis::options_from_json(precis::to_json(options, 2)) == options);
  try {
    precis::validate(options);
  } catch (const precis::Error& error) {
    PRECIS_FUZZ_CHECK(error.code() == precis::ErrorCode::kInvalidArgument);
  }
}

// Summaries equal but for what the input options add to the diagnostics.
bool same_result(const precis::Summary& a, const precis::Summary& b) {
  return a.sentences == b.sentences && a.scores == b.scores &&
         a.diagnostics.sentence_count == b.diagnostics.sentence_count &&
         a.diagnostics.edge_count == b.diagnostics.edge_count;
}

// Bits 6 and 7 of byte 4: replacement of ill-formed UTF-8 and truncation, against `plain`, the
// same options without them.
void check_input_options(const precis::Summarizer& plain, const precis::SelectOptions& select, std::string_view text,
                         bool replace, bool truncate) {
  precis::SummarizerOptions options = plain.options();
  if (replace) options.input.on_invalid_utf8 = precis::InvalidUtf8::kReplace;
  const std::size_t limit = std::max<std::size_t>(1, text.size() / 2);
  if (truncate)
    options.input = {.max_bytes = limit,
                     .on_too_long = precis::TooLong::kTruncate,
                     .on_invalid_utf8 = options.input.on_invalid_utf8};
  const precis::Summarizer guarded(options);
  const bool valid = precis_fuzz::is_valid_utf8(text);
  if (!valid && !replace) return;  // the plain path checks the error
  const precis::Summary summary = guarded.summarize(text, select);
  const precis::Diagnostics& d = summary.diagnostics;

  std::string_view kept = text;
  if (truncate && text.size() > limit) {
    PRECIS_FUZZ_CHECK(d.truncated_bytes > 0 && d.truncated_bytes <= text.size());
    kept = text.substr(0, text.size() - d.truncated_bytes);
    PRECIS_FUZZ_CHECK(kept.size() <= limit && kept.size() + 259 >= limit);
    PRECIS_FUZZ_CHECK(d.has(precis::Warning::kTruncated));
  } else {
    PRECIS_FUZZ_CHECK(d.truncated_bytes == 0 && !d.has(precis::Warning::kTruncated));
  }
  std::size_t replaced = 0;
  const std::string repaired = replace ? precis::replace_invalid_utf8(kept, &replaced) : std::string(kept);
  PRECIS_FUZZ_CHECK(precis_fuzz::is_valid_utf8(repaired));
  PRECIS_FUZZ_CHECK(d.replaced_sequences == replaced);
  PRECIS_FUZZ_CHECK(d.has(precis::Warning::kInvalidUtf8Replaced) == (replaced > 0));
  PRECIS_FUZZ_CHECK(same_result(summary, plain.summarize(repaired, select)));
  PRECIS_FUZZ_CHECK(precis::summary_from_json(precis::to_json(summary)) == summary);
  check(plain, select, repaired);  // and every invariant of the plain path on the text used
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  check_options_json({reinterpret_cast<const char*>(data), size});
  constexpr std::size_t kHeader = 5;
  if (size < kHeader) return 0;
  precis::SelectOptions select;
  if (data[0] != 0) select.sentences = 1 + data[0] % 12;
  if (data[1] != 0) select.words = data[1];
  if (data[2] != 0) select.chars = 4 * static_cast<std::int64_t>(data[2]);
  if ((data[3] & 16u) != 0) select.ratio = static_cast<double>((data[3] >> 5) + 1) / 8.0;
  const std::string_view text(reinterpret_cast<const char*>(data + kHeader), size - kHeader);

  // The 16 option sets of byte 3 with default graph limits are built once; others per input.
  static std::array<std::unique_ptr<precis::Summarizer>, 16> cached;
  std::unique_ptr<precis::Summarizer> fresh;
  const precis::Summarizer* summarizer = nullptr;
  const bool replace = (data[4] & 64u) != 0;
  const bool truncate = (data[4] & 128u) != 0;
  if (replace || truncate) {
    const precis::Summarizer plain(options_for(data[3], data[4]));
    check_input_options(plain, select, text, replace, truncate);
    return 0;
  }
  if ((data[4] & 63u) == 0) {
    auto& slot = cached[data[3] & 15u];
    if (!slot) slot = std::make_unique<precis::Summarizer>(options_for(data[3], 0));
    summarizer = slot.get();
  } else {
    fresh = std::make_unique<precis::Summarizer>(options_for(data[3], data[4]));
    summarizer = fresh.get();
  }

  if (!precis_fuzz::is_valid_utf8(text)) {
    try {
      summarizer->summarize(text, select);
    } catch (const precis::Error& error) {
      PRECIS_FUZZ_CHECK(error.code() == precis::ErrorCode::kInvalidUtf8);
      return 0;
    }
    PRECIS_FUZZ_CHECK(!"ill-formed UTF-8 was accepted");
  }
  // Any exception escaping here (there should be none) ends the run as a crash.
  check(*summarizer, select, text);
  check(*summarizer, select, text, query_from(text));
  return 0;
}
