#include "precis/select.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "precis/error.hpp"
#include "utf8_text.hpp"

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

// Each sentence's distinct terms (in order of first occurrence): `terms` without repeats, built
// in one pass for the rules that look at every sentence's set.
TermMatrix without_repeats(const TermMatrix& terms) {
  TermMatrix out;
  out.term_count = terms.term_count;
  out.ids.reserve(terms.ids.size());
  out.offsets.reserve(terms.offsets.size());
  std::vector<std::uint32_t> last_in(terms.term_count, UINT32_MAX);
  for (std::size_t s = 0; s < terms.sentence_count(); ++s) {
    for (std::uint32_t k = terms.offsets[s]; k < terms.offsets[s + 1]; ++k) {
      const std::uint32_t id = terms.ids[k];
      if (last_in[id] != s) last_in[id] = static_cast<std::uint32_t>(s), out.ids.push_back(id);
    }
    out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
  }
  return out;
}

// Terms in both sorted, distinct sets.
std::size_t shared_count(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
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
  return shared;
}

double jaccard(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t shared = shared_count(a, b);
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

// Cosine similarity of two sets of terms (binary vectors).
double cosine(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t shared = shared_count(a, b);
  return static_cast<double>(shared) / std::sqrt(static_cast<double>(a.size()) * static_cast<double>(b.size()));
}

// The chosen sentences' term sets, indexed so that a near-duplicate check does not compare a
// candidate with every chosen sentence (quadratic on books).
// Prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007): order every set by a global term
// order, rarest first; when J(A, B) >= t, the first |A| − ⌈t·|A|⌉ + 1 terms of A and of B share a
// term. Only chosen sentences sharing a prefix term with the candidate are compared, exactly.
// The index needs the term sets of every sentence of the document (n of them), which costs more
// than a summary of a few sentences saves: comparing each candidate with each of c chosen sets
// costs about c²/2 comparisons in all, so the index is built once c reaches 2·⌈√n⌉ (and at least
// kIndexFrom). Until then a candidate is compared with each; the answer is the same, both checks
// being exact.
class NearDuplicates {
 public:
  NearDuplicates(const TermMatrix& terms, double threshold)
      : terms_(terms),
        threshold_(threshold),
        index_from_(std::max(
            kIndexFrom,
            static_cast<std::size_t>(2.0 * std::ceil(std::sqrt(static_cast<double>(terms.sentence_count())))))) {}

  // Whether `terms` (sorted, distinct ids) has a Jaccard similarity of at least the threshold with
  // a chosen set.
  bool near_repeat(const std::vector<std::uint32_t>& terms) {
    if (terms.empty()) return false;  // jaccard() is 0 for an empty set
    if (rank_.empty()) {
      return std::any_of(chosen_.begin(), chosen_.end(), [&](const std::vector<std::uint32_t>& chosen) {
        return jaccard(terms, chosen) >= threshold_;
      });
    }
    ++stamp_;
    for (std::uint32_t t : prefix(terms)) {
      for (std::uint32_t slot : postings_[t]) {
        if (seen_[slot] == stamp_) continue;
        seen_[slot] = stamp_;
        if (jaccard(terms, chosen_[slot]) >= threshold_) return true;
      }
    }
    return false;
  }

  void add(std::vector<std::uint32_t> terms) {
    chosen_.push_back(std::move(terms));
    seen_.push_back(0);
    if (!rank_.empty()) {
      index(chosen_.size() - 1);
    } else if (chosen_.size() == index_from_ && terms_.term_count > 0) {
      build_index();
      for (std::size_t slot = 0; slot < chosen_.size(); ++slot) index(slot);
    }
  }

 private:
  static constexpr std::size_t kIndexFrom = 16;

  void build_index() {
    std::vector<std::uint32_t> df(terms_.term_count, 0);
    for (std::size_t s = 0; s < terms_.sentence_count(); ++s) {
      for (std::uint32_t id : distinct_terms(terms_, s)) ++df[id];
    }
    std::vector<std::uint32_t> order(terms_.term_count);
    for (std::uint32_t t = 0; t < order.size(); ++t) order[t] = t;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return df[a] != df[b] ? df[a] < df[b] : a < b; });
    rank_.resize(terms_.term_count);
    for (std::uint32_t r = 0; r < order.size(); ++r) rank_[order[r]] = r;
    postings_.resize(terms_.term_count);
  }

  void index(std::size_t slot) {
    if (chosen_[slot].empty()) return;
    for (std::uint32_t t : prefix(chosen_[slot])) postings_[t].push_back(static_cast<std::uint32_t>(slot));
  }

  // The set's first terms in the global order. floor() instead of ceil() makes the prefix one term
  // longer at most, which keeps the filter exact whatever the rounding of t·|A|.
  std::vector<std::uint32_t> prefix(const std::vector<std::uint32_t>& terms) const {
    std::vector<std::uint32_t> by_rank(terms);
    std::sort(by_rank.begin(), by_rank.end(), [&](std::uint32_t a, std::uint32_t b) { return rank_[a] < rank_[b]; });
    const auto size = static_cast<double>(terms.size());
    const std::size_t length =
        std::min(terms.size(), terms.size() - static_cast<std::size_t>(std::floor(threshold_ * size)) + 1);
    by_rank.resize(length);
    return by_rank;
  }

  const TermMatrix& terms_;
  double threshold_;
  std::size_t index_from_;                            // chosen sets from which on the index is used
  std::vector<std::uint32_t> rank_;                   // term → position in the global order; empty until indexed
  std::vector<std::vector<std::uint32_t>> postings_;  // term → chosen slots with it in the prefix
  std::vector<std::vector<std::uint32_t>> chosen_;
  std::vector<std::uint64_t> seen_;
  std::uint64_t stamp_ = 0;
};

