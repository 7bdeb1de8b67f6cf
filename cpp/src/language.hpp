// Internal: language codes and script-based language guessing.
#pragma once

#include <string>
#include <string_view>

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

// Guesses a language from the dominant script among the first letters of `text` (UTF-8).
std::string guess_language(std::string_view text);

}  // namespace precis::detail
