// Internal: keyphrases from the tokens and terms of a text (the method: KeyphraseOptions in
// options.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "precis/options.hpp"
#include "precis/types.hpp"

namespace precis::detail {

class TermExtractor;
struct TermExtraction;

// The text of cpp/data/keywords/<language>.txt for an ISO 639-1 code, or an empty view (generated
// from cpp/data/keywords), and the codes that have one.
std::string_view builtin_keyphrase_rules(std::string_view language) noexcept;
std::vector<std::string_view> builtin_keyphrase_rules_languages();

// A language's keyphrase rules, cpp/data/keywords/<code>.txt (format in the README there): more
// stopwords, and word endings that end a phrase or cannot end one. Words are compared case-folded.
class KeyphraseRules {
 public:
  // The rules of the language's primary subtag; none when it has no file or `enabled` is false.
  KeyphraseRules(std::string_view language, bool enabled);

  bool is_stopword(std::string_view folded) const { return stopwords_.count(folded) != 0; }
  // The phrase ends after this word ([phrase_final_suffixes]: an English plural).
  bool ends_phrase(std::string_view folded) const { return has_suffix(folded, phrase_final_suffixes_); }
  // No phrase ends with this word ([not_final_suffixes]: an English past participle).
  bool cannot_end_phrase(std::string_view folded) const { return has_suffix(folded, not_final_suffixes_); }
  // The language and whether the rules are enabled: equal keys, equal rules.
  const std::string& key() const noexcept { return key_; }

 private:
  // Ends with one of `suffixes`, leaving at least two more bytes, and with none of the exceptions.
  bool has_suffix(std::string_view folded, const std::vector<std::string_view>& suffixes) const;

  std::string key_;
  std::unordered_set<std::string_view> stopwords_;
  std::vector<std::string_view> phrase_final_suffixes_;
  std::vector<std::string_view> not_final_suffixes_;
  std::vector<std::string_view> suffix_exceptions_;
};

// Runs of candidates are cut by what lies between words (punctuation, a line break), not by the
// sentences: keywords() need not find them.
struct KeyphraseInput {
  std::string_view text;
  std::span<const Token> tokens;
  const TermExtraction& terms;              // of these tokens: token_terms, token_words, word_memo_ids
  std::span<const std::string> vocabulary;  // term id → text (terms.vocabulary, or where it was moved)
};

// The `count` best keyphrases, best first (ties: the earlier first occurrence). `extractor` is the
// one that found the terms: it folds words for the rules. `rank` gives PageRank's damping,
// tolerance and iterations.
std::vector<Keyphrase> extract_keyphrases(const KeyphraseInput& input, const KeyphraseRules& rules,
                                          TermExtractor& extractor, const KeyphraseOptions& options,
                                          const RankOptions& rank, std::size_t count);

}  // namespace precis::detail
