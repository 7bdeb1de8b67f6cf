#include "precis/select.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "precis/error.hpp"

namespace precis {
namespace {

constexpr std::int64_t kDefaultSentences = 5;

std::vector<std::uint32_t> distinct_terms(const TermMatrix& terms, std::size_t sentence) {
  std::vector<std::uint32_t> ids(terms.ids.begin() + terms.offsets[sentence],
                                 terms.ids.begin() + terms.offsets[sentence + 1]);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

double jaccard(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) return 0.0;
  std::size_t shared = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

}  // namespace

std::vector<std::size_t> select_sentences(const SelectionInput& input, const SelectOptions& options,
                                          std::vector<Warning>& warnings) {
  SummarizerOptions only_select;
  only_select.select = options;
  validate(only_select);
  const std::size_t n = input.scores.size();
  if (input.texts.size() != n || input.word_counts.size() != n || input.char_counts.size() != n ||
      input.sentences.size() != n || (input.terms && input.terms->sentence_count() != n)) {
    throw Error(ErrorCode::kInvalidArgument, "SelectionInput spans must all have one entry per sentence");
  }
  if (n == 0) return {};

  // The sentence-count budget: the smaller of `sentences` and `ratio`; the default only when no
  // budget at all is set.
  std::size_t max_sentences = n;
  if (options.sentences) max_sentences = std::min<std::size_t>(max_sentences, *options.sentences);
  if (options.ratio) {
    const auto by_ratio = static_cast<std::size_t>(std::llround(*options.ratio * static_cast<double>(n)));
    max_sentences = std::min(max_sentences, std::max<std::size_t>(1, by_ratio));
  }
  if (!options.sentences && !options.ratio && !options.words && !options.chars) {
    max_sentences = std::min<std::size_t>(max_sentences, kDefaultSentences);
  }
  const std::size_t max_words = options.words ? static_cast<std::size_t>(*options.words) : SIZE_MAX;
  const std::size_t max_chars = options.chars ? static_cast<std::size_t>(*options.chars) : SIZE_MAX;

  std::size_t terminated = 0;
  for (const Sentence& s : input.sentences) terminated += s.terminated;
  const bool skip_unterminated = options.skip_unterminated && terminated * 2 > n;

  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return input.scores[a] > input.scores[b]; });

  std::vector<std::size_t> chosen;
  std::vector<std::vector<std::uint32_t>> chosen_terms;
  std::size_t words = 0;
  std::size_t chars = 0;
  bool over_budget = false;
  for (std::size_t index : order) {
    if (chosen.size() >= max_sentences) break;
    if (skip_unterminated && !input.sentences[index].terminated) continue;
    if (input.word_counts[index] == 0) continue;  // "…………" or "-" is no summary sentence
    if (words + input.word_counts[index] > max_words || chars + input.char_counts[index] > max_chars) {
      over_budget = true;
      continue;
    }
    const bool repeated = std::any_of(chosen.begin(), chosen.end(), [&](std::size_t c) {
      return input.texts[c] == input.texts[index];
    });
    if (repeated) continue;
    std::vector<std::uint32_t> terms;
    if (input.terms) {
      terms = distinct_terms(*input.terms, index);
      const bool near_repeat = std::any_of(chosen_terms.begin(), chosen_terms.end(), [&](const auto& other) {
        return jaccard(terms, other) >= options.duplicate_threshold;
      });
      if (near_repeat) continue;
    }
    chosen.push_back(index);
    chosen_terms.push_back(std::move(terms));
    words += input.word_counts[index];
    chars += input.char_counts[index];
  }
  if (chosen.empty()) warnings.push_back(over_budget ? Warning::kBudgetTooSmall : Warning::kNoCandidates);
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace precis
