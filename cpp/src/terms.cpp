#include "terms.hpp"

#include <libstemmer.h>

#include <cstdint>
#include <unordered_map>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include "icu_util.hpp"
#include "language.hpp"
#include "stopwords.hpp"

namespace precis::detail {
namespace {

// Heterogeneous lookup: find a std::string key by string_view without allocating.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
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
  // Two maps: token text → term id (or kNotATerm), so a repeated token is folded and stemmed
  // only once per document (stemming is a quarter of the time otherwise); and term → id.
  constexpr std::uint32_t kNotATerm = UINT32_MAX;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> token_ids;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids;
  token_ids.reserve(tokens.size() / 2 + 16);
  ids.reserve(tokens.size() / 4 + 16);

  std::size_t t = 0;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const Span span = sentences[s].span;
    while (t < tokens.size() && tokens[t].span.begin < span.begin) ++t;
    for (; t < tokens.size() && tokens[t].span.end <= span.end; ++t) {
      ++out.word_counts[s];
      const std::string_view token = text.substr(tokens[t].span.begin, tokens[t].span.size());
      auto known = token_ids.find(token);
      if (known == token_ids.end()) {
        std::uint32_t id = kNotATerm;
        const std::string_view term = feature(token, tokens[t].kind);
        if (!term.empty()) {
          auto found = ids.find(term);
          if (found == ids.end()) {
            found = ids.emplace(std::string(term), static_cast<std::uint32_t>(out.vocabulary.size())).first;
            out.vocabulary.emplace_back(term);
          }
          id = found->second;
        }
        known = token_ids.emplace(std::string(token), id).first;
      }
      if (known->second != kNotATerm) out.terms.ids.push_back(known->second);
    }
    out.token_count += out.word_counts[s];
    out.terms.offsets.push_back(static_cast<std::uint32_t>(out.terms.ids.size()));
  }
  out.terms.term_count = out.vocabulary.size();
  return out;
}

}  // namespace precis::detail
