// libFuzzer target for slowness: the input is a unit of text, repeated to kSmall bytes and to
// 4 × kSmall bytes, and Summarizer::summarize must not take more than kMaxRatio times as long on
// the larger text (linear work: about 4; quadratic: about 16). A ratio over the limit is measured
// again, best of kRetries more runs of each, interleaved, before the input is reported, so that a
// busy moment is not mistaken for a quadratic path; a hang is libFuzzer's -timeout. Ill-formed
// UTF-8 is replaced first: the rules see well-formed text.
// The graph and PageRank are bounded by their caps (GraphOptions::max_neighbors and
// max_pairs_per_sentence per sentence, RankOptions::max_iterations), but below the caps their cost
// per sentence grows with how alike the sentences are, and PageRank's iterations with how slowly
// the graph mixes (24 to 76 on one repeated unit between 16 and 64 KB): a ratio that says nothing
// of the other stages. Here the caps are tight and apply at every length (full_graph_sentences 0:
// a short text otherwise gets the full graph, whose bounded cost still grows with the square of
// its sentences), so every stage's own growth shows.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "precis/segmenter.hpp"
#include "precis/summarizer.hpp"

namespace {

constexpr std::size_t kSmall = 16 * 1024;
constexpr double kMaxRatio = 8.0;
constexpr double kMinSeconds = 0.02;  // below this the larger text is fast whatever the ratio
constexpr int kRetries = 5;

std::string repeated(std::string_view unit, std::size_t size) {
  std::string text;
  text.reserve(size + unit.size());
  while (text.size() < size) text += unit;
  return text;
}

double seconds(const precis::Summarizer& summarizer, const std::string& text) {
  const auto start = std::chrono::steady_clock::now();
  (void)summarizer.summarize(text, {.sentences = 3});
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const precis::Summarizer summarizer(
      {.graph = {.full_graph_sentences = 0, .max_neighbors = 8, .max_pairs_per_sentence = 8},
       .rank = {.max_iterations = 1}});
  const std::string unit = precis::replace_invalid_utf8({reinterpret_cast<const char*>(data), size});
  const std::string small = repeated(unit, kSmall);
  const std::string large = repeated(unit, 4 * small.size());
  double small_seconds = seconds(summarizer, small);
  double large_seconds = seconds(summarizer, large);
  if (large_seconds < kMinSeconds || large_seconds <= kMaxRatio * small_seconds) return 0;
  // Interleaved, so that a busy spell slows both sizes rather than only one.
  for (int retry = 0; retry < kRetries; ++retry) {
    small_seconds = std::min(small_seconds, seconds(summarizer, small));
    large_seconds = std::min(large_seconds, seconds(summarizer, large));
  }
  if (large_seconds >= kMinSeconds && large_seconds > kMaxRatio * small_seconds) {
    std::fprintf(stderr, "superlinear: %zu bytes in %.4f s, %zu bytes in %.4f s (ratio %.1f > %.1f)\n", small.size(),
                 small_seconds, large.size(), large_seconds, large_seconds / small_seconds, kMaxRatio);
    std::abort();
  }
  return 0;
}
