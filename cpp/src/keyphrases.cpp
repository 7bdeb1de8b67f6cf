#include "keyphrases.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "graph_phases.hpp"
#include "language.hpp"
#include "precis/rank.hpp"
#include "precis/segmenter.hpp"
#include "rank_internal.hpp"
#include "terms.hpp"
#include "utf8_text.hpp"

namespace precis::detail {
namespace {

// PageRank of the word graph stops at this L1 change (or rank.tolerance, if larger): the ranking
// of phrases is settled long before the 1e-6 that sentence scores get.
constexpr double kWordRankTolerance = 1e-3;

// What the rules say about one word.
struct WordInfo {
  bool candidate = false;
  bool ends_phrase = false;
  bool cannot_end_phrase = false;
};

// Two adjacent candidates belong to one phrase when only spaces and at most one hyphen separate
// them ("closed-loop", "real - time"), or nothing at all (text written without spaces).
bool joins_words(std::string_view gap) {
  std::size_t hyphens = 0;
  for (char c : gap) {
    if (c == '-') {
      ++hyphens;
    } else if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return hyphens <= 1;
}

// One occurrence of a candidate phrase: the tokens [first, last) of the text.
struct PhraseAt {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool unspaced = false;
};

// A candidate phrase: its terms, how often it occurs, its score.
struct Phrase {
  std::span<const std::uint32_t> terms;
  std::uint32_t count = 0;
  bool unspaced = false;
  double score = 0.0;
};

// The rules' verdict on each distinct word of one text (TermExtraction::token_words), found when
// first asked for. Verdicts are kept beside the words in the thread's memo of word features
// (TermExtractor::notes), so a word another text had is not folded and looked up again; a verdict
// is a pure function of the word, so results do not depend on what a thread saw before.
class WordVerdicts {
 public:
  WordVerdicts(const KeyphraseInput& input, const KeyphraseRules& rules, TermExtractor& extractor)
      : input_(input),
        verdicts_(input.terms.word_memo_ids.size()),
        rules_(rules),
        extractor_(extractor),
        remembered_(extractor.notes(rules.key())) {}

  WordInfo operator()(std::uint32_t word_id, std::string_view word) {
    std::uint8_t& verdict = verdicts_[word_id];
    if (verdict == kUnknown) {
      const std::uint32_t memo_id = input_.terms.word_memo_ids[word_id];
      std::uint8_t* remembered = memo_id == kNotRemembered ? nullptr : &remembered_[memo_id];
      verdict = remembered && *remembered != kUnknown ? *remembered : encode(judge(word));
      if (remembered) *remembered = verdict;
    }
    return decode(verdict);
  }

 private:
  static constexpr std::uint8_t kUnknown = 0;

  WordInfo judge(std::string_view word) {
    const std::string_view folded = extractor_.fold(word);
    const bool candidate = code_point_count(folded, {0, folded.size()}) >= 2 && !rules_.is_stopword(folded);
    return {candidate, candidate && rules_.ends_phrase(folded), candidate && rules_.cannot_end_phrase(folded)};
  }
  static std::uint8_t encode(WordInfo info) {
    return static_cast<std::uint8_t>(1 | info.candidate << 1 | info.ends_phrase << 2 | info.cannot_end_phrase << 3);
  }
  static WordInfo decode(std::uint8_t verdict) { return {(verdict & 2) != 0, (verdict & 4) != 0, (verdict & 8) != 0}; }

  const KeyphraseInput& input_;
  std::vector<std::uint8_t> verdicts_;  // by word id, encoded; kUnknown until judged
  const KeyphraseRules& rules_;
  TermExtractor& extractor_;
  std::span<std::uint8_t> remembered_;  // the verdicts kept in the thread's memo, by memo id
};

// Candidate phrases by their terms: an open-addressing table of phrase numbers, keyed by a hash of
// the terms and checked against them. Sized for `occurrences` phrases (every occurrence a phrase
// of its own), so it is never more than half full.
class PhraseIndex {
 public:
  explicit PhraseIndex(std::size_t occurrences)
      : slots_(std::bit_ceil(std::max<std::size_t>(16, 2 * occurrences)), kFree) {}

  // The number of the phrase with these terms, or `next` (then remembered) when there is none;
  // `terms_of` gives the terms of the phrases numbered so far.
  std::uint32_t find_or_add(std::span<const std::uint32_t> terms, std::uint32_t next,
                            const std::vector<std::span<const std::uint32_t>>& terms_of) {
    std::uint64_t hash = 0x9E3779B97F4A7C15ULL * (terms.size() + 1);
    for (std::uint32_t term : terms) hash = (hash ^ term) * 0xC2B2AE3D27D4EB4FULL;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = (hash >> 32) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == kFree) return slots_[i] = next;
      if (std::ranges::equal(terms_of[slots_[i]], terms)) return slots_[i];
    }
  }

