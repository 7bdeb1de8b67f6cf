// Internal: language codes, and the embedded language identification model.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace precis::detail {

inline constexpr std::string_view kAutoLanguage = "auto";

// The ICU locale ID for a language tag ("pt-BR" → "pt_BR"); "" when ICU does not know the
// language subtag as an ISO 639 code.
std::string icu_locale_id(std::string_view language);

// Throws Error{kInvalidArgument} naming `option_name` unless `language` is "auto" or a code ICU
// knows (icu_locale_id is not empty).
void require_known_language(std::string_view language, std::string_view option_name);

// The primary language subtag as the two-letter code stemmers and stopword lists use, lowercase:
// "pt-BR" → "pt", "eng" → "en", "nb" → "no".
std::string primary_language(std::string_view language);

// The language identification model's file for an ISO 639-1 code, or an empty view (generated
// from data/language; read by language_id.cpp), and the codes that have one.
std::string_view builtin_language_model(std::string_view language) noexcept;
std::vector<std::string_view> builtin_language_model_languages();

}  // namespace precis::detail