// Throws Error{kInvalidArgument} when `options` is invalid or the spans' sizes differ.
void check_selection_input(const SelectionInput& input, const SelectOptions& options) {
  SummarizerOptions only_select;
  only_select.select = options;
  validate(only_select);
  const std::size_t n = input.scores.size();
  const bool query_sized = input.query_match.size() == input.query_relevance.size() &&
                           (input.query_match.empty() || input.query_match.size() == n);
  if (input.texts.size() != n || input.word_counts.size() != n || input.char_counts.size() != n ||
      input.sentences.size() != n || (input.terms && input.terms->sentence_count() != n) || !query_sized) {
    throw Error(ErrorCode::kInvalidArgument, "SelectionInput spans must all have one entry per sentence");
  }
}

struct Budget {
  std::size_t sentences = 0;
  std::size_t words = SIZE_MAX;
  std::size_t chars = SIZE_MAX;
};

// The sentence-count budget is the smaller of `sentences` and `ratio`; the default applies only
// when no budget at all is set.
Budget budget_of(const SelectOptions& options, std::size_t n) {
  Budget budget;
  budget.sentences = n;
  if (options.sentences) budget.sentences = std::min<std::size_t>(budget.sentences, *options.sentences);
  if (options.ratio) {
    const auto by_ratio = static_cast<std::size_t>(std::llround(*options.ratio * static_cast<double>(n)));
    budget.sentences = std::min(budget.sentences, std::max<std::size_t>(1, by_ratio));
  }
  if (!options.sentences && !options.ratio && !options.words && !options.chars) {
    budget.sentences = std::min<std::size_t>(budget.sentences, kDefaultSentences);
  }
  if (options.words) budget.words = static_cast<std::size_t>(*options.words);
  if (options.chars) budget.chars = static_cast<std::size_t>(*options.chars);
  return budget;
}

// Fragments have fewer words than this: min_length_ratio × the median of the sentences with words.
double fragment_word_limit(const SelectOptions& options, std::span<const std::size_t> word_counts) {
  if (options.min_length_ratio <= 0.0) return 0.0;
  std::vector<std::size_t> lengths;
  for (std::size_t w : word_counts) {
    if (w > 0) lengths.push_back(w);
  }
  if (lengths.empty()) return 0.0;
  std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2, lengths.end());
  return options.min_length_ratio * static_cast<double>(lengths[lengths.size() / 2]);
}

// The candidates in order of choice: by descending key (the length-normalized score), ties by
// index.
struct Candidates {
  std::vector<std::size_t> order;
  std::vector<double> key;  // per sentence; 0 for a sentence that is no candidate
  double max_key = 0.0;
};

// ---------------------------------------------------------------------------------------------
// Front and back matter (SelectOptions::skip_structure).