 private:
  static constexpr std::uint32_t kFree = UINT32_MAX;
  std::vector<std::uint32_t> slots_;
};

// The surface form written most often (ties: the first).
std::string_view most_frequent_form(std::string_view text, std::span<const Span> occurrences) {
  const auto form = [&](const Span& span) { return text.substr(span.begin, span.size()); };
  if (occurrences.size() == 1) return form(occurrences.front());
  std::unordered_map<std::string_view, std::size_t> counts;
  std::string_view best;
  std::size_t best_count = 0;
  for (const Span& span : occurrences) {
    const std::size_t count = ++counts[form(span)];
    if (count > best_count) {
      best = form(span);
      best_count = count;
    }
  }
  return best;
}

// The lines written in capitals: at least two letters, every one an upper-case letter (a line
// with a lower-case letter, or with letters of a script without case, such as Chinese, is no
// heading). Headings such as "CHAPTER II" are repeated more than any topic; their words are no
// candidates.
std::vector<Span> lines_in_capitals(std::string_view text) {
  std::vector<Span> lines;
  std::size_t begin = 0;
  std::size_t upper = 0;
  bool other = false;  // a letter that is not upper case
  for (std::size_t i = 0; i <= text.size();) {
    if (i == text.size() || text[i] == '\n') {
      if (upper >= 2 && !other) lines.push_back({begin, i});
      begin = ++i;
      upper = 0;
      other = false;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      upper += byte >= 'A' && byte <= 'Z';
      other = other || (byte >= 'a' && byte <= 'z');
      ++i;
      continue;
    }
    const UChar32 c = code_point_at(text, i);
    if (u_isupper(c)) {
      ++upper;
    } else if (u_isalpha(c)) {
      other = true;
    }
    i += static_cast<std::size_t>(U8_LENGTH(c));
  }
  return lines;
}

// The runs of candidates of a text, cut into phrase occurrences (in text order), and the
// candidates' terms in text order, for the word graph.
struct Candidates {
  std::vector<PhraseAt> found;
  std::vector<std::uint32_t> sequence;
};

Candidates find_candidates(const KeyphraseInput& input, const KeyphraseRules& rules, TermExtractor& extractor,
                           const KeyphraseOptions& options) {
  const std::string_view text = input.text;
  const std::span<const Token> tokens = input.tokens;
  WordVerdicts verdicts(input, rules, extractor);
  const std::vector<Span> capitals = lines_in_capitals(text);
  std::size_t line = 0;  // the first line in capitals that does not end before the token asked about
  const auto in_capitals = [&](std::size_t t) {
    while (line < capitals.size() && capitals[line].end <= tokens[t].span.begin) ++line;
    return line < capitals.size() && capitals[line].begin <= tokens[t].span.begin;
  };
  const auto info = [&](std::size_t t) {
    if (input.terms.token_terms[t] == kNotATerm || tokens[t].kind != TokenKind::kWord) return WordInfo{};
    return verdicts(input.terms.token_words[t], text.substr(tokens[t].span.begin, tokens[t].span.size()));
  };
  Candidates out;
  out.found.reserve(tokens.size() / 2);
  out.sequence.reserve(tokens.size() / 2);
  const auto end_run = [&](std::size_t first, std::size_t last, bool spaced) {  // tokens [first, last)
    const auto add = [&](std::size_t from, std::size_t to) {
      out.found.push_back({static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to), !spaced && to - from > 1});
    };
    if (spaced || last - first == 1) {
      while (last > first && info(last - 1).cannot_end_phrase) --last;
      if (last > first && last - first <= options.max_phrase_words) add(first, last);
    } else {
      for (std::size_t from = first; from < last; ++from) {
        for (std::size_t to = from + 1; to <= std::min(last, from + options.max_unspaced_phrase_words); ++to) {
          add(from, to);
        }
      }
    }
  };
  std::size_t first = 0;  // the run is tokens [first, t)
  bool spaced = false;
  bool ended = true;  // the previous token ends a phrase, or is no candidate
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const WordInfo word = in_capitals(t) ? WordInfo{} : info(t);
    if (!word.candidate) {
      if (!ended) end_run(first, t, spaced);
      ended = true;
      continue;
    }
    out.sequence.push_back(input.terms.token_terms[t]);
    const std::string_view gap =
        ended ? std::string_view() : text.substr(tokens[t - 1].span.end, tokens[t].span.begin - tokens[t - 1].span.end);
    if (ended || !joins_words(gap)) {
      if (!ended) end_run(first, t, spaced);
      first = t;
      spaced = false;
    }
    spaced = spaced || (t > first && !gap.empty());
    ended = word.ends_phrase;
    if (ended) end_run(first, t + 1, spaced);
  }
  if (!ended) end_run(first, tokens.size(), spaced);
  return out;
}

