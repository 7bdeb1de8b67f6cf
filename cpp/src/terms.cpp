#include "terms.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <deque>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include "icu_util.hpp"
#include "language.hpp"
#include "stopwords.hpp"

namespace precis::detail {
namespace {

// Strings to ids in one flat array (open addressing, linear probing, at most half full). A
// node-based std::unordered_map allocated, hashed (with a block hash made for long keys) and freed
// a node per distinct token: a third of the time of extraction. Insert-only; the keys are views
// of strings the caller keeps alive and unchanged while the table lives.
class StringIds {
 public:
  explicit StringIds(std::size_t expected) { rehash(std::bit_ceil(std::max<std::size_t>(16, 2 * expected))); }

  // The id of `key`, or nullptr when it has none.
  const std::uint32_t* find(std::string_view key) {
    const Slot& slot = slot_for(key, hash_of(key));
    return slot.used ? &slot.id : nullptr;
  }

  // Gives `key`, which has no id yet, the id `id`.
  void insert(std::string_view key, std::uint32_t id) {
    const std::uint64_t hash = hash_of(key);
    Slot& slot = slot_for(key, hash);
    slot = {key, hash, id, true};
    if (2 * ++size_ > slots_.size()) rehash(2 * slots_.size());
  }

 private:
  struct Slot {
    std::string_view key;
    std::uint64_t hash = 0;
    std::uint32_t id = 0;
    bool used = false;
  };

  // FNV-1a: tokens are short, so a byte loop is quicker than a block hash. Its last step is a
  // multiplication, so the top bits, which pick the slot, depend on every byte.
  static std::uint64_t hash_of(std::string_view key) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : key) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return hash;
  }

  // The slot holding `key`, or the free slot where it would go.
  Slot& slot_for(std::string_view key, std::uint64_t hash) {
    std::size_t at = hash >> shift_;
    while (slots_[at].used && (slots_[at].hash != hash || slots_[at].key != key)) at = (at + 1) & (slots_.size() - 1);
    return slots_[at];
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    shift_ = 64 - std::countr_zero(capacity);
    for (const Slot& slot : old) {
      if (slot.used) slot_for(slot.key, slot.hash) = slot;
    }
  }

  std::vector<Slot> slots_;  // a power of two of them
  int shift_ = 64;
  std::size_t size_ = 0;
};

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

TermExtractor::TermExtractor(const TokenOptions& options, std::string_view language,
                             const StopwordSet* stopwords)
    : options_(options), stopwords_(options.remove_stopwords ? stopwords : nullptr) {
  if (options.stem) {
    const std::string code = primary_language(language);
    // libstemmer knows ISO 639 codes ("en", "de", ...) as algorithm names; English is Porter2.
    stemmer_ = sb_stemmer_new(code.c_str(), "UTF_8");
    if (stemmer_) stemmer_name_ = code;
  }
}

TermExtractor::~TermExtractor() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::string_view TermExtractor::feature(std::string_view token, TokenKind kind) {
  if (kind == TokenKind::kNumber && !options_.keep_numbers) return {};
  folded_.clear();
  if (is_ascii(token)) {
    folded_.assign(token);
    for (char& c : folded_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  } else {
    static const icu::Normalizer2& folder = case_folder();
    UErrorCode status = U_ZERO_ERROR;
    icu::StringByteSink<std::string> sink(&folded_);
    folder.normalizeUTF8(0, icu::StringPiece(token.data(), static_cast<int32_t>(token.size())), sink,
                         nullptr, status);
    check_icu(status, "Normalizer2::normalizeUTF8");
    // Typographic apostrophes, so "it’s" meets the stopword "it's" and the stemmer's rules.
    for (std::size_t at = folded_.find("\u2019"); at != std::string::npos; at = folded_.find("\u2019", at)) {
      folded_.replace(at, 3, "'");
    }
  }
  if (folded_.empty()) return {};
  if (kind == TokenKind::kWord && stopwords_ && stopwords_->contains(folded_)) return {};
  if (kind == TokenKind::kWord && stemmer_) {
    const sb_symbol* stem = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded_.data()),
                                            static_cast<int>(folded_.size()));
    if (stem) {
      return {reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(stemmer_))};
    }
  }
  return folded_;
}

TermExtraction TermExtractor::extract(std::string_view text, std::span<const Token> tokens,
                                      std::span<const Sentence> sentences) {
  TermExtraction out;
  out.terms.offsets.reserve(sentences.size() + 1);
  out.terms.ids.reserve(tokens.size() / 2);
  out.word_counts.assign(sentences.size(), 0);
  // Two tables: token text → term id (or kNotATerm), so a repeated token is folded and stemmed
  // only once per document (stemming is a quarter of the time otherwise); and term → id. The
  // token keys are views of `text`; the term keys, of `terms`, where strings never move.
  constexpr std::uint32_t kNotATerm = UINT32_MAX;
  StringIds token_ids(tokens.size() / 4 + 64);
  StringIds term_ids(tokens.size() / 8 + 64);
  std::deque<std::string> terms;

  std::size_t t = 0;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const Span span = sentences[s].span;
    while (t < tokens.size() && tokens[t].span.begin < span.begin) ++t;
    for (; t < tokens.size() && tokens[t].span.end <= span.end; ++t) {
      ++out.word_counts[s];
      const std::string_view token = text.substr(tokens[t].span.begin, tokens[t].span.size());
      std::uint32_t id = kNotATerm;
      if (const std::uint32_t* known = token_ids.find(token)) {
        id = *known;
      } else {
        const std::string_view term = feature(token, tokens[t].kind);
        if (!term.empty()) {
          if (const std::uint32_t* found = term_ids.find(term)) {
            id = *found;
          } else {
            id = static_cast<std::uint32_t>(terms.size());
            term_ids.insert(terms.emplace_back(term), id);
          }
        }
        token_ids.insert(token, id);
      }
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