// Front and back matter: a block at either end of the document whose vocabulary the rest hardly
// shares (a licence, a colophon, a title page, a closing item about something else). Over the
// tokens of terms found twice or more among the sentences considered (N tokens, V terms), a block
// of q·N tokens in which term t appears a_t of its o_t times has concentration
// C = Σ a_t² / o_t / (q·N): the share of its tokens' occurrences that lie inside it. For text that
// does not change topic, C ≈ q + (1 − q)·V/N, so the block scores
// ((C − q) / (1 − q) − V/N) / (1 − V/N): about 0 for a block like the rest, 1 for one that shares
// nothing with it. Growing from the edge, the best-scoring block of kEdgeBlockMinSentences up to
// `max_share` of the sentences is matter apart when it scores kEdgeBlockThreshold or more.
// `from_end`: the block ends the document (else it begins it). Returns its size in sentences (0
// when there is none). `count`: the sentences considered, the first `count` of `terms`.
constexpr std::size_t kEdgeBlockMinSentences = 20;
constexpr double kBackMatterMaxShare = 0.75;
constexpr double kFrontMatterMaxShare = 0.25;
constexpr double kEdgeBlockThreshold = 0.45;

std::size_t edge_block(const TermMatrix& terms, std::size_t count, bool from_end, double max_share) {
  const auto max_size = static_cast<std::size_t>(max_share * static_cast<double>(count));
  if (max_size < kEdgeBlockMinSentences) return 0;
  std::vector<std::uint32_t> occurrences(terms.term_count, 0);
  for (std::uint32_t k = 0; k < terms.offsets[count]; ++k) ++occurrences[terms.ids[k]];
  double tokens = 0.0, types = 0.0;
  for (std::uint32_t o : occurrences) {
    if (o >= 2) tokens += o, types += 1.0;
  }
  if (tokens == 0.0) return 0;
  const double type_token_ratio = types / tokens;
  std::vector<std::uint32_t> inside(terms.term_count, 0);
  double concentration_sum = 0.0, block_tokens = 0.0, best_score = kEdgeBlockThreshold;
  std::size_t best_size = 0;
  for (std::size_t size = 1; size <= max_size; ++size) {
    const std::size_t s = from_end ? count - size : size - 1;
    for (std::uint32_t k = terms.offsets[s]; k < terms.offsets[s + 1]; ++k) {
      const std::uint32_t t = terms.ids[k];
      if (occurrences[t] < 2) continue;
      concentration_sum += (2.0 * inside[t] + 1.0) / occurrences[t];
      ++inside[t], block_tokens += 1.0;
    }
    const double q = block_tokens / tokens;
    if (size < kEdgeBlockMinSentences || block_tokens == 0.0 || q >= 1.0) continue;
    const double excess = (concentration_sum / block_tokens - q) / (1.0 - q);
    const double score = (excess - type_token_ratio) / (1.0 - type_token_ratio);
    if (score >= best_score) best_score = score, best_size = size;
  }
  return best_size;
}

// A sentence elsewhere that speaks the matter's words belongs with it (a licence's summary in the
// header, a footer line just before the block): on average over its distinct terms found in two
// sentences or more, most of a term's sentences are in the matter. Only adds: a sentence of the
// matter that uses common words stays in it.
void regroup_by_vocabulary(const TermMatrix& distinct, std::vector<bool>& apart) {
  const std::size_t n = distinct.sentence_count();
  std::vector<std::uint32_t> df(distinct.term_count, 0), apart_df(distinct.term_count, 0);
  for (std::size_t s = 0; s < n; ++s) {
    for (std::uint32_t k = distinct.offsets[s]; k < distinct.offsets[s + 1]; ++k) {
      ++df[distinct.ids[k]], apart_df[distinct.ids[k]] += apart[s];
    }
  }
  for (std::size_t s = 0; s < n; ++s) {
    double share = 0.0;
    std::size_t counted = 0;
    for (std::uint32_t k = distinct.offsets[s]; k < distinct.offsets[s + 1]; ++k) {
      const std::uint32_t t = distinct.ids[k];
      if (df[t] < 2) continue;
      share += static_cast<double>(apart_df[t]) / df[t], ++counted;
    }
    if (counted > 0 && share > 0.5 * static_cast<double>(counted)) apart[s] = true;
  }
}