// The candidate phrases: occurrences with the same terms are one phrase, numbered by first
// occurrence. Phrase p occurs at spans[start[p]] .. spans[start[p + 1] - 1], in text order.
struct PhraseSet {
  std::vector<Phrase> phrases;
  std::vector<Span> spans;
  std::vector<std::size_t> start;

  std::span<const Span> occurrences(std::size_t p) const {
    return std::span(spans).subspan(start[p], phrases[p].count);
  }
};

PhraseSet group_phrases(const KeyphraseInput& input, const std::vector<PhraseAt>& found) {
  const auto terms_of = [&](const PhraseAt& o) {
    return std::span(input.terms.token_terms).subspan(o.first, o.last - o.first);
  };
  PhraseSet set;
  std::vector<std::span<const std::uint32_t>> phrase_terms;
  std::vector<std::uint32_t> phrase_of(found.size());
  PhraseIndex index(found.size());
  for (std::size_t k = 0; k < found.size(); ++k) {
    const auto terms = terms_of(found[k]);
    const std::uint32_t p = index.find_or_add(terms, static_cast<std::uint32_t>(set.phrases.size()), phrase_terms);
    if (p == set.phrases.size()) {
      set.phrases.push_back({terms, 0, found[k].unspaced});
      phrase_terms.push_back(terms);
    }
    ++set.phrases[p].count;
    phrase_of[k] = p;
  }
  // A counting sort of the occurrences by phrase.
  set.start.assign(set.phrases.size() + 1, 0);
  for (std::size_t p = 0; p < set.phrases.size(); ++p) set.start[p + 1] = set.start[p] + set.phrases[p].count;
  set.spans.resize(found.size());
  std::vector<std::size_t> fill(set.start.begin(), set.start.end() - 1);
  for (std::size_t k = 0; k < found.size(); ++k) {
    const Span span{input.tokens[found[k].first].span.begin, input.tokens[found[k].last - 1].span.end};
    set.spans[fill[phrase_of[k]]++] = span;
  }
  return set;
}

