#include "keyphrases.hpp"

#include <algorithm>
#include <cmath>
#include <compare>
#include <numeric>
#include <unordered_map>

#include "language.hpp"
#include "precis/rank.hpp"
#include "precis/segmenter.hpp"
#include "rank_internal.hpp"
#include "terms.hpp"
#include "utf8_text.hpp"

namespace precis::detail {
namespace {

// PageRank of the word graph stops at this L1 change (or rank.tolerance, if larger): the ranking
// of phrases is settled long before the sentence ranking's 1e-6, in two thirds of the iterations.
constexpr double kWordRankTolerance = 1e-4;

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

// A candidate phrase: its occurrences (in text order), its score.
struct Phrase {
  std::span<const std::uint32_t> terms;
  std::vector<Span> occurrences;
  bool unspaced = false;
  double score = 0.0;
};

// The rules' verdict on the words of one text, remembered per term: a term is nearly always
// written one way in a text, so the last word seen for it is the one asked about again.
class WordVerdicts {
 public:
  WordVerdicts(std::size_t terms, const KeyphraseRules& rules, TermExtractor& extractor)
      : entries_(terms), rules_(rules), extractor_(extractor) {}

  WordInfo operator()(std::uint32_t term, std::string_view word) {
    Entry& entry = entries_[term];
    if (entry.word.data() == nullptr || entry.word != word) {
      const std::string_view folded = extractor_.fold(word);
      const bool candidate = code_point_count(folded, {0, folded.size()}) >= 2 && !rules_.is_stopword(folded);
      entry = {word,
               {candidate, candidate && rules_.ends_phrase(folded), candidate && rules_.cannot_end_phrase(folded)}};
    }
    return entry.info;
  }