// The sentences of the front and back matter: back matter first, then front matter in what is
// left before it, then the sentences that speak their words.
std::vector<bool> matter_apart(const TermMatrix& terms, const TermMatrix& distinct) {
  const std::size_t n = terms.sentence_count();
  std::vector<bool> apart(n, false);
  const std::size_t back = edge_block(terms, n, true, kBackMatterMaxShare);
  const std::size_t front = edge_block(terms, n - back, false, kFrontMatterMaxShare);
  if (back == 0 && front == 0) return apart;
  for (std::size_t s = n - back; s < n; ++s) apart[s] = true;
  for (std::size_t s = 0; s < front; ++s) apart[s] = true;
  regroup_by_vocabulary(distinct, apart);
  return apart;
}

// ---------------------------------------------------------------------------------------------
// Structure: lines that are no prose (SelectOptions::skip_structure).

constexpr std::size_t kMinWords = 5;
constexpr std::size_t kMinTerms = 4;
constexpr std::size_t kMinTermsLong = 6;

struct LetterCounts {
  std::size_t letters = 0;
  std::size_t upper = 0;
  std::size_t words = 0;        // runs that start with a letter
  std::size_t capitalized = 0;  // of them, those that start with a capital
};

LetterCounts letter_counts(std::string_view text) {
  LetterCounts counts;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    UChar32 c = static_cast<unsigned char>(text[i]);
    bool letter = false;
    bool upper = false;
    if (c < 0x80) {  // most text: no decoding, no ICU property lookup
      ++i;
      upper = c >= 'A' && c <= 'Z';
      letter = upper || (c >= 'a' && c <= 'z');
    } else {
      c = detail::code_point_at(text, i);
      U8_FWD_1(text.data(), i, text.size());
      letter = u_isalpha(c);
      upper = letter && detail::is_upper(c);
    }
    if (letter) {
      ++counts.letters;
      counts.upper += upper;
      if (!in_word) ++counts.words, counts.capitalized += upper;
    }
    // A word goes on through letters, digits, apostrophes and hyphens ("don't", "well-known").
    const bool digit = c < 0x80 ? (c >= '0' && c <= '9') : u_isdigit(c);
    in_word = letter || (in_word && (digit || c == '\'' || c == 0x2019 || c == '-' || c == '_'));
  }
  return counts;
}

bool mostly_capitals(const LetterCounts& counts) { return counts.letters >= 4 && 2 * counts.upper > counts.letters; }

bool looks_like_address(std::string_view text) {
  if (text.find("http://") != text.npos || text.find("https://") != text.npos || text.find("www.") != text.npos) {
    return true;
  }
  // An e-mail address: '@' inside a token that has a '.' after it, within an address's length
  // (so each '@' costs at most that).
  for (std::size_t at = text.find('@'); at != text.npos; at = text.find('@', at + 1)) {
    const std::string_view rest = text.substr(at, detail::kMaxAddressBytes);
    const std::string_view token = rest.substr(0, std::min(rest.find_first_of(" \t\n"), rest.size()));
    if (at > 0 && text[at - 1] != ' ' && token.find('.') != text.npos) return true;
  }
  return false;
}

// Headings in capitals (also one glued to the sentence after it) or in title case, lines that
// end in a number (tables of contents, page furniture), addresses, and continuations that start
// in lower case (the rest of a quoted sentence: "cried the man in the skiff.").
bool looks_like_structure(std::string_view text) {
  const LetterCounts counts = letter_counts(text);
  if (mostly_capitals(counts)) return true;
  if (const std::size_t line_end = text.find('\n'); line_end != text.npos) {
    const LetterCounts first_line = letter_counts(text.substr(0, line_end));
    if (mostly_capitals(first_line) && first_line.words <= 12) return true;
  }
  if (counts.words >= 3 && 5 * counts.capitalized >= 4 * counts.words) return true;
  const char last = text.empty() ? ' ' : text.back();
  if (last >= '0' && last <= '9') return true;
  if (looks_like_address(text)) return true;
  return !text.empty() && detail::is_lower(detail::code_point_at(text, 0));
}

