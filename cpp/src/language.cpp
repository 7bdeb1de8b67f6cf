#include "language.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

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

std::string guess_language(std::string_view text) {
  // Scripts that point at one language precis handles best; everything else counts as Latin.
  struct ScriptLanguage {
    UScriptCode script;
    const char* language;
  };
  static constexpr std::array<ScriptLanguage, 15> kScripts{{
      {USCRIPT_LATIN, "en"},
      {USCRIPT_HAN, "zh"},
      {USCRIPT_HIRAGANA, "ja"},
      {USCRIPT_KATAKANA, "ja"},
      {USCRIPT_HANGUL, "ko"},
      {USCRIPT_THAI, "th"},
      {USCRIPT_CYRILLIC, "ru"},
      {USCRIPT_GREEK, "el"},
      {USCRIPT_ARABIC, "ar"},
      {USCRIPT_DEVANAGARI, "hi"},
      {USCRIPT_HEBREW, "he"},
      {USCRIPT_ARMENIAN, "hy"},
      {USCRIPT_GEORGIAN, "ka"},
      {USCRIPT_ETHIOPIC, "am"},
      {USCRIPT_MYANMAR, "my"},
  }};
  std::array<std::size_t, kScripts.size()> counts{};
  constexpr std::size_t kLettersToLook = 2000;
  std::size_t letters = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  for (int32_t i = 0; i < length && letters < kLettersToLook;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    ++letters;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    for (std::size_t k = 0; k < kScripts.size(); ++k) {
      if (kScripts[k].script == script) {
        ++counts[k];
        break;
      }
    }
  }
  // Japanese mixes kana with Han: any real share of kana means Japanese.
  const std::size_t kana = counts[2] + counts[3];
  if (kana * 10 > letters && kana > 0) return "ja";
  std::size_t best = 0;
  for (std::size_t k = 1; k < kScripts.size(); ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  return kScripts[best].language;
}

}  // namespace precis::detail
