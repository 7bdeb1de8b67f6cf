// Internal: from tokens to content terms (the features of the similarity graph).
//
// Normalization is for features only: it works on copies of token text and never changes a span.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "precis/graph.hpp"
#include "precis/options.hpp"
#include "precis/types.hpp"

struct sb_stemmer;

namespace precis::detail {

class FeatureMemo;
class FeatureMemos;

// The calling thread's remembered word features (FeatureMemo in terms.cpp).
const FeatureMemos& feature_memos_of_this_thread();

// While it lives, term extraction on this thread also reads `from`, another thread's memos, which
// must not change meanwhile (that thread must not extract terms): summarize_many's workers start
// with what the calling thread knows, without copying it.
class InheritedFeatureMemos {
 public:
  explicit InheritedFeatureMemos(const FeatureMemos& from);
  ~InheritedFeatureMemos();
  InheritedFeatureMemos(const InheritedFeatureMemos&) = delete;
  InheritedFeatureMemos& operator=(const InheritedFeatureMemos&) = delete;

 private:
  const FeatureMemos* previous_;
};

// A language's builtin stopwords, folded; views into static data.
class StopwordSet {
 public:
  explicit StopwordSet(std::string_view language);
  bool contains(std::string_view folded) const { return words_.count(folded) != 0; }
  std::size_t size() const noexcept { return words_.size(); }

 private:
  std::unordered_set<std::string_view> words_;
};

// A token that is no content term (a stopword, a speaker label, outside every sentence).
inline constexpr std::uint32_t kNotATerm = UINT32_MAX;
// A word the calling thread's FeatureMemo does not hold (it was full, or another thread's held it).
inline constexpr std::uint32_t kNotRemembered = UINT32_MAX;

struct TermExtraction {
  TermMatrix terms;
  std::vector<std::uint32_t> token_terms;  // the term id of each token, or kNotATerm
  // The id of each token's text (equal texts, equal ids; < word_memo_ids.size()), or kNotATerm for
  // a token that is not read (a speaker label, outside every sentence).
  std::vector<std::uint32_t> token_words;
  std::vector<std::uint32_t> word_memo_ids;  // by word id: its id in the thread's memo, or kNotRemembered
  std::vector<std::string> vocabulary;       // term id → text
  std::vector<std::size_t> word_counts;      // tokens per sentence
  std::size_t token_count = 0;               // tokens inside sentences
};

// Turns tokens into interned content terms: case fold (NFKC_Casefold, with an ASCII fast path),
// drop stopwords, Snowball stem. Holds a Snowball stemmer, which is stateful: one TermExtractor
// per thread (they are cheap: about a microsecond to create).
class TermExtractor {
 public:
  TermExtractor(const TokenOptions& options, std::string_view language, const StopwordSet* stopwords);
  ~TermExtractor();
  TermExtractor(const TermExtractor&) = delete;
  TermExtractor& operator=(const TermExtractor&) = delete;

  // `tokens` and `sentences` sorted by position; tokens outside every sentence are ignored.
  // Tokens inside `unindexed` (sorted spans, such as speaker labels) count as words but are no
  // terms.
  TermExtraction extract(std::string_view text, std::span<const Token> tokens, std::span<const Sentence> sentences,
                         std::span<const Span> unindexed = {});

  // The token case-folded as terms are (NFKC_Casefold; Turkish and Azerbaijani I/İ first). The
  // view points into an internal buffer valid until the next call to fold() or extract().
  std::string_view fold(std::string_view token);

  // A byte beside each word of this thread's memo, indexed by TermExtraction::word_memo_ids, in the
  // caller's table `table`: 0 until the caller sets it. Facts derived from a word alone (the
  // keyphrase rules' verdict) are then found again without looking the word up. Valid until the
  // next extract().
  std::span<std::uint8_t> notes(std::string_view table);

  // The Snowball algorithm in use, or "" when none.
  const std::string& stemmer_name() const noexcept { return stemmer_name_; }

 private:
  // The feature text of one token, or an empty view when it is not a content term. The view
  // points into an internal buffer valid until the next call.
  std::string_view feature(std::string_view token, TokenKind kind);
  // feature(), remembered per thread across documents (FeatureMemo in terms.cpp).
  // `memo_id` is set to the word's id in this thread's memo, or kNotRemembered.
  std::string_view memoized_feature(std::string_view token, TokenKind kind, std::uint32_t& memo_id);

  TokenOptions options_;
  const StopwordSet* stopwords_;
  sb_stemmer* stemmer_ = nullptr;
  std::string stemmer_name_;
  std::string folded_;
  bool turkic_ = false;  // Turkish or Azerbaijani case pairs (I ı, İ i)
  std::string dotted_;   // a token with those pairs applied, before folding
  FeatureMemo* memo_ = nullptr;
  const FeatureMemo* inherited_memo_ = nullptr;  // see InheritedFeatureMemos
};

}  // namespace precis::detail