// Which sentences may be chosen: every one with a word, less the unterminated lines and the
// fragments (skip_unterminated, min_length_ratio), and with skip_structure the structure, the
// front and back matter (`apart`, one flag per sentence) and the sentences too short to be a
// clause, unless fewer than `wanted` would be left (a short text of short sentences is summarized
// from all of them).
std::vector<bool> candidate_mask(const SelectionInput& input, const SelectOptions& options, bool long_document,
                                 std::size_t wanted, const TermMatrix* distinct, const std::vector<bool>& apart) {
  const std::size_t n = input.scores.size();
  std::size_t terminated = 0;
  for (const Sentence& s : input.sentences) terminated += s.terminated;
  const bool skip_unterminated = options.skip_unterminated && terminated * 2 > n;
  const double min_words = fragment_word_limit(options, input.word_counts);
  std::vector<bool> mask(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    mask[i] = input.word_counts[i] > 0  // "…………" or "-" is no summary sentence
              && !(skip_unterminated && !input.sentences[i].terminated) &&
              static_cast<double>(input.word_counts[i]) >= min_words;
  }
  if (!options.skip_structure) return mask;
  const std::size_t min_terms = long_document ? kMinTermsLong : kMinTerms;
  std::vector<bool> prose = mask;
  std::size_t left = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!prose[i]) continue;
    const bool short_clause = input.word_counts[i] < kMinWords || (distinct && distinct->size(i) < min_terms);
    prose[i] = !short_clause && !apart[i] && !looks_like_structure(input.texts[i]);
    left += prose[i];
  }
  return left > 0 && left >= wanted ? prose : mask;
}

Candidates rank_candidates(const SelectionInput& input, const SelectOptions& options, std::size_t wanted,
                           bool long_document, const TermMatrix* distinct, const std::vector<bool>& apart) {
  const std::size_t n = input.scores.size();
  const std::vector<bool> allowed = candidate_mask(input, options, long_document, wanted, distinct, apart);
  std::size_t worded = 0;
  std::size_t total_words = 0;
  for (std::size_t w : input.word_counts) worded += w > 0, total_words += w;
  const double mean_words = worded ? static_cast<double>(total_words) / static_cast<double>(worded) : 1.0;
  Candidates candidates;
  candidates.key.assign(n, 0.0);
  std::vector<double>& key = candidates.key;
  for (std::size_t i = 0; i < n; ++i) {
    if (!allowed[i]) continue;
    key[i] = input.scores[i];
    if (options.length_penalty > 0.0) {
      key[i] *= std::pow(mean_words / static_cast<double>(input.word_counts[i]), options.length_penalty);
    }
    key[i] = ranking_key(key[i]);
    candidates.max_key = std::max(candidates.max_key, key[i]);
    candidates.order.push_back(i);
  }
  // Plain (λ = 0) selection walks this order once.
  std::stable_sort(candidates.order.begin(), candidates.order.end(),
                   [&](std::size_t a, std::size_t b) { return key[a] > key[b]; });
  return candidates;
}

// ---------------------------------------------------------------------------------------------
// Long documents (SelectOptions::cover_long_documents).

constexpr std::size_t kLongDocumentParts = 10;

// How much the lead counts, from 0 to 1: the cosine of the tf·idf vector of its first round(e)
// sentences (at least 3, at most 10: a longer lead is more like any document, whatever it says)
// with the document's df·idf vector (idf = ln((n + 1) / (df + 1))), mapped linearly from 0.15
// (nothing) to 0.25 (all); the document is taken without its front and back matter. A lead about
// what the whole document is about (a report's abstract, a meeting's agenda) counts; a licence or
// a title page does not.
// `distinct`: `terms` without repeats.
double lead_share(const TermMatrix& terms, const TermMatrix& distinct, double expected,
                  const std::vector<bool>& apart) {
  const std::size_t n = terms.sentence_count();
  std::vector<double> df(terms.term_count, 0.0);
  for (std::size_t s = 0; s < n; ++s) {
    if (apart[s]) continue;  // the document without its front and back matter
    for (std::uint32_t k = distinct.offsets[s]; k < distinct.offsets[s + 1]; ++k) df[distinct.ids[k]] += 1.0;
  }
  const auto lead_end =
      std::min<std::size_t>(n, std::clamp<std::size_t>(std::llround(expected), 3, kLongDocumentParts));
  std::vector<double> lead(terms.term_count, 0.0);
  for (std::uint32_t k = 0; k < terms.offsets[lead_end]; ++k) lead[terms.ids[k]] += 1.0;
  double dot = 0.0, lead_norm = 0.0, document_norm = 0.0;
  for (std::size_t t = 0; t < df.size(); ++t) {
    const double idf = std::log((static_cast<double>(n) + 1.0) / (df[t] + 1.0));
    const double l = lead[t] * idf, d = df[t] * idf;
    dot += l * d, lead_norm += l * l, document_norm += d * d;
  }
  if (lead_norm == 0.0 || document_norm == 0.0) return 0.0;
  const double cosine = dot / std::sqrt(lead_norm * document_norm);
  return std::clamp((cosine - 0.15) / 0.10, 0.0, 1.0);
}

