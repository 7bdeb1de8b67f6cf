#include "terms.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include "icu_util.hpp"
#include "language.hpp"
#include "stopwords.hpp"
#include "string_ids.hpp"

namespace precis::detail {
namespace {

const icu::Normalizer2& case_folder() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* folder = icu::Normalizer2::getNFKCCasefoldInstance(status);
  check_icu(status, "Normalizer2::getNFKCCasefoldInstance");
  return *folder;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

// Word → feature, for the words one thread has seen in one language with one set of token options.
// Case folding and Snowball stemming are the largest part of term extraction, and documents of
// one language share most of their words: a thread summarizing a stream of news articles meets
// few new ones after the first hundred. The feature is a pure function of the word, so the memo
// never changes a result; it is per thread, so it needs no lock and results stay identical for any
// number of threads. Bounded, per thread and language: once full, new words are no longer
// remembered (the frequent ones came early).
class FeatureMemo {
 public:
  static constexpr std::size_t kCapacity = 1 << 15;

  // The id of `word`, or kNotRemembered.
  std::uint32_t find(std::string_view word) const {
    const std::uint32_t* id = ids_.find(word);
    return id ? *id : kNotRemembered;
  }
  // The feature of the word with this id ("" for a stopword).
  const std::string& feature(std::uint32_t id) const { return features_[id]; }

  // Remembers the feature of `word`, which has none yet, unless the memo is full; its id, or
  // kNotRemembered.
  std::uint32_t remember(std::string_view word, std::string_view feature) {
    if (features_.size() >= kCapacity) return kNotRemembered;
    const auto id = static_cast<std::uint32_t>(features_.size());
    ids_.insert(words_.emplace_back(word), id);
    features_.emplace_back(feature);
    return id;
  }

  // The caller's table `table` of a byte beside each remembered word, by id (0 until set).
  std::span<std::uint8_t> notes(std::string_view table) {
    auto found = notes_.find(table);
    if (found == notes_.end()) found = notes_.emplace(std::string(table), std::vector<std::uint8_t>()).first;
    found->second.resize(features_.size(), 0);
    return found->second;
  }

 private:
  StringIds ids_{1024};
  std::deque<std::string> words_;     // the keys of ids_: a deque never moves its strings
  std::deque<std::string> features_;  // by id
  std::map<std::string, std::vector<std::uint8_t>, std::less<>> notes_;
};

// The memos of one thread, by language and options.
class FeatureMemos {
 public:
  // Features of words depend on the stopword list and stemmer of the primary language and on
  // these two options only.
  static std::string key(std::string_view primary_language, const TokenOptions& options) {
    std::string key(primary_language);
    key += options.remove_stopwords ? "+stopwords" : "-stopwords";
    key += options.stem ? "+stem" : "-stem";
    return key;
  }

  FeatureMemo& get(std::string key) {
    auto found = by_key_.find(key);
    if (found == by_key_.end()) found = by_key_.emplace(std::move(key), std::make_unique<FeatureMemo>()).first;
    return *found->second;
  }

  const FeatureMemo* find(std::string_view key) const {
    const auto found = by_key_.find(key);
    return found == by_key_.end() ? nullptr : found->second.get();
  }

 private:
  std::map<std::string, std::unique_ptr<FeatureMemo>, std::less<>> by_key_;
};

namespace {

FeatureMemos& this_thread_memos() {
  thread_local FeatureMemos memos;
  return memos;
}

// Another thread's memos this thread may read too (InheritedFeatureMemos), or nullptr.
thread_local const FeatureMemos* inherited_memos = nullptr;

}  // namespace

const FeatureMemos& feature_memos_of_this_thread() { return this_thread_memos(); }

InheritedFeatureMemos::InheritedFeatureMemos(const FeatureMemos& from) : previous_(inherited_memos) {
  inherited_memos = &from == &this_thread_memos() ? nullptr : &from;
}

InheritedFeatureMemos::~InheritedFeatureMemos() { inherited_memos = previous_; }

StopwordSet::StopwordSet(std::string_view language) {
  std::string_view list = builtin_stopwords(primary_language(language));
  while (!list.empty()) {
    const std::size_t end = list.find('\n');
    const std::string_view word = list.substr(0, end);
    if (!word.empty()) words_.insert(word);
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
}

TermExtractor::TermExtractor(const TokenOptions& options, std::string_view language, const StopwordSet* stopwords)
    : options_(options), stopwords_(options.remove_stopwords ? stopwords : nullptr) {
  const std::string code = primary_language(language);
  if (options.stem) {
    // libstemmer knows ISO 639 codes ("en", "de", ...) as algorithm names; English is Porter2.
    stemmer_ = sb_stemmer_new(code.c_str(), "UTF_8");
    if (stemmer_) stemmer_name_ = code;
  }
  turkic_ = code == "tr" || code == "az";
  std::string key = FeatureMemos::key(code, options);
  if (inherited_memos) inherited_memo_ = inherited_memos->find(key);
  memo_ = &this_thread_memos().get(std::move(key));
}

TermExtractor::~TermExtractor() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::string_view TermExtractor::feature(std::string_view token, TokenKind kind) {
  if (kind == TokenKind::kNumber && !options_.keep_numbers) return {};
  fold(token);
  if (folded_.empty()) return {};
  if (kind == TokenKind::kWord && stopwords_ && stopwords_->contains(folded_)) return {};
  if (kind == TokenKind::kWord && stemmer_) {
    const sb_symbol* stem =
        sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded_.data()), static_cast<int>(folded_.size()));
    if (stem) {
      return {reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(stemmer_))};
    }
  }
  return folded_;
}

