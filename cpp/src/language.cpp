#include "language.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <unordered_map>

#include <unicode/uloc.h>

#include "precis/error.hpp"

namespace precis::detail {

std::string icu_locale_id(std::string_view language) {
  if (language.empty() || language.size() > 64) return {};
  std::string tag(language);
  for (char& c : tag) {
    if (c == '_') c = '-';
  }
  char id[ULOC_FULLNAME_CAPACITY] = {};
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(tag.c_str(), id, sizeof id, &parsed, &status);
  if (U_FAILURE(status) || parsed != static_cast<int32_t>(tag.size())) return {};
  // ICU accepts any well-formed tag; a language it has no ISO 639 entry for is unknown to us.
  char base[ULOC_LANG_CAPACITY] = {};
  uloc_getLanguage(id, base, sizeof base, &status);
  if (U_FAILURE(status) || base[0] == '\0') return {};
  if (std::string_view(uloc_getISO3Language(id)).empty()) return {};
  return id;
}

void require_known_language(std::string_view language, std::string_view option_name) {
  if (language == kAutoLanguage || !icu_locale_id(language).empty()) return;
  throw Error(ErrorCode::kInvalidArgument, std::string(option_name) +
                                               " must be an ISO 639 language code (like en, zh, pt-BR) or auto, got '" +
                                               std::string(language) + "'");
}

std::string primary_language(std::string_view language) {
  std::string primary;
  for (char c : language) {
    if (c == '-' || c == '_') break;
    primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (primary.size() == 3) {
    // Three-letter codes name the same languages as the two-letter ones the stemmers and
    // stopword lists use ("eng" → "en", "deu" → "de").
    static const std::unordered_map<std::string, std::string> two_letter = [] {
      std::unordered_map<std::string, std::string> map;
      for (const char* const* code = uloc_getISOLanguages(); *code; ++code) {
        map.emplace(uloc_getISO3Language(*code), *code);
      }
      return map;
    }();
    if (auto found = two_letter.find(primary); found != two_letter.end()) primary = found->second;
  }
  // Norwegian Bokmål and Nynorsk share Norwegian's stemmer and stopwords.
  if (primary == "nb" || primary == "nn") primary = "no";
  return primary;
}

}  // namespace precis::detail