// The order of choice in a long document: the lead's share of the budget, round(share · e) of
// the first candidates, then rounds over P = min(10, max(1, round(e))) equal parts of the body
// (the document without its front and back matter), each round taking the next best candidate of
// every part (by key; the round's picks by key among themselves). Covers the body in about e
// choices.
Candidates cover_long_document(const SelectionInput& input, Candidates ranked, double expected,
                               const TermMatrix& distinct, const std::vector<bool>& apart) {
  const std::size_t n = input.scores.size();
  if (ranked.order.empty()) return ranked;
  const auto lead_count =
      static_cast<std::size_t>(std::llround(lead_share(*input.terms, distinct, expected, apart) * expected));
  const auto parts = std::clamp<std::size_t>(static_cast<std::size_t>(std::llround(expected)), 1, kLongDocumentParts);
  // The parts divide the stretch between the first and the last candidate: the body, without its
  // front and back matter.
  const auto [first, last] = std::ranges::minmax(ranked.order);
  const std::size_t stretch = last - first + 1;
  std::vector<std::vector<std::size_t>> by_part(parts);  // each in key order, as `ranked.order` is
  for (std::size_t i : ranked.order) by_part[(i - first) * parts / stretch].push_back(i);
  std::vector<std::size_t> order;
  std::vector<bool> taken(n, false);
  for (std::size_t i = 0; i < n && order.size() < lead_count; ++i) {
    if (ranked.key[i] > 0.0) order.push_back(i), taken[i] = true;
  }
  for (std::size_t round = 0;; ++round) {
    std::vector<std::size_t> picks;
    for (const std::vector<std::size_t>& part : by_part) {
      if (round < part.size()) picks.push_back(part[round]);
    }
    if (picks.empty()) break;
    std::stable_sort(picks.begin(), picks.end(),
                     [&](std::size_t a, std::size_t b) { return ranked.key[a] > ranked.key[b]; });
    for (std::size_t i : picks) {
      if (!taken[i]) order.push_back(i), taken[i] = true;
    }
  }
  ranked.order = std::move(order);
  return ranked;
}

// With a query: the passage that answers it. Its anchor is the candidate of highest query
// relevance among those that contain a query term and fit the budget (ties: higher score, then
// lower index); then come the candidates that follow it, up to kPassageReach sentences on, then
// those before it, nearest first. Fillers have at least kPassageMinWords words, so that
// interjections ("Yeah .", "OK .") do not take the place of content. Empty when no candidate
// contains a query term.
constexpr std::size_t kPassageReach = 20;
constexpr std::size_t kPassageMinWords = 8;

Candidates passage_candidates(const SelectionInput& input, const Budget& budget, const Candidates& ranked) {
  const std::size_t n = input.scores.size();
  std::optional<std::size_t> anchor;
  for (std::size_t i = 0; i < n; ++i) {
    if (input.query_match[i] <= 0.0 || input.word_counts[i] > budget.words || input.char_counts[i] > budget.chars) {
      continue;
    }
    if (!anchor || input.query_relevance[i] > input.query_relevance[*anchor] ||
        (input.query_relevance[i] == input.query_relevance[*anchor] && input.scores[i] > input.scores[*anchor]))
      anchor = i;
  }
  Candidates passage;
  passage.key = ranked.key;
  if (!anchor) return passage;
  const std::size_t c = *anchor;
  passage.order.push_back(c);
  const auto filler = [&](std::size_t j) { return input.word_counts[j] >= kPassageMinWords; };
  for (std::size_t j = c + 1; j < n && j <= c + kPassageReach; ++j) {
    if (filler(j)) passage.order.push_back(j);
  }
  for (std::size_t k = 1; k <= kPassageReach && k <= c; ++k) {
    if (filler(c - k)) passage.order.push_back(c - k);
  }
  return passage;
}

