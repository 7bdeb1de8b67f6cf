// libFuzzer target: Segmenter::split_sentences and Segmenter::tokenize on arbitrary bytes.
//
// Input: byte 0 chooses the options (language and the three SegmentOptions switches), the rest is
// the text. Ill-formed UTF-8 must throw Error{kInvalidUtf8} from both calls and nothing else may
// escape; on well-formed text nothing may throw, and the contracts of segmenter.hpp hold:
// sentences are in bounds, in order, non-overlapping, on code-point boundaries, never empty and
// trimmed of white space; tokens are in bounds, in order, non-overlapping and on code-point
// boundaries.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "precis/error.hpp"
#include "precis/segmenter.hpp"

namespace {

constexpr std::array<const char*, 8> kLanguages{"auto", "en", "de", "zh", "ja", "fr", "ru", "th"};

const precis::Segmenter& segmenter_for(uint8_t selector) {
  // 8 languages × 8 switch combinations, built once each.
  static std::array<std::unique_ptr<precis::Segmenter>, 64> segmenters;
  const std::size_t key = selector & 63u;
  if (!segmenters[key]) {
    precis::SegmentOptions options;
    options.language = kLanguages[key & 7u];
    options.suppress_abbreviations = (key & 8u) == 0;
    options.join_wrapped_lines = (key & 16u) == 0;
    options.split_glued_sentences = (key & 32u) == 0;
    segmenters[key] = std::make_unique<precis::Segmenter>(options);
  }
  return *segmenters[key];
}

template <typename Call>
void expect_invalid_utf8(Call call) {
  try {
    call();
  } catch (const precis::Error& error) {
    PRECIS_FUZZ_CHECK(error.code() == precis::ErrorCode::kInvalidUtf8);
    return;
  }
  PRECIS_FUZZ_CHECK(!"ill-formed UTF-8 was accepted");
}

// Sentences or tokens: non-empty, in bounds, ordered, non-overlapping, on code point boundaries.
template <typename Item>
void check_spans(std::string_view text, const std::vector<Item>& items) {
  std::size_t previous_end = 0;
  for (const Item& item : items) {
    const precis::Span span = item.span;
    PRECIS_FUZZ_CHECK(span.begin < span.end);
    PRECIS_FUZZ_CHECK(span.end <= text.size());
    PRECIS_FUZZ_CHECK(span.begin >= previous_end);
    PRECIS_FUZZ_CHECK(!precis_fuzz::is_continuation_byte(text, span.begin));
    PRECIS_FUZZ_CHECK(!precis_fuzz::is_continuation_byte(text, span.end));
    previous_end = span.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const precis::Segmenter& segmenter = segmenter_for(data[0]);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  if (!precis_fuzz::is_valid_utf8(text)) {
    expect_invalid_utf8([&] { segmenter.split_sentences(text); });
    expect_invalid_utf8([&] { segmenter.tokenize(text); });
    return 0;
  }

  // Any exception escaping here (there should be none) ends the run as a crash.
  const auto sentences = segmenter.split_sentences(text);
  check_spans(text, sentences);
  for (const precis::Sentence& sentence : sentences) {
    const precis::Span span = sentence.span;
    PRECIS_FUZZ_CHECK(!precis_fuzz::is_space(precis_fuzz::first_code_point(text, span.begin, span.end)));
    PRECIS_FUZZ_CHECK(!precis_fuzz::is_space(precis_fuzz::last_code_point(text, span.begin, span.end)));
  }
  const auto tokens = segmenter.tokenize(text);
  check_spans(text, tokens);
  // segment() shares checks and the UTF-16 copy between the passes: the same results.
  const precis::Segmentation both = segmenter.segment(text);
  PRECIS_FUZZ_CHECK(both.sentences == sentences);
  PRECIS_FUZZ_CHECK(both.tokens == tokens);
  return 0;
}
