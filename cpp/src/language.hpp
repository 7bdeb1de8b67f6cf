// Internal: language codes and script-based language guessing.
#pragma once

#include <string>
#include <string_view>

namespace precis::detail {

inline constexpr std::string_view kAutoLanguage = "auto";

// The ICU locale ID for a language tag ("pt-BR" → "pt_BR"); "" when ICU does not know the
// language subtag as an ISO 639 code.
std::string icu_locale_id(std::string_view language);

// The primary language subtag, lowercase ("pt-BR" → "pt"); used for stemmers and stopwords.
std::string primary_language(std::string_view language);

// Guesses a language from the dominant script among the first letters of `text` (UTF-8).
std::string guess_language(std::string_view text);

}  // namespace precis::detail