// The next candidate: plain selection takes them in key order (a cursor, so books stay linear);
// maximal marginal relevance (MMR) takes the best trade-off of key and novelty among those left
// (quadratic, but opt-in).
class CandidateQueue {
 public:
  CandidateQueue(Candidates candidates, double lambda, bool mmr)
      : candidates_(std::move(candidates)), lambda_(lambda), mmr_(mmr), max_similarity_(candidates_.key.size(), 0.0) {}

  bool empty() const { return mmr_ ? candidates_.order.empty() : cursor_ >= candidates_.order.size(); }

  // `first`: nothing was chosen yet.
  std::size_t next(bool first) {
    std::vector<std::size_t>& remaining = candidates_.order;
    if (!mmr_) return remaining[cursor_++];
    std::size_t pick = 0;  // position in `remaining`; the front until something is chosen
    if (!first) {
      double best = -std::numeric_limits<double>::infinity();
      for (std::size_t r = 0; r < remaining.size(); ++r) {
        const std::size_t i = remaining[r];
        const double relevance = candidates_.max_key > 0.0 ? candidates_.key[i] / candidates_.max_key : 0.0;
        const double value = (1.0 - lambda_) * relevance - lambda_ * max_similarity_[i];
        if (value > best) best = value, pick = r;  // strict: ties keep the earlier (higher key)
      }
    }
    const std::size_t index = remaining[pick];
    remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(pick));
    return index;
  }

  // For MMR: the candidates left are as redundant as their closest chosen sentence, `terms` now.
  void discount(const std::vector<std::vector<std::uint32_t>>& terms_of, const std::vector<std::uint32_t>& terms) {
    for (std::size_t i : candidates_.order)
      max_similarity_[i] = std::max(max_similarity_[i], cosine(terms_of[i], terms));
  }

  // Candidates not yet taken, by MMR (all of them, in key order, before the first).
  const std::vector<std::size_t>& remaining() const { return candidates_.order; }

 private:
  Candidates candidates_;
  double lambda_;
  bool mmr_;
  std::size_t cursor_ = 0;
  std::vector<double> max_similarity_;  // to the chosen sentences
};

