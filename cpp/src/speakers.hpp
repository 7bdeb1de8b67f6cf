// Internal: the speaker labels of a transcript ("Anna: I think...", "Project Manager: OK ."), so
// that names are never the topic: their tokens are no content terms, though they stay in the
// text and in the spans.
#pragma once

#include <string_view>
#include <vector>

#include "precis/types.hpp"

namespace precis::detail {

// The byte spans of the labels that open lines, name and colon. A label is one to four words
// (letters, digits, '.', '\'', '-'; the first a letter) of at most 40 bytes, then ':' and white
// space. They count only in a transcript: when at least 3 lines, and at least a third of the
// non-blank lines, open with one; otherwise ("Note: ..." in prose) the result is empty.
// Linear in the text.
std::vector<Span> speaker_labels(std::string_view text);

}  // namespace precis::detail