// The PageRank score of every term (0 for a term that is no candidate) in the word graph: each
// candidate of `sequence` linked to the next cooccurrence_window - 1; the teleport by frequency,
// and by first positions for keyphrase_position_weight of it.
std::vector<double> word_scores(const std::vector<std::uint32_t>& sequence, std::size_t terms,
                                const KeyphraseOptions& options, const RankOptions& rank) {
  std::vector<int> node_of(terms, -1);
  int nodes = 0;
  for (std::uint32_t term : sequence) {
    if (node_of[term] < 0) node_of[term] = nodes++;
  }
  // Links (lower node, higher node) bucketed by the lower one, then each row's columns sorted and
  // counted: the upper triangle, row by row, that emit_csr mirrors.
  std::vector<std::size_t> row_start(static_cast<std::size_t>(nodes) + 1, 0);
  const auto for_each_link = [&](auto visit) {
    for (std::size_t a = 0; a < sequence.size(); ++a) {
      const int u = node_of[sequence[a]];
      for (std::size_t b = a + 1; b < std::min(sequence.size(), a + options.cooccurrence_window); ++b) {
        const int v = node_of[sequence[b]];
        if (u != v) visit(static_cast<std::size_t>(std::min(u, v)), static_cast<std::uint32_t>(std::max(u, v)));
      }
    }
  };
  for_each_link([&](std::size_t low, std::uint32_t) { ++row_start[low + 1]; });
  std::partial_sum(row_start.begin(), row_start.end(), row_start.begin());
  std::vector<std::uint32_t> columns(row_start.back());
  std::vector<std::size_t> fill(row_start.begin(), row_start.end() - 1);
  for_each_link([&](std::size_t low, std::uint32_t high) { columns[fill[low]++] = high; });
  EdgeRows upper;
  upper.rows.reserve(row_start.size());
  upper.entries.reserve(columns.size());
  for (std::size_t row = 0; row + 1 < row_start.size(); ++row) {
    const auto begin = columns.begin() + static_cast<std::ptrdiff_t>(row_start[row]);
    const auto end = columns.begin() + static_cast<std::ptrdiff_t>(row_start[row + 1]);
    std::sort(begin, end);
    for (auto it = begin; it != end; ++it) {
      if (it != begin && *it == *(it - 1)) {
        upper.entries.back().second += 1.0;
      } else {
        upper.entries.emplace_back(*it, 1.0);
      }
    }
    upper.rows.push_back(upper.entries.size());
  }
  const SparseGraph graph = emit_csr(upper, static_cast<std::size_t>(nodes));

  const double w = options.keyphrase_position_weight;
  std::vector<double> frequency(static_cast<std::size_t>(nodes), 0.0);
  std::vector<double> position(static_cast<std::size_t>(nodes), 0.0);
  for (std::size_t a = 0; a < sequence.size(); ++a) {
    const auto u = static_cast<std::size_t>(node_of[sequence[a]]);
    frequency[u] += 1.0;
    if (w > 0.0) position[u] += 1.0 / static_cast<double>(a + 1);
  }
  const double total_frequency = static_cast<double>(sequence.size());
  const double total_position = w > 0.0 ? std::accumulate(position.begin(), position.end(), 0.0) : 1.0;
  std::vector<double> teleport(static_cast<std::size_t>(nodes));
  for (std::size_t i = 0; i < teleport.size(); ++i) {
    teleport[i] = (1.0 - w) * frequency[i] / total_frequency + w * position[i] / total_position;
  }
  RankOptions walk = rank;
  walk.query_weight = 1.0;
  walk.tolerance = std::max(rank.tolerance, kWordRankTolerance);
  const RankResult ranked = pagerank_of_symmetric_graph(graph, walk, teleport, /*start_near_fixed_point=*/true);

  std::vector<double> score_of_term(terms, 0.0);
  for (std::size_t term = 0; term < terms; ++term) {
    if (node_of[term] >= 0) score_of_term[term] = ranked.scores[node_of[term]];
  }
  return score_of_term;
}

