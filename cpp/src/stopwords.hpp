// Internal: the builtin stopword lists, compiled into the library.
//
// The lists are cpp/data/stopwords/<code>.txt (sources and licences in the README there). The
// build turns them into a generated source file (cpp/cmake/precisEmbedLanguageData.cmake), which
// defines these functions. The words are already case-folded with NFKC_Casefold, as tokens are,
// so a folded token can be looked up as it is ("daß" is stored as "dass", Greek "αυτός" as
// "αυτόσ").
#pragma once

#include <string_view>
#include <vector>

namespace precis::detail {

// Newline-separated builtin stopword list for an ISO 639-1 language code ("en"), or an empty
// view when the language has none. The words are sorted by code point, one per line, with no
// trailing newline. The view points to static data.
std::string_view builtin_stopwords(std::string_view language) noexcept;
std::vector<std::string_view> builtin_stopwords_languages();

}  // namespace precis::detail