 private:
  struct Entry {
    std::string_view word;
    WordInfo info;
  };
  std::vector<Entry> entries_;
  const KeyphraseRules& rules_;
  TermExtractor& extractor_;
};

// The surface form written most often (ties: the first).
std::string_view most_frequent_form(std::string_view text, const std::vector<Span>& occurrences) {
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

}  // namespace

KeyphraseRules::KeyphraseRules(std::string_view language, bool enabled) {
  if (!enabled) return;
  std::string_view section;
  for_each_line(builtin_keyphrase_rules(primary_language(language)), [&](std::string_view line) {
    if (line.starts_with('[') && line.ends_with(']')) {
      section = line;
    } else if (section == "[stopwords]") {
      stopwords_.insert(line);
    } else if (section == "[phrase_final_suffixes]") {
      phrase_final_suffixes_.push_back(line);
    } else if (section == "[not_final_suffixes]") {
      not_final_suffixes_.push_back(line);
    } else if (section == "[suffix_exceptions]") {
      suffix_exceptions_.push_back(line);
    }
  });
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
  const std::string_view text = input.text;
  const std::span<const Token> tokens = input.tokens;

  WordVerdicts verdicts(input.vocabulary.size(), rules, extractor);
  const auto info = [&](std::size_t t) {
    const std::uint32_t term = input.token_terms[t];
    if (term == kNotATerm || tokens[t].kind != TokenKind::kWord) return WordInfo{};
    return verdicts(term, text.substr(tokens[t].span.begin, tokens[t].span.size()));
  };

  // Runs of candidates, cut into phrase occurrences; and the candidates in text order, for the
  // word graph.
  std::vector<PhraseAt> found;
  std::vector<std::uint32_t> sequence;
  const auto end_run = [&](std::size_t first, std::size_t last, bool spaced) {  // tokens [first, last)
    const auto add = [&](std::size_t from, std::size_t to) {
      found.push_back({static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to), !spaced && to - from > 1});
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
    const WordInfo word = info(t);
    if (!word.candidate) {
      if (!ended) end_run(first, t, spaced);
      ended = true;
      continue;
    }
    sequence.push_back(input.token_terms[t]);
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
  if (found.empty()) return {};

  // Occurrences with the same terms are one phrase: sorted by their terms (then by position),
  // then numbered by first occurrence, which breaks ties in the ranking.
  const auto terms_of = [&](const PhraseAt& o) { return input.token_terms.subspan(o.first, o.last - o.first); };
  std::vector<std::uint32_t> by_terms(found.size());
  std::iota(by_terms.begin(), by_terms.end(), 0);
  std::ranges::sort(by_terms, [&](std::uint32_t a, std::uint32_t b) {
    const auto x = terms_of(found[a]);
    const auto y = terms_of(found[b]);
    if (x.size() != y.size()) return x.size() < y.size();
    const auto order = std::lexicographical_compare_three_way(x.begin(), x.end(), y.begin(), y.end());
    return order != 0 ? order < 0 : a < b;
  });
  std::vector<Phrase> phrases;
  for (std::size_t k = 0; k < by_terms.size(); ++k) {
    const PhraseAt& occurrence = found[by_terms[k]];
    if (k == 0 || !std::ranges::equal(terms_of(found[by_terms[k - 1]]), terms_of(occurrence))) {
      phrases.push_back({terms_of(occurrence), {}, occurrence.unspaced});
    }
    phrases.back().occurrences.push_back({tokens[occurrence.first].span.begin, tokens[occurrence.last - 1].span.end});
  }
  std::ranges::sort(phrases, {},
                    [](const Phrase& p) { return std::pair(p.occurrences.front().begin, p.occurrences.front().end); });

  // The word graph: each candidate linked to the next cooccurrence_window - 1 candidates.
  std::vector<int> node_of(input.vocabulary.size(), -1);
  int nodes = 0;
  for (std::uint32_t term : sequence) {
    if (node_of[term] < 0) node_of[term] = nodes++;
  }
  std::vector<Eigen::Triplet<double, int>> links;
  std::vector<double> frequency(static_cast<std::size_t>(nodes), 0.0);
  std::vector<double> position(static_cast<std::size_t>(nodes), 0.0);
  for (std::size_t a = 0; a < sequence.size(); ++a) {
    const int u = node_of[sequence[a]];
    frequency[static_cast<std::size_t>(u)] += 1.0;
    position[static_cast<std::size_t>(u)] += 1.0 / static_cast<double>(a + 1);
    for (std::size_t b = a + 1; b < std::min(sequence.size(), a + options.cooccurrence_window); ++b) {
      const int v = node_of[sequence[b]];
      if (u == v) continue;
      links.emplace_back(u, v, 1.0);
      links.emplace_back(v, u, 1.0);
    }
  }
  SparseGraph graph(nodes, nodes);
  graph.setFromTriplets(links.begin(), links.end());
  // Teleport by frequency, and by position for keyphrase_position_weight of it.
  const double total_frequency = static_cast<double>(sequence.size());
  const double total_position = std::accumulate(position.begin(), position.end(), 0.0);
  const double w = options.keyphrase_position_weight;
  std::vector<double> teleport(static_cast<std::size_t>(nodes));
  for (std::size_t i = 0; i < teleport.size(); ++i) {
    teleport[i] = (1.0 - w) * frequency[i] / total_frequency + w * position[i] / total_position;
  }
  RankOptions walk = rank;
  walk.query_weight = 1.0;
  walk.tolerance = std::max(rank.tolerance, kWordRankTolerance);
  const RankResult words = pagerank_of_symmetric_graph(graph, walk, teleport);

  for (Phrase& phrase : phrases) {
    for (std::uint32_t term : phrase.terms) phrase.score += words.scores[node_of[term]];
    if (phrase.terms.size() == 1) phrase.score *= options.single_word_weight;
    phrase.score *= std::pow(static_cast<double>(phrase.occurrences.size()), options.phrase_frequency_exponent);
  }
  std::vector<std::size_t> order(phrases.size());
  std::iota(order.begin(), order.end(), 0);
  const std::size_t kept = std::min(count, order.size());
  // Phrases are numbered by first occurrence: the index breaks ties.
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                    [&](std::size_t a, std::size_t b) {
                      return phrases[a].score != phrases[b].score ? phrases[a].score > phrases[b].score : a < b;
                    });
  order.resize(kept);

  std::vector<std::size_t> offsets;
  for (std::size_t p : order) {
    for (const Span& span : phrases[p].occurrences) offsets.insert(offsets.end(), {span.begin, span.end});
  }
  std::ranges::sort(offsets);
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  const std::vector<std::size_t> code_points = codepoint_offsets(text, offsets);
  const auto code_point_of = [&](std::size_t byte) {
    return code_points[static_cast<std::size_t>(std::ranges::lower_bound(offsets, byte) - offsets.begin())];
  };

  std::vector<Keyphrase> out;
  out.reserve(kept);
  for (std::size_t p : order) {
    const Phrase& phrase = phrases[p];
    Keyphrase& keyphrase = out.emplace_back();
    keyphrase.text = most_frequent_form(text, phrase.occurrences);
    for (std::uint32_t term : phrase.terms) {
      if (!keyphrase.normalized.empty() && !phrase.unspaced) keyphrase.normalized += ' ';
      keyphrase.normalized += input.vocabulary[term];
    }
    keyphrase.score = phrase.score;
    keyphrase.occurrences.reserve(phrase.occurrences.size());
    for (const Span& span : phrase.occurrences) {
      keyphrase.occurrences.push_back({code_point_of(span.begin), code_point_of(span.end), span.begin, span.end});
    }
  }
  return out;
}

}  // namespace precis::detail