// Takes candidates from `queue` until the sentence budget is reached or none is left, skipping
// those that break a words or chars budget and exact or near repeats of a chosen sentence.
std::vector<std::size_t> choose(const SelectionInput& input, const SelectOptions& options, const Budget& budget,
                                CandidateQueue& queue, bool mmr, std::vector<Warning>& warnings) {
  const std::size_t n = input.scores.size();
  std::vector<std::vector<std::uint32_t>> terms_of(mmr ? n : 0);
  if (mmr) {
    for (std::size_t i : queue.remaining()) terms_of[i] = distinct_terms(*input.terms, i);
  }
  std::vector<std::size_t> chosen;
  std::optional<NearDuplicates> near_duplicates;
  if (input.terms) near_duplicates.emplace(*input.terms, options.duplicate_threshold);
  std::unordered_set<std::string_view> chosen_texts;
  std::size_t words = 0;
  std::size_t chars = 0;
  bool over_budget = false;
  while (chosen.size() < budget.sentences && !queue.empty()) {
    const std::size_t index = queue.next(chosen.empty());
    if (words + input.word_counts[index] > budget.words || chars + input.char_counts[index] > budget.chars) {
      over_budget = true;
      continue;
    }
    if (chosen_texts.contains(input.texts[index])) continue;  // an exact repeat
    std::vector<std::uint32_t> terms;
    if (near_duplicates) {
      terms = mmr ? terms_of[index] : distinct_terms(*input.terms, index);
      if (near_duplicates->near_repeat(terms)) continue;
    }
    if (mmr) queue.discount(terms_of, terms);
    if (near_duplicates) near_duplicates->add(std::move(terms));
    chosen.push_back(index);
    chosen_texts.insert(input.texts[index]);
    words += input.word_counts[index];
    chars += input.char_counts[index];
  }
  if (chosen.empty()) warnings.push_back(over_budget ? Warning::kBudgetTooSmall : Warning::kNoCandidates);
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace

double expected_sentence_count(const SelectOptions& options, std::span<const std::size_t> word_counts,
                               std::span<const std::size_t> char_counts) {
  const auto n = static_cast<double>(word_counts.size());
  if (n == 0) return 0.0;
  double k = n;
  if (options.sentences) k = std::min(k, static_cast<double>(*options.sentences));
  if (options.ratio) k = std::min(k, std::max(1.0, std::round(*options.ratio * n)));
  if (!options.sentences && !options.ratio && !options.words && !options.chars) {
    k = std::min(k, static_cast<double>(kDefaultSentences));
  }
  const auto mean = [n](std::span<const std::size_t> counts) {
    double total = 0.0;
    for (std::size_t c : counts) total += static_cast<double>(c);
    return std::max(1.0, total / n);
  };
  if (options.words) k = std::min(k, static_cast<double>(*options.words) / mean(word_counts));
  if (options.chars && char_counts.size() == word_counts.size()) {
    k = std::min(k, static_cast<double>(*options.chars) / mean(char_counts));
  }
  return std::clamp(k, 1.0, n);
}

bool is_long_document(const SelectOptions& options, std::size_t sentence_count, double expected) {
  return options.cover_long_documents && static_cast<double>(sentence_count) >= kLongDocumentRatio * expected;
}

double ranking_key(double score) {
  if (score == 0.0 || !std::isfinite(score)) return score;
  // Drop the low 17 of the 53 significant bits, rounding half to even on the bit pattern (a carry
  // moves into the exponent, as it should), whatever the thread's rounding mode.
  // precis._display.ranking_key does the same in Python.
  constexpr int kDropped = 53 - 36;
  constexpr std::uint64_t kHalf = (std::uint64_t{1} << (kDropped - 1)) - 1;
  std::uint64_t bits = std::bit_cast<std::uint64_t>(score);
  bits += kHalf + ((bits >> kDropped) & 1);
  bits &= ~((std::uint64_t{1} << kDropped) - 1);
  return std::bit_cast<double>(bits);
}

std::vector<std::size_t> select_sentences(const SelectionInput& input, const SelectOptions& options,
                                          std::vector<Warning>& warnings) {
  check_selection_input(input, options);
  const std::size_t n = input.scores.size();
  if (n == 0) return {};
  const Budget budget = budget_of(options, n);
  const double expected = expected_sentence_count(options, input.word_counts, input.char_counts);
  const bool long_document = is_long_document(options, n, expected);
  std::optional<TermMatrix> distinct;
  if (input.terms && (options.skip_structure || long_document)) distinct = without_repeats(*input.terms);
  const std::vector<bool> apart =
      options.skip_structure && input.terms ? matter_apart(*input.terms, *distinct) : std::vector<bool>(n, false);
  Candidates ranked = rank_candidates(input, options, static_cast<std::size_t>(std::ceil(expected)), long_document,
                                      distinct ? &*distinct : nullptr, apart);
  if (!input.query_match.empty()) {
    Candidates passage = passage_candidates(input, budget, ranked);
    if (!passage.order.empty()) {
      CandidateQueue queue(std::move(passage), 0.0, false);
      return choose(input, options, budget, queue, false, warnings);
    }
  }
  if (long_document && input.terms) {
    CandidateQueue queue(cover_long_document(input, std::move(ranked), expected, *distinct, apart), 0.0, false);
    return choose(input, options, budget, queue, false, warnings);
  }
  const bool mmr = options.redundancy > 0.0 && input.terms != nullptr;
  CandidateQueue queue(std::move(ranked), options.redundancy, mmr);
  return choose(input, options, budget, queue, mmr, warnings);
}

std::vector<std::size_t> sentence_ranks(std::span<const double> scores) {
  const std::size_t n = scores.size();
  std::vector<double> keys(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = ranking_key(scores[i]);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] > keys[b]; });
  std::vector<std::size_t> rank_of(n);
  for (std::size_t r = 0; r < n; ++r) rank_of[order[r]] = r + 1;
  return rank_of;
}

}  // namespace precis