std::string_view TermExtractor::fold(std::string_view token) {
  folded_.clear();
  if (turkic_ && (token.find('I') != std::string_view::npos || token.find("\u0130") != std::string_view::npos)) {
    // Turkish and Azerbaijani pair dotless I with ı and dotted İ with i; Unicode's default
    // folding maps I to i and İ to i with a combining dot, which no stopword or stem matches.
    dotted_.clear();
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (token[i] == 'I') {
        dotted_ += "\u0131";
      } else if (token.compare(i, 2, "\u0130") == 0) {
        dotted_ += 'i';
        ++i;
      } else {
        dotted_ += token[i];
      }
    }
    token = dotted_;
  }
  if (is_ascii(token)) {
    folded_.assign(token);
    for (char& c : folded_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  } else {
    static const icu::Normalizer2& folder = case_folder();
    UErrorCode status = U_ZERO_ERROR;
    icu::StringByteSink<std::string> sink(&folded_);
    folder.normalizeUTF8(0, icu::StringPiece(token.data(), static_cast<int32_t>(token.size())), sink, nullptr, status);
    check_icu(status, "Normalizer2::normalizeUTF8");
    // Typographic apostrophes, so "it’s" meets the stopword "it's" and the stemmer's rules.
    for (std::size_t at = folded_.find("\u2019"); at != std::string::npos; at = folded_.find("\u2019", at)) {
      folded_.replace(at, 3, "'");
    }
  }
  return folded_;
}

std::string_view TermExtractor::memoized_feature(std::string_view token, TokenKind kind, std::uint32_t& memo_id) {
  memo_id = kNotRemembered;
  // Numbers depend on keep_numbers, which the memo's key leaves out; they are cheap anyway.
  if (kind != TokenKind::kWord) return feature(token, kind);
  // A summarize_many worker looks in the memo of the thread that started it first: that one has
  // usually seen the batch's words, the worker's own starts empty with every batch.
  if (inherited_memo_) {
    const std::uint32_t known = inherited_memo_->find(token);
    if (known != kNotRemembered) return inherited_memo_->feature(known);
  }
  memo_id = memo_->find(token);
  if (memo_id != kNotRemembered) return memo_->feature(memo_id);
  const std::string_view term = feature(token, kind);
  memo_id = memo_->remember(token, term);
  return term;
}

std::span<std::uint8_t> TermExtractor::notes(std::string_view table) { return memo_->notes(table); }

TermExtraction TermExtractor::extract(std::string_view text, std::span<const Token> tokens,
                                      std::span<const Sentence> sentences, std::span<const Span> unindexed) {
  TermExtraction out;
  out.terms.offsets.reserve(sentences.size() + 1);
  out.terms.ids.reserve(tokens.size() / 2);
  out.word_counts.assign(sentences.size(), 0);
  out.token_terms.assign(tokens.size(), kNotATerm);
  out.token_words.assign(tokens.size(), kNotATerm);
  // Two tables: token text → word id, whose term id (or kNotATerm) is word_terms[word id], so a
  // repeated token is folded and stemmed only once per document (stemming is a quarter of the
  // time otherwise); and term → id. The token keys are views of `text`; the term keys, of
  // `terms`, where strings never move.
  StringIds token_ids(tokens.size() / 4 + 64);
  std::vector<std::uint32_t> word_terms;
  StringIds term_ids(tokens.size() / 8 + 64);
  std::deque<std::string> terms;

  std::size_t t = 0;
  std::size_t u = 0;  // the first unindexed span that does not end before token t
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const Span span = sentences[s].span;
    while (t < tokens.size() && tokens[t].span.begin < span.begin) ++t;
    for (; t < tokens.size() && tokens[t].span.end <= span.end; ++t) {
      ++out.word_counts[s];
      while (u < unindexed.size() && unindexed[u].end <= tokens[t].span.begin) ++u;
      if (u < unindexed.size() && unindexed[u].begin <= tokens[t].span.begin) continue;
      const std::string_view token = text.substr(tokens[t].span.begin, tokens[t].span.size());
      std::uint32_t word = 0;
      if (const std::uint32_t* known = token_ids.find(token)) {
        word = *known;
      } else {
        std::uint32_t id = kNotATerm;
        std::uint32_t memo_id = kNotRemembered;
        const std::string_view term = memoized_feature(token, tokens[t].kind, memo_id);
        if (!term.empty()) {
          if (const std::uint32_t* found = term_ids.find(term)) {
            id = *found;
          } else {
            id = static_cast<std::uint32_t>(terms.size());
            term_ids.insert(terms.emplace_back(term), id);
          }
        }
        word = static_cast<std::uint32_t>(word_terms.size());
        word_terms.push_back(id);
        out.word_memo_ids.push_back(memo_id);
        token_ids.insert(token, word);
      }
      const std::uint32_t id = word_terms[word];
      out.token_words[t] = word;
      out.token_terms[t] = id;
      if (id != kNotATerm) out.terms.ids.push_back(id);
    }
    out.token_count += out.word_counts[s];
    out.terms.offsets.push_back(static_cast<std::uint32_t>(out.terms.ids.size()));
  }
  out.vocabulary.assign(std::make_move_iterator(terms.begin()), std::make_move_iterator(terms.end()));
  out.terms.term_count = out.vocabulary.size();
  return out;
}

}  // namespace precis::detail