// The phrases `order` names as Keyphrases: the surface form written most often, the normalized
// form, the score, and every occurrence with code-point offsets (one pass over the text).
std::vector<Keyphrase> to_keyphrases(const KeyphraseInput& input, const PhraseSet& set,
                                     const std::vector<std::size_t>& order) {
  std::vector<std::size_t> offsets;
  for (std::size_t p : order) {
    for (const Span& span : set.occurrences(p)) offsets.insert(offsets.end(), {span.begin, span.end});
  }
  std::ranges::sort(offsets);
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  const std::vector<std::size_t> code_points = codepoint_offsets(input.text, offsets);
  const auto code_point_of = [&](std::size_t byte) {
    return code_points[static_cast<std::size_t>(std::ranges::lower_bound(offsets, byte) - offsets.begin())];
  };
  std::vector<Keyphrase> out;
  out.reserve(order.size());
  for (std::size_t p : order) {
    const Phrase& phrase = set.phrases[p];
    Keyphrase& keyphrase = out.emplace_back();
    keyphrase.text = most_frequent_form(input.text, set.occurrences(p));
    for (std::uint32_t term : phrase.terms) {
      if (!keyphrase.normalized.empty() && !phrase.unspaced) keyphrase.normalized += ' ';
      keyphrase.normalized += input.vocabulary[term];
    }
    keyphrase.score = phrase.score;
    keyphrase.occurrences.reserve(phrase.count);
    for (const Span& span : set.occurrences(p)) {
      keyphrase.occurrences.push_back({code_point_of(span.begin), code_point_of(span.end), span.begin, span.end});
    }
  }
  return out;
}

}  // namespace

KeyphraseRules::KeyphraseRules(std::string_view language, bool enabled)
    : key_(primary_language(language) + (enabled ? "+rules" : "-rules")) {
  if (!enabled) return;
  auto read = [&](std::string_view section, std::string_view line) {
    if (section == "stopwords") {
      stopwords_.insert(line);
    } else if (section == "phrase_final_suffixes") {
      phrase_final_suffixes_.push_back(line);
    } else if (section == "not_final_suffixes") {
      not_final_suffixes_.push_back(line);
    } else if (section == "suffix_exceptions") {
      suffix_exceptions_.push_back(line);
    }
  };
  for_each_section_line(builtin_keyphrase_rules(primary_language(language)), read);
}

bool KeyphraseRules::has_suffix(std::string_view folded, const std::vector<std::string_view>& suffixes) const {
  const auto ends = [&](std::string_view suffix) {
    return folded.size() > suffix.size() + 2 && folded.ends_with(suffix);
  };
  return std::ranges::any_of(suffixes, ends) &&
         std::ranges::none_of(suffix_exceptions_, [&](std::string_view e) { return folded.ends_with(e); });
}

std::vector<Keyphrase> extract_keyphrases(const KeyphraseInput& input, const KeyphraseRules& rules,
                                          TermExtractor& extractor, const KeyphraseOptions& options,
                                          const RankOptions& rank, std::size_t count) {
  if (count == 0) return {};
  const Candidates candidates = find_candidates(input, rules, extractor, options);
  if (candidates.found.empty()) return {};
  PhraseSet set = group_phrases(input, candidates.found);
  const std::vector<double> score_of_term = word_scores(candidates.sequence, input.vocabulary.size(), options, rank);
  for (Phrase& phrase : set.phrases) {
    for (std::uint32_t term : phrase.terms) phrase.score += score_of_term[term];
    if (phrase.terms.size() == 1) phrase.score *= options.single_word_weight;
    if (phrase.count > 1) {
      phrase.score *= std::pow(static_cast<double>(phrase.count), options.phrase_frequency_exponent);
    }
  }
  // The best `count`, best first; phrases are numbered by first occurrence, which breaks ties.
  const std::vector<Phrase>& phrases = set.phrases;
  std::vector<std::size_t> order(phrases.size());
  std::iota(order.begin(), order.end(), 0);
  const std::size_t kept = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                    [&](std::size_t a, std::size_t b) {
                      return phrases[a].score != phrases[b].score ? phrases[a].score > phrases[b].score : a < b;
                    });
  order.resize(kept);
  return to_keyphrases(input, set, order);
}

}  // namespace precis::detail
