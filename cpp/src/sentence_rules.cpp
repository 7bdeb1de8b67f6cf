#include "sentence_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include "icu_util.hpp"
#include "stopwords.hpp"
#include "utf8_text.hpp"

namespace precis::detail {
namespace {

constexpr std::size_t kMaxWordBytes = 64;

// Where missing_ends looks: . ! ? : and the lead bytes of "…" (E2 80 A6), "；" (EF BC 9B) and "．"
// (EF BC 8E).
constexpr std::array<char, 6> kMissingEndBytes{'.', '!', '?', ':', '\xE2', '\xEF'};
// Where glued_sentence_ends looks.
constexpr std::array<char, 3> kGluedEndBytes{'.', '!', '?'};
// Where find_list_markers looks: . ) line feeds and the lead byte of the bullets.
constexpr std::array<char, 4> kListBytes{'.', ')', '\n', '\xE2'};
// The attribution after a quotation ("\"…?\" the lawyer said."): its speech verb among the first
// kAttributionVerbWords words, at most kAttributionWords words, read over at most this many bytes.
constexpr std::size_t kAttributionVerbWords = 4;
constexpr std::size_t kAttributionWords = 6;
constexpr std::size_t kAttributionBytes = 160;
// A quotation that spans sentences is looked at over this many bytes.
constexpr std::size_t kQuoteLookAhead = 600;
// How much of a phrase word_boundary_at gives ICU's dictionary on either side of the boundary.
constexpr std::size_t kWordContextBytes = 60;
// "At 5 a.m." : a sentence this short before a time is only the time phrase.
constexpr std::size_t kTimePhraseWords = 3;
// Rules that read the sentence so far (an open quotation, open title brackets, the words before a
// time) read at most its last kLookBehind bytes, so that a boundary is judged in bounded time and
// a sentence that grows through thousands of rejected boundaries ("Mr. Mr. Mr. …") stays linear.
constexpr std::size_t kLookBehind = 2048;
// A run of more dots than this is judged as this many: "....." and "........" end alike.
constexpr std::size_t kMaxDots = 8;
// A citation marker's text is at most this long: "[citation needed]", "[better source needed]".
constexpr std::size_t kMaxCitationBytes = 32;
constexpr std::size_t kMaxCitations = 8;  // markers in one run: "[1][2][3]"
// Footnote numbers glued to a sentence's period ("trial.4 5 The"): at most this many groups of at
// most this many digits.
constexpr std::size_t kMaxFootnoteGroups = 8;
constexpr std::size_t kMaxFootnoteDigits = 3;
// See plain_word_before.
constexpr std::size_t kMinPlainWordLetters = 4;
// TextEvidence keeps at most this many words of each kind.
constexpr std::size_t kMaxEvidenceWords = 256;
// Where the text is read for evidence about the words after abbreviations: the kEvidenceWindow
// bytes on each side of each such word, kEvidenceBytes in all (a news article whole; in a book,
// the pages around the first sites), so that the evidence costs a bounded share of the time.
constexpr std::size_t kEvidenceWindow = 4096;
constexpr std::size_t kEvidenceBytes = 65536;

// The start of the last kLookBehind bytes of [begin, end), on a code point boundary.
std::size_t look_behind_start(std::string_view text, std::size_t begin, std::size_t end) {
  if (end - begin <= kLookBehind) return begin;
  std::size_t start = end - kLookBehind;
  while (start < end && U8_IS_TRAIL(static_cast<uint8_t>(text[start]))) ++start;
  return start;
}

// `word` lowercased into `buffer`; empty when it does not fit.
std::string_view fold(std::string_view word, std::array<char, kMaxWordBytes>& buffer) {
  if (word.size() <= buffer.size() && std::ranges::all_of(word, [](char c) { return (c & 0x80) == 0; })) {
    for (std::size_t i = 0; i < word.size(); ++i) {
      const char c = word[i];
      buffer[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    return {buffer.data(), word.size()};
  }
  int32_t out = 0;
  for (std::size_t i = 0; i < word.size();) {
    UChar32 c = code_point_at(word, i);
    i += U8_LENGTH(c);
    c = u_tolower(c);
    if (static_cast<std::size_t>(out + U8_LENGTH(c)) > buffer.size()) return {};
    U8_APPEND_UNSAFE(buffer.data(), out, c);
  }
  return {buffer.data(), static_cast<std::size_t>(out)};
}

bool has_upper(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    const UChar32 c = code_point_at(word, i);
    if (is_upper(c)) return true;
    i += U8_LENGTH(c);
  }
  return false;
}

// Punctuation that may open a word: ( [ { « „ “ " ' ¿ ¡.
bool is_opening(UChar32 c) {
  if (c == '"' || c == '\'' || c == 0xBF || c == 0xA1) return true;
  const int8_t type = u_charType(c);
  return type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
}

// Final punctuation other than the period: ! ? ‼ ？ 。 ।  (UCHAR_S_TERM), and the ellipsis.
bool is_terminator(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_S_TERM) || c == 0x2026; }

// ¹ ² ³ ⁰ ⁴ … ⁹: footnote numbers set as superscripts.
bool is_superscript_digit(UChar32 c) {
  return c == 0xB9 || c == 0xB2 || c == 0xB3 || c == 0x2070 || (c >= 0x2074 && c <= 0x2079);
}

// "U.S" "a.m" "z.B" "т.г" "LL.AA.II.RR": two or more groups of one to three letters, joined by
// single periods (the final period is not part of the word).
bool is_multi_period(std::string_view word) {
  std::size_t groups = 0;
  std::size_t letters = 0;
  for (std::size_t i = 0; i < word.size();) {
    const UChar32 c = code_point_at(word, i);
    i += U8_LENGTH(c);
    if (c == '.') {
      if (letters == 0) return false;
      ++groups;
      letters = 0;
    } else if (u_isalpha(c) && letters < 3) {
      ++letters;
    } else {
      return false;
    }
  }
  return groups >= 1 && letters > 0;
}

bool is_single_letter(std::string_view word) {
  if (word.empty()) return false;
  const UChar32 c = code_point_at(word, 0);
  return static_cast<std::size_t>(U8_LENGTH(c)) == word.size() && u_isalpha(c);
}

// "12" (an ordinal in "am 12. Juni") or an uppercase Roman numeral "XII". A number of four digits
// is a year, which ends its sentence ("vznikla v roku 1541. Sľuby").
bool is_ordinal(std::string_view word) {
  if (word.empty() || word.size() > 4) return false;
  const bool digits = word.size() <= 3 && std::ranges::all_of(word, [](char c) { return c >= '0' && c <= '9'; });
  const bool roman = word.size() >= 2 && std::ranges::all_of(word, [](char c) {
                       return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C' || c == 'M';
                     });
  return digits || roman;
}

// `word` without format characters (bidi controls around an Arabic "د‪.‬").
std::string_view strip_format(std::string_view word) {
  while (!word.empty() && u_charType(code_point_at(word, 0)) == U_FORMAT_CHAR) {
    word.remove_prefix(U8_LENGTH(code_point_at(word, 0)));
  }
  std::size_t start = 0;
  while (!word.empty() && u_charType(code_point_before(word, word.size(), &start)) == U_FORMAT_CHAR) {
    word.remove_suffix(word.size() - start);
  }
  return word;
}

// Whether [begin, end) leaves a quotation open whose closing quote follows a comma or no
// punctuation at all: the quoted sentences are then part of this one ("„Beriem to. Nezaujíma
// ma to,“ reagoval."). Looks at most kQuoteLookAhead bytes ahead for the closing quote.
bool inside_open_quote(std::string_view text, std::size_t begin, std::size_t end) {
  // The quotes looked at are „ “ ” (E2 80 xx) and « » (C2 xx).
  static constexpr std::array<char, 2> kQuoteLeads{'\xE2', '\xC2'};
  static constexpr std::array<char, 3> kQuoteLeadsOrNewline{'\xE2', '\xC2', '\n'};
  UChar32 closer = 0;
  begin = look_behind_start(text, begin, end);
  for (std::size_t i = find_any<kQuoteLeads>(text, begin, end); i < end; i = find_any<kQuoteLeads>(text, i, end)) {
    const UChar32 c = code_point_at(text, i);
    i += U8_LENGTH(c);
    if (closer != 0 && (c == closer || (closer == 0x201C && c == 0x201D))) {
      closer = 0;
    } else if (closer == 0 && (c == 0x201E || c == 0xAB || c == 0x201C)) {
      closer = c == 0x201E ? 0x201C : c == 0xAB ? 0xBB : 0x201D;
    }
  }
  if (closer == 0) return false;
  const std::size_t limit = std::min(text.size(), end + kQuoteLookAhead);
  for (std::size_t i = find_any<kQuoteLeadsOrNewline>(text, end, limit); i < limit;
       i = find_any<kQuoteLeadsOrNewline>(text, i, limit)) {
    const UChar32 c = code_point_at(text, i);
    if (c == closer || (closer == 0x201C && c == 0x201D)) {
      std::size_t start = 0;
      const UChar32 before = code_point_before(text, i, &start);
      return !is_terminator(before) && before != '.';
    }
    if (c == '\n') return false;
    i += U8_LENGTH(c);
  }
  return false;
}

// An omission in brackets, "[...]" or "[…]", at `at`.
bool omission_at(std::string_view text, std::size_t at) {
  return text.compare(at, 5, "[...]") == 0 || text.compare(at, 5, "[\u2026]") == 0;
}

// The length of the citation markers at `at`: "[3]", "[1][2]", "[note 4]", "[citation needed]",
// "[4]:12" (with its page), or 0 when none starts there.
std::size_t citation_length(std::string_view text, std::size_t at) {
  std::size_t i = at;
  for (std::size_t markers = 0; markers < kMaxCitations && i < text.size() && text[i] == '['; ++markers) {
    // An omission ("[...]", "[…]"), which stays with the sentence before it as a marker does, or a
    // digit or a lowercase ASCII letter first ("[3]", "[a]", "[note 4]"; not "[The police]"), then
    // letters, digits, spaces, ',' and '-'.
    std::size_t j = i + 1;
    if (omission_at(text, i)) {
      j += 3;  // the ']'
    } else if (j < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[j])) || (text[j] >= 'a' && text[j] <= 'z'))) {
      for (; j < text.size() && j - i <= kMaxCitationBytes; ++j) {
        const auto c = static_cast<unsigned char>(text[j]);
        if (!std::isalnum(c) && c != ' ' && c != ',' && c != '-') break;
      }
    }
    if (j >= text.size() || text[j] != ']' || j == i + 1) break;
    i = j + 1;
  }
  if (i == at) return 0;
  // A page after the markers: "[4]:12", "[4]:12–14".
  if (i + 1 < text.size() && text[i] == ':' && text[i + 1] >= '0' && text[i + 1] <= '9') {
    i = skip_while(text, i + 1, text.size(),
                   [](UChar32 c) { return (c >= '0' && c <= '9') || c == '-' || c == 0x2013; });
  }
  return i - at;
}

// The code point before `at` on its line, spaces and tabs aside (at most kMaxWordBytes of them),
// or '\n' at the start of the text: what a word at `at` follows.
UChar32 code_point_before_blanks(std::string_view text, std::size_t at) {
  std::size_t before = at;
  while (before > 0 && at - before < kMaxWordBytes && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
  return before > 0 ? code_point_before(text, before) : '\n';
}

// The letters that end at `end`, back to `begin` at most: "Yahoo" before "Yahoo!".
std::string_view word_before(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t start = end;
  while (start > begin && end - start < kMaxWordBytes) {
    std::size_t previous = 0;
    if (!u_isalpha(code_point_before(text, start, &previous))) break;
    start = previous;
  }
  return text.substr(start, end - start);
}

// The words of `candidates` (lowercased; each found at one of `sites`, in order) that `text` writes
// in lower case and never capitalized inside a sentence (after a lowercase letter, a digit, ',' or
// ';'), near the sites.
WordSet common_words(std::string_view text, const WordSet& candidates, const std::vector<std::size_t>& sites) {
  std::size_t shortest = kMaxWordBytes, longest = 0;
  // The first bytes of the candidates in either case: other words are passed over unread.
  std::array<bool, 256> first_bytes{};
  for (const std::string& word : candidates) {
    shortest = std::min(shortest, word.size());
    longest = std::max(longest, word.size());
    const auto byte = static_cast<unsigned char>(word[0]);
    first_bytes[byte] = true;
    if (byte >= 'a' && byte <= 'z') first_bytes[byte - ('a' - 'A')] = true;
    if (byte >= 0x80) std::fill(first_bytes.begin() + 0x80, first_bytes.end(), true);  // case may change the lead
  }
  WordSet lowercase, capitalized;
  std::array<char, kMaxWordBytes> buffer;
  const auto letter_at = [&](std::size_t i, std::size_t& length) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) return length = 1, (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z';
    const UChar32 c = code_point_at(text, i);
    length = U8_LENGTH(c);
    return u_isalpha(c) != 0;
  };
  // Reads the words that start in [from, to); returns where the last one ends.
  const auto read = [&](std::size_t from, std::size_t to) {
    std::size_t i = from;
    for (std::size_t length = 0; i < to;) {
      if (!letter_at(i, length)) {
        i += length;
        continue;
      }
      const std::size_t begin = i;
      while (i < text.size() && letter_at(i, length)) i += length;
      if (!first_bytes[static_cast<unsigned char>(text[begin])] || i - begin < shortest || i - begin > longest)
        continue;
      const std::string_view folded = fold(text.substr(begin, i - begin), buffer);
      if (folded.empty() || !candidates.contains(folded)) continue;
      const UChar32 first = code_point_at(text, begin);
      if (is_lower(first)) lowercase.emplace(folded);
      const UChar32 previous = code_point_before_blanks(text, begin);
      if (is_upper(first) && (is_lower(previous) || u_isdigit(previous) || previous == ',' || previous == ';')) {
        capitalized.emplace(folded);
      }
    }
    return i;
  };
  // The windows, merged; each starts on a code point, after the word it would cut.
  std::size_t budget = kEvidenceBytes;
  std::size_t done = 0;
  for (const std::size_t site : sites) {
    std::size_t from = std::max(done, site - std::min(site, kEvidenceWindow));
    const std::size_t to = std::min({text.size(), site + kEvidenceWindow, from + budget});
    if (from >= to) continue;
    while (from < to && U8_IS_TRAIL(static_cast<uint8_t>(text[from]))) ++from;
    if (from > done && from > 0 && u_isalpha(code_point_before(text, from))) {
      std::size_t length = 0;
      while (from < to && letter_at(from, length)) from += length;
    }
    budget -= to - std::min(to, from);
    done = std::max(to, read(from, to));
    if (budget == 0) break;
  }
  WordSet common;
  for (const std::string& word : lowercase) {
    if (!capitalized.contains(word)) common.insert(word);
  }
  return common;
}

// A word of kMinPlainWordLetters or more lowercase letters ends at `end` (and starts after white
// space or an opening bracket or quote): too long for most abbreviations, so its period ends a
// sentence even before a lowercase word ("… na większą skalę. chodź tu"), unless it follows a
// number as units do ("over 1 mill. indbyggere").
bool plain_word_before(std::string_view text, std::size_t begin, std::size_t end) {
  const std::string_view word = word_before(text, begin, end);
  std::size_t letters = 0;
  for (std::size_t i = 0; i < word.size(); ++letters) {
    const UChar32 c = code_point_at(word, i);
    if (!is_lower(c)) return false;
    i += U8_LENGTH(c);
  }
  const std::size_t start = end - word.size();
  if (letters < kMinPlainWordLetters) return false;
  // A word longer than kMaxWordBytes (word_before's reach) is no abbreviation either.
  if (start == begin || word.size() >= kMaxWordBytes) return true;
  const UChar32 before = code_point_before(text, start);
  if (is_opening(before)) return true;
  return is_space(before) && !u_isdigit(code_point_before_blanks(text, start));
}

// Whether the fullwidth full stop "．" at `stop` may end a sentence: not after a digit ("３．５",
// "１．安い": a decimal point, a list number) or an initial, a letter alone ("Ｊ．Ｋ．ローリング").
bool fullwidth_stop_may_end(std::string_view text, std::size_t begin, std::size_t stop) {
  if (stop == begin) return true;
  std::size_t letter = stop;
  const UChar32 before = code_point_before(text, stop, &letter);
  const bool initial = u_isalpha(before) && (letter == begin || !u_isalpha(code_point_before(text, letter)));
  return !u_isdigit(before) && !initial;
}

// A letter, vowel or tone mark ("ติ", "ไม้") of a script written without spaces between words
// (Line_Break=SA: Thai, Lao, Khmer, Myanmar).
bool in_unspaced_script(UChar32 c) { return u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT; }

// Whether ICU's dictionary puts a word boundary at `at` inside `phrase`, a text in a script written
// without spaces between words: "ว่า" (that) starts "ว่ายน้ำ" (to swim) but is no word of it. Reads
// at most kWordContextBytes on either side of `at`.
bool word_boundary_at(std::string_view text, Span phrase, std::size_t at) {
  std::size_t begin = at - std::min(at - phrase.begin, kWordContextBytes);
  std::size_t end = at + std::min(phrase.end - at, kWordContextBytes);
  while (begin < at && U8_IS_TRAIL(static_cast<uint8_t>(text[begin]))) ++begin;
  while (end < text.size() && U8_IS_TRAIL(static_cast<uint8_t>(text[end]))) --end;
  thread_local const BreakIteratorPtr words = [] {
    UErrorCode status = U_ZERO_ERROR;
    BreakIteratorPtr made(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    check_icu(status, "BreakIterator::createWordInstance(root)");
    return made;
  }();
  UErrorCode status = U_ZERO_ERROR;
  const UTextPtr window(utext_openUTF8(nullptr, text.data() + begin, static_cast<int64_t>(end - begin), &status));
  check_icu(status, "utext_openUTF8");
  words->setText(window.get(), status);
  check_icu(status, "BreakIterator::setText");
  return words->isBoundary(static_cast<int32_t>(at - begin));
}

// CJK title brackets 《…》 〈…〉: "看《摔跤吧！爸爸》好吗" is one sentence.
bool inside_title_brackets(std::string_view text, std::size_t begin, std::size_t end) {
  int depth = 0;
  for (std::size_t i = look_behind_start(text, begin, end); i + 3 <= end; ++i) {  // end <= text.size()
    if (static_cast<uint8_t>(text[i]) != 0xE3 || static_cast<uint8_t>(text[i + 1]) != 0x80) continue;
    const auto third = static_cast<uint8_t>(text[i + 2]);
    if (third == 0x8A || third == 0x88) ++depth;                 // 《 〈
    if ((third == 0x8B || third == 0x89) && depth > 0) --depth;  // 》 〉
  }
  return depth > 0;
}

}  // namespace

SentenceRules::SentenceRules(std::string_view language, bool abbreviations) : abbreviations_(abbreviations) {
  auto read = [&](std::string_view section, std::string_view line) {
    if (section == "options") {
      if (line == "ordinal_numbers") ordinal_numbers_ = true;
      if (line == "colon_ends_sentence") colon_ends_sentence_ = true;
      if (line == "semicolon_ends_sentence") semicolon_ends_sentence_ = true;
      if (line == "space_ends_sentence") space_ends_sentence_ = true;
    } else if (section == "titles") {
      (has_upper(line) ? exact_ : folded_)[line] |= kTitle;
    } else if (section == "numbering") {
      (has_upper(line) ? exact_ : folded_)[line] |= kNumbering;
    } else if (section == "abbreviations") {
      (has_upper(line) ? exact_ : folded_)[line] |= kAbbreviation;
    } else if (section == "times") {
      folded_[line] |= kTime;
    } else if (section == "final_endings") {
      final_endings_.push_back(line);
    } else if (section == "not_final") {
      not_final_.push_back(line);
    } else if (section == "not_initial") {
      not_initial_.push_back(line);
    } else if (section == "speech_verbs") {
      speech_verbs_.insert(line);
    } else if (section == "exclamation_names") {
      exclamation_names_.insert(line);
    } else if (section == "starters") {
      starters_.insert(line);
    }
  };
  // mul.txt ("multiple languages") holds what every language shares, such as "N°".
  for_each_section_line(builtin_segmentation_rules("mul"), read);
  if (language != "mul") for_each_section_line(builtin_segmentation_rules(language), read);
  for_each_line(builtin_stopwords(language), [&](std::string_view word) { starters_.insert(word); });
}

uint8_t SentenceRules::kinds(std::string_view word, std::string_view folded) const {
  uint8_t found = 0;
  if (const auto it = exact_.find(word); it != exact_.end()) found |= it->second;
  if (const auto it = folded_.find(folded); it != folded_.end()) found |= it->second;
  return found;
}

// A number starts at `at`, perhaps after an opening bracket or sign: "5", "(3)", "#12".
static bool is_digit_start(std::string_view text, std::size_t at) {
  if (at < text.size() && (text[at] == '(' || text[at] == '#')) ++at;
  return at < text.size() && text[at] >= '0' && text[at] <= '9';
}

// The capitalized word at `at`, after any opening punctuation: "Prices" in "(Prices rose", or an
// empty view when the word there is not capitalized. At most kMaxWordBytes.
static std::string_view capitalized_word_at(std::string_view text, std::size_t at) {
  at = skip_while(text, at, text.size(), is_opening);
  if (at >= text.size() || !is_upper(code_point_at(text, at))) return {};
  std::size_t end = at;
  while (end < text.size() && end - at < kMaxWordBytes) {
    const UChar32 c = code_point_at(text, end);
    if (!u_isalpha(c)) break;
    end += U8_LENGTH(c);
  }
  return text.substr(at, end - at);
}

// A capitalized sentence starter (a stopword or a [starters] word) at `at`, after any opening
// punctuation: "The", "(It", "Hvad", "However".
bool SentenceRules::is_starter(std::string_view text, std::size_t at) const {
  std::array<char, kMaxWordBytes> buffer;
  const std::string_view word = capitalized_word_at(text, at);
  return !word.empty() && starters_.contains(fold(word, buffer));
}

// A period at `period` is followed, after white space, by the sentence's next character at `next`.
SentenceRules::PeriodEnd SentenceRules::period_end(std::string_view text, std::size_t begin, std::size_t period,
                                                   std::size_t next) const {
  std::size_t word_begin = period;
  while (word_begin > begin && period - word_begin <= kMaxWordBytes) {  // a longer word is no abbreviation
    std::size_t start = 0;
    const UChar32 c = code_point_before(text, word_begin, &start);
    if (is_space(c) || is_opening(c)) break;
    word_begin = start;
  }
  std::string_view word = strip_format(text.substr(word_begin, period - word_begin));
  if (word.empty()) return PeriodEnd::kYes;
  // A script written without spaces between words glues the abbreviation to the words before it
  // ("เมื่อพ.ศ. 2500"): the longest listed suffix is the word.
  if (abbreviations_ && in_unspaced_script(code_point_before(text, period))) {
    for (std::size_t at = word_begin; at < period; at += U8_LENGTH(code_point_at(text, at))) {
      const std::string_view suffix = text.substr(at, period - at);
      if (exact_.contains(suffix) || folded_.contains(suffix)) {
        word_begin = at;
        word = suffix;
        break;
      }
    }
  }
  // A number's period that touches the next word is an item or a code, not a sentence end:
  // "地方：1.为人们", "300268.SZ".
  if (next == period + 1 && is_digit_start(text, period - 1) && u_isalnum(code_point_at(text, next))) {
    return PeriodEnd::kNo;
  }
  // "Tuesday.Mr. Smith": the title after a glued sentence end.
  const std::size_t last_dot = word.rfind('.');
  const std::string_view tail = last_dot == std::string_view::npos ? word : word.substr(last_dot + 1);
  bool short_form = ordinal_numbers_ && is_ordinal(word);
  if (abbreviations_ && word.size() <= kMaxWordBytes) {
    std::array<char, kMaxWordBytes> buffer;
    const std::string_view folded = fold(word, buffer);
    const uint8_t found = kinds(word, folded);
    if ((found & kTitle) != 0) return PeriodEnd::kNo;
    if (tail.size() > 1 && tail.size() < word.size()) {
      const std::string_view folded_tail = folded.substr(folded.size() - std::min(folded.size(), tail.size()));
      if ((kinds(tail, folded_tail) & kTitle) != 0) return PeriodEnd::kNo;
    }
    if ((found & kTime) != 0) {
      return ends_after_time(text, begin, word_begin, next) ? PeriodEnd::kYes : PeriodEnd::kNo;
    }
    if (next < text.size() && is_digit_start(text, next) && (found & kNumbering) != 0) return PeriodEnd::kNo;
    // A letter that opens its sentence is a label or an initial: "Q. What is it? A. Nothing."
    if (is_single_letter(word) && word_begin - begin <= kMaxWordBytes &&
        skip_while(text, begin, word_begin, is_opening) == word_begin) {
      return PeriodEnd::kNo;
    }
    // After an abbreviation, a sentence ends where the next one plainly begins ("in the U.S. How
    // about you?", not "the U.S. Government") or with an ordinary word of this text.
    if ((found & kAbbreviation) != 0 || is_multi_period(word)) return PeriodEnd::kBeforeStarterOrCommonWord;
    short_form = short_form || is_single_letter(word);
  }
  // After an initial or an ordinal, only where the next sentence plainly begins: "Jonas E. Smith",
  // "am 12. Juni".
  return short_form ? PeriodEnd::kBeforeStarter : PeriodEnd::kYes;
}

bool SentenceRules::ends_after_period(std::string_view text, std::size_t begin, std::size_t period, std::size_t next,
                                      const TextEvidence& evidence) const {
  switch (period_end(text, begin, period, next)) {
    case PeriodEnd::kNo: return false;
    case PeriodEnd::kYes: return true;
    case PeriodEnd::kBeforeStarter: return is_starter(text, next);
    case PeriodEnd::kBeforeStarterOrCommonWord: break;
  }
  if (is_starter(text, next)) return true;
  if (evidence.common_words.empty()) return false;
  std::array<char, kMaxWordBytes> buffer;
  const std::string_view word = fold(capitalized_word_at(text, next), buffer);
  return !word.empty() && evidence.common_words.contains(word);
}

// The attribution of the quotation before `next` ("\"Sure?\" I asked him.", "\"कोण मेले?\" म्हाताऱ्या
// गुरवाने विचारले."), which a capital (or a script without case) cannot tell from a new sentence: a
// few words with a speech verb among the first of them, up to a terminator or a comma. After a
// quotation that ends with a period the verb must end the attribution ("“It is over.” Police
// said."), or every sentence with a verb after a quoted statement would join it ("“We cannot.” He
// added that …"). Reads at most kAttributionBytes.
bool SentenceRules::attribution_follows(std::string_view text, std::size_t next, bool quoted_statement) const {
  if (speech_verbs_.empty()) return false;
  const std::size_t limit = std::min(text.size(), next + kAttributionBytes);
  const auto final = [](UChar32 c) { return c == '.' || c == ',' || is_terminator(c); };
  bool verb = false;
  for (std::size_t words = 1, i = next; words <= kAttributionWords && i < limit; ++words) {
    const std::size_t word_begin = i;
    i = skip_while(text, i, limit, [&](UChar32 c) { return !is_space(c) && !final(c); });
    if (i == word_begin) return false;
    const bool is_verb =
        words <= kAttributionVerbWords && speech_verbs_.contains(text.substr(word_begin, i - word_begin));
    if (i < limit && final(code_point_at(text, i))) {
      return quoted_statement ? is_verb && text[i] != ',' : verb || is_verb;
    }
    verb = verb || is_verb;
    i = skip_space(text, i, limit);
  }
  return false;
}

// "He left at 6 p.m. Mr. Smith stayed" ends after the time, but a sentence that so far is only
// the time phrase ("At 5 a.m. Mr. Smith went") goes on.
bool SentenceRules::ends_after_time(std::string_view text, std::size_t begin, std::size_t word_begin,
                                    std::size_t next) const {
  if (!is_upper(code_point_at(text, next))) return false;
  // The words before the time, counted backwards until there are enough.
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = word_begin; i > begin; --i) {
    if (word_begin - i >= kLookBehind) return true;
    const char c = text[i - 1];
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word && ++words > kTimePhraseWords) return true;
    in_word = !space;
  }
  return false;
}

std::size_t SentenceRules::sentence_end(std::string_view text, std::size_t begin, std::size_t boundary,
                                        const TextEvidence& evidence) const {
  Span left = trim(text, {begin, boundary});
  std::size_t start = 0;
  // So are initial quotes that touch the next word: "赶场。“小托福”对" ends before "“", while
  // the German closing "“" in "„Gut.“ Er ging" is followed by a space.
  while (left.size() > 0) {
    const int8_t type = u_charType(code_point_before(text, left.end, &start));
    const bool opens_next = type == U_INITIAL_PUNCTUATION && left.end == boundary && boundary < text.size() &&
                            u_isalnum(code_point_at(text, boundary));
    if (type != U_START_PUNCTUATION && !opens_next) break;
    left.end = start;
    boundary = start;
  }
  return left.size() > 0 ? ends_sentence(text, left, boundary, evidence) : 0;
}

std::size_t SentenceRules::ends_sentence(std::string_view text, Span left, std::size_t boundary,
                                         const TextEvidence& evidence) const {
  std::size_t next = boundary;
  next = skip_space(text, next, text.size());
  if (next >= text.size()) return boundary;
  // A line break that the line-structure pass kept (a blank line, a heading) always ends one.
  for (std::size_t i = left.end; i < next; ++i) {
    if (text[i] == '\n' || text[i] == '\r') return boundary;
  }
  while (next < text.size() && u_charType(code_point_at(text, next)) == U_FORMAT_CHAR) {
    next += U8_LENGTH(code_point_at(text, next));
  }
  if (next >= text.size()) return boundary;

  const UChar32 after = code_point_at(text, next);
  // A closing quote typed as two apostrophes ("houden. '' Veertig") stays with this sentence:
  // missing_ends cuts after it.
  if (text.compare(next, 2, "''") == 0) return 0;
  std::size_t end = left.end;
  std::size_t start = 0;
  while (end > left.begin) {
    const UChar32 c = code_point_before(text, end, &start);
    if (!is_closing(c) && u_charType(c) != U_FORMAT_CHAR) break;
    // "[...]" marks an omission inside a sentence.
    if (c == ']' && start >= left.begin + 4 && text.substr(start - 4, 4) == "[...") return 0;
    end = start;
  }
  if (end == left.begin) return boundary;
  const UChar32 last = code_point_before(text, end, &start);
  // Where spaces end sentences (Thai), a period glued to the next letter is an abbreviation's
  // ("พ.ศ. 2550", "สน.เตาปูน"); Lao, which ends sentences with a period, keeps ICU's boundary.
  if (space_ends_sentence_ && last == '.' && next == left.end && start > left.begin && in_unspaced_script(after) &&
      in_unspaced_script(code_point_before(text, start))) {
    return 0;
  }

  if (after == '.') {
    // An ellipsis may open the next sentence ("raak. ...en toen", "compounds. . . . The"),
    // after a period that ends a word; otherwise the dots continue this one.
    const bool word_period = last == '.' && start > left.begin && !is_space(code_point_before(text, start)) &&
                             code_point_before(text, start) != '.';
    const std::string_view rest = text.substr(next, 5);
    return word_period && end == left.end && (rest.starts_with("...") || rest.starts_with(". . .")) ? boundary : 0;
  }
  // Trailing punctuation belongs to the sentence before: "маму?»." "end!)". A numero sign does
  // not start one: "2012 жыл. №590".
  const int8_t after_type = u_charType(after);
  if (is_terminator(after) || after_type == U_END_PUNCTUATION || after_type == U_FINAL_PUNCTUATION ||
      after == 0x2116 /* № */) {
    return 0;
  }
  // Footnote numbers set as superscripts stay with the sentence before ("in 2001.⁴ Sales"), and so do
  // citation markers ("in 1851.[3] Its"): missing_ends cuts after them.
  if (next == left.end && is_superscript_digit(after)) return 0;
  if (after == '[') {
    // An omission that ends its paragraph ("… this week. [...]" then a blank line) stands alone.
    const std::size_t length = citation_length(text, next);
    const std::size_t rest = skip_while(text, next + length, text.size(), [](UChar32 c) { return c == ' '; });
    const bool ends_paragraph = rest == text.size() || text[rest] == '\n' || text[rest] == '\r';
    if (length > 0 && !(omission_at(text, next) && ends_paragraph)) return 0;
  }
  if (inside_open_quote(text, left.begin, left.end)) return 0;
  if (end < left.end && attribution_follows(text, next, last == '.')) return 0;

  if (last == '.') {
    // Count the dots of a trailing ellipsis, "..." or ". . .".
    std::size_t dots = 0;
    bool spaced = false;
    std::size_t p = end;
    while (p > left.begin && dots < kMaxDots) {
      if (text[p - 1] == '.') {
        ++dots;
        --p;
      } else if (text[p - 1] == ' ' && p - 1 > left.begin && text[p - 2] == '.') {
        spaced = true;
        --p;
      } else {
        break;
      }
    }
    if (dots >= 2) {
      // ". . ." marks an omission inside a sentence, and so does "..." directly followed by a
      // word ("mean...see"). "...." and ". . . ." (a period and an ellipsis) end one; when the
      // period is on the word ("compounds. . . . The"), the ellipsis opens the next sentence.
      if ((dots == 3 && spaced) || next == left.end || is_lower(after)) return 0;
      if (dots == 4 && spaced && p > left.begin && !is_space(code_point_before(text, p))) return p + 1;
      return boundary;
    }
    return ends_after_period(text, left.begin, start, next, evidence) ? boundary : 0;
  }
  if (is_terminator(last)) {
    // A lowercase word continues the sentence after "!" ("Yahoo! in the accounting department")
    // and after a quotation ("'Where to?' he asked", "'Stop!' cried the guard, 'you …'").
    if ((last == '!' || end < left.end) && is_lower(after)) return 0;
    // A name written with '!' (listed, or written so inside a sentence elsewhere in the text) goes on
    // before a capital that starts no sentence: "Yahoo! News".
    if (last == '!' && end == left.end && !is_starter(text, next)) {
      const std::string_view name = word_before(text, left.begin, start);
      if (exclamation_names_.contains(name) || evidence.exclaimed_names.contains(name)) return 0;
    }
    if (last > 0x7F && inside_title_brackets(text, left.begin, end)) return 0;
    if (last == 0xFF0E && !fullwidth_stop_may_end(text, left.begin, start)) return 0;
  }
  return boundary;
}

namespace {

// Whether the white-space delimited token around `i` is an address: "Jane.Doe@example.com",
// "example.com/New.Page". A token longer than an address on either side ("a.B" repeated with no
// space) is none.
bool inside_address(std::string_view text, Span span, std::size_t i) {
  std::size_t begin = i;
  while (begin > span.begin && text[begin - 1] != ' ' && text[begin - 1] != '\n') {
    if (i - begin >= kMaxAddressBytes) return false;
    --begin;
  }
  std::size_t end = i;
  while (end < span.end && text[end] != ' ' && text[end] != '\n') {
    if (end - i >= kMaxAddressBytes) return false;
    ++end;
  }
  return text.substr(begin, end - begin).find_first_of("@/") != std::string_view::npos;
}

// Whether the '.', '!' or '?' at i ends a sentence glued to the next one; the next one's offset
// in `cut`.
bool glued_end_at(std::string_view text, Span span, std::size_t i, std::size_t& cut) {
  std::size_t before = 0;
  if (i < span.begin + 2 || i + 2 >= span.end || !is_lower(code_point_before(text, i, &before)) ||
      before <= span.begin || !is_lower(code_point_before(text, before))) {
    return false;
  }
  std::size_t next = i + 1;
  next = skip_while(text, next, span.end, is_closing);
  if (next >= span.end) return false;
  const UChar32 capital = code_point_at(text, next);
  const std::size_t after = next + U8_LENGTH(capital);
  if (!is_upper(capital) || after >= span.end || !u_isalpha(code_point_at(text, after)) ||
      inside_address(text, span, i)) {
    return false;
  }
  cut = next;
  return true;
}

}  // namespace

bool SentenceRules::opening_after(std::string_view text, Span span, std::size_t i, const TextEvidence& evidence,
                                  std::size_t& cut) const {
  // A terminator at i (after a word, the last of its run), closing punctuation, white space.
  if (i == span.begin || is_space(code_point_before(text, i))) return false;
  std::size_t j = i + 1;
  if (j < span.end && (text[j] == '.' || text[j] == '!' || text[j] == '?')) return false;
  j = skip_while(text, j, span.end, is_closing);
  const std::size_t space = j;
  j = skip_space(text, j, span.end);
  if (j >= span.end) return false;
  std::size_t opening = j;  // where the next sentence starts
  std::size_t word = j;     // its first word
  if (text.compare(j, 2, "''") == 0 && j + 2 < span.end && is_space(code_point_at(text, j + 2))) {
    opening = word = skip_space(text, j + 2, span.end);  // the closing quote stays with this sentence
  } else if (j == space) {
    return false;
  } else if (text.compare(j, 2, ",,") == 0) {
    word = skip_space(text, j + 2, span.end);
  } else if (const UChar32 c = code_point_at(text, j); c == '-' || c == 0x2013 || c == 0x2014) {
    const std::size_t after_dash = j + U8_LENGTH(c);
    if (after_dash >= span.end || !is_space(code_point_at(text, after_dash))) return false;
    word = skip_space(text, after_dash, span.end);
  } else {
    return false;
  }
  if (word >= span.end || !u_isalnum(code_point_at(text, word))) return false;
  // After a period, an abbreviation still needs a plain sentence start: "approx. - 40". After a
  // question or an exclamation, a lowercase word is the speaker: "керегі бар? — деді."
  if (text[i] == '.' ? !ends_after_period(text, span.begin, i, word, evidence) : is_lower(code_point_at(text, word))) {
    return false;
  }
  cut = opening;
  return true;
}

bool SentenceRules::cited_end_at(std::string_view text, Span span, std::size_t i, const TextEvidence& evidence,
                                 std::size_t& cut) const {
  // Closing quotes and spaces (not line breaks) may come between: "1945. [3] A new".
  std::size_t marks = skip_while(text, i + 1, span.end, is_closing);
  while (marks < span.end && text[marks] == ' ') ++marks;
  if (marks >= span.end || text[marks] != '[') return false;
  const std::size_t length = citation_length(text.substr(0, span.end), marks);
  const std::size_t next = skip_space(text, marks + length, span.end);
  if (length == 0 || next == marks + length || next >= span.end || is_lower(code_point_at(text, next))) return false;
  if (text[i] == '.' && !ends_after_period(text, span.begin, i, next, evidence)) return false;
  cut = next;
  return true;
}

bool SentenceRules::footnote_end_at(std::string_view text, Span span, std::size_t i, const TextEvidence& evidence,
                                    std::size_t& cut) const {
  if (i + 1 >= span.end || i < span.begin + 2) return false;
  // Superscript digits after any terminator ("trial.⁴ The", "2001.⁴ Sales"); digits on the line
  // only after a period that ends a word ("trial.4 The", not "3.5 Times") or a year ("in 1990.1
  // Later").
  const bool superscript = is_superscript_digit(code_point_at(text, i + 1));
  const auto digit_length = [&](std::size_t j) -> std::size_t {
    if (j >= span.end) return 0;
    if (!superscript) return text[j] >= '0' && text[j] <= '9' ? 1 : 0;
    const UChar32 c = code_point_at(text, j);
    return is_superscript_digit(c) ? U8_LENGTH(c) : 0;
  };
  if (!superscript) {
    std::size_t year = i;
    while (year > span.begin && i - year < 5 && text[year - 1] >= '0' && text[year - 1] <= '9') --year;
    const bool is_year = i - year == 4 && (text[year] == '1' || text[year] == '2') &&
                         (year == span.begin || text[year - 1] == ' ' || text[year - 1] == '(');
    if (text[i] != '.' || digit_length(i + 1) == 0 || (!is_lower(code_point_before(text, i)) && !is_year)) {
      return false;
    }
    // "No.10 Downing", "vol.2 Chapter", "p.4 Table": a listed word or a letter before its number.
    const std::string_view word = word_before(text, span.begin, i);
    std::array<char, kMaxWordBytes> buffer;
    if (is_single_letter(word) || kinds(word, fold(word, buffer)) != 0) return false;
  }
  // Groups of digits joined by ',', '-' or a space: "4", "3,4", "4 5", "12-14".
  std::size_t j = i + 1;
  for (std::size_t groups = 0; groups < kMaxFootnoteGroups; ++groups) {
    std::size_t digits = 0;
    for (std::size_t length; (length = digit_length(j)) > 0 && digits <= kMaxFootnoteDigits; j += length) ++digits;
    if (digits == 0 || digits > kMaxFootnoteDigits) return false;
    if (j + 1 < span.end && (text[j] == ',' || text[j] == '-' || text[j] == ' ') && digit_length(j + 1) > 0) {
      ++j;
    } else {
      break;
    }
  }
  const std::size_t next = skip_space(text, j, span.end);
  if (next == j || next >= span.end) return false;
  const std::size_t letter = skip_while(text, next, span.end, is_opening);
  if (letter >= span.end || !is_upper(code_point_at(text, letter)) ||
      (text[i] == '.' && !ends_after_period(text, span.begin, i, next, evidence))) {
    return false;
  }
  cut = next;
  return true;
}

bool SentenceRules::lowercase_sentence_after(std::string_view text, Span span, std::size_t i,
                                             const TextEvidence& evidence, std::size_t& cut) const {
  const std::size_t next = skip_space(text, i + 1, span.end);  // the terminator at i is ASCII
  if (next == i + 1 || next >= span.end || i == span.begin || !u_isalpha(code_point_before(text, i)) ||
      !is_lower(code_point_at(text, next))) {
    return false;
  }
  if (text[i] == '.' && !ends_after_period(text, span.begin, i, next, evidence)) return false;
  cut = next;
  return true;
}

TextEvidence SentenceRules::evidence(std::string_view text) const {
  TextEvidence evidence;
  WordSet after_abbreviations;     // lowercased capitalized words after an abbreviation
  std::vector<std::size_t> sites;  // where they are
  std::size_t lower = 0, upper = 0;
  for (std::size_t i = find_any<kGluedEndBytes>(text, 1, text.size()); i < text.size();
       i = find_any<kGluedEndBytes>(text, i + 1, text.size())) {
    if (!u_isalpha(code_point_before(text, i))) continue;
    std::size_t next = i + 1;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\t')) ++next;
    if (next == i + 1 || next >= text.size()) continue;
    const UChar32 c = code_point_at(text, next);
    if (text[i] == '.') {
      const PeriodEnd end = period_end(text, 0, i, next);
      if (end != PeriodEnd::kYes && is_lower(c)) continue;  // "approx. the"
      if (end == PeriodEnd::kBeforeStarterOrCommonWord && after_abbreviations.size() < kMaxEvidenceWords &&
          !is_starter(text, next)) {
        std::array<char, kMaxWordBytes> buffer;
        const std::string_view word = fold(capitalized_word_at(text, next), buffer);
        if (!word.empty()) {
          after_abbreviations.emplace(word);
          sites.push_back(next);
        }
      }
    } else if (text[i] == '!' && is_lower(c) && evidence.exclaimed_names.size() < kMaxEvidenceWords) {
      // A name inside a sentence ("asked Yahoo! about"), not an interjection that opens one ("Oh! no").
      const std::string_view name = word_before(text, 0, i);
      const UChar32 previous = code_point_before_blanks(text, i - name.size());
      if (!name.empty() && is_upper(code_point_at(name, 0)) && (u_isalnum(previous) || previous == ',')) {
        evidence.exclaimed_names.emplace(name);
      }
    }
    lower += is_lower(c), upper += is_upper(c);
  }
  // Armenian's full stop is the colon; its '.' joins clauses.
  evidence.lowercase_starts = !colon_ends_sentence_ && lower >= 2 && 2 * lower >= lower + upper;
  if (evidence.lowercase_starts) evidence.exclaimed_names.clear();  // "wow! that's it" is no name
  if (!after_abbreviations.empty() && !evidence.lowercase_starts) {
    evidence.common_words = common_words(text, after_abbreviations, sites);
  }
  return evidence;
}

void SentenceRules::final_ending_ends(std::string_view text, Span span, std::vector<std::size_t>& ends) const {
  if (final_endings_.empty()) return;
  const auto ends_in = [](std::string_view word, const std::vector<std::string_view>& endings) {
    return std::ranges::any_of(endings, [&](std::string_view ending) { return word.ends_with(ending); });
  };
  std::size_t word_begin = span.begin;
  for (std::size_t i = span.begin; i < span.end;) {
    const UChar32 c = code_point_at(text, i);
    const std::size_t next = i + U8_LENGTH(c);
    if (!is_space(c)) {
      i = next;
      continue;
    }
    const std::string_view word = text.substr(word_begin, i - word_begin);
    const std::size_t after = skip_space(text, next, span.end);
    if (!word.empty() && after < span.end && ends_in(word, final_endings_) && !ends_in(word, not_final_)) {
      ends.push_back(after);
    }
    word_begin = i = after;
  }
}

void SentenceRules::space_ends(std::string_view text, Span span, std::vector<std::size_t>& ends) const {
  if (!space_ends_sentence_) return;
  // Thai types a space after the repetition mark ๆ and the abbreviation mark ฯ ("เด็กๆ สามารถ",
  // "กรุงเทพฯ ประกาศ"): such a run of spaces is part of the word.
  const auto word_space = [&](std::size_t space) {
    const UChar32 mark = code_point_before(text, space);
    return mark == 0x0E46 || mark == 0x0E2F;
  };
  // The end of the phrase that starts at `from`: the next run of spaces that separates phrases.
  const auto phrase_end = [&](std::size_t from) {
    while (from < span.end) {
      const UChar32 c = code_point_at(text, from);
      if (is_space(c) && !word_space(from)) break;
      from = is_space(c) ? skip_space(text, from, span.end) : from + U8_LENGTH(c);
    }
    return from;
  };
  // Counted over at most the bytes that many code points can take, so that a long phrase costs no more.
  const auto long_enough = [&](std::size_t from, std::size_t to) {
    return code_point_count(text, {from, std::min(to, from + U8_MAX_LENGTH * kMinPhraseCodePoints)}) >=
           kMinPhraseCodePoints;
  };
  const auto starts_with_word = [&](std::size_t from, std::size_t to, std::string_view word) {
    return text.substr(from, to - from).starts_with(word) && word_boundary_at(text, {from, to}, from + word.size());
  };
  const auto ends_with_word = [&](std::size_t from, std::size_t to, std::string_view word) {
    return text.substr(from, to - from).ends_with(word) && word_boundary_at(text, {from, to}, to - word.size());
  };
  std::size_t sentence_begin = span.begin;
  int open = 0;  // brackets and quotes opened since sentence_begin and not closed
  bool straight_quote = false;
  for (std::size_t i = span.begin; i < span.end;) {
    const UChar32 c = code_point_at(text, i);
    if (!is_space(c)) {
      const int8_t type = u_charType(c);
      if (c == '"') straight_quote = !straight_quote;
      if (type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION) ++open;
      if ((type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION) && open > 0) --open;
      i += U8_LENGTH(c);
      continue;
    }
    const std::size_t after = skip_space(text, i, span.end);
    if (i > sentence_begin && after < span.end && open == 0 && !straight_quote && !word_space(i) &&
        in_unspaced_script(code_point_before(text, i)) && in_unspaced_script(code_point_at(text, after))) {
      const std::size_t end = phrase_end(after);
      if (long_enough(sentence_begin, i) && long_enough(after, end) &&
          std::ranges::none_of(not_initial_,
                               [&](std::string_view word) { return starts_with_word(after, end, word); }) &&
          std::ranges::none_of(not_final_,
                               [&](std::string_view word) { return ends_with_word(sentence_begin, i, word); })) {
        ends.push_back(after);
        sentence_begin = after;
      }
    }
    i = after;
  }
}

void SentenceRules::missing_ends(std::string_view text, Span span, bool glued, const TextEvidence& evidence,
                                 std::vector<std::size_t>& ends) const {
  const std::size_t before = ends.size();
  final_ending_ends(text, span, ends);
  space_ends(text, span, ends);
  const auto skip_spaces = [&](std::size_t k) { return skip_space(text, k, span.end); };
  // A cheap test first: the plain-word rule looks back over the word only before a lowercase word.
  const auto lowercase_after = [&](std::size_t k) {
    const std::size_t next = skip_spaces(k + 1);
    return next > k + 1 && next < span.end && is_lower(code_point_at(text, next));
  };
  for (std::size_t i = span.begin; i < span.end; ++i) {
    i = find_any<kMissingEndBytes>(text, i, span.end);
    if (i >= span.end) break;
    const auto byte = static_cast<uint8_t>(text[i]);
    const bool terminator = byte == '.' || byte == '!' || byte == '?';  // not ':' or the lead of "…"
    if (std::size_t cut = 0; terminator && opening_after(text, span, i, evidence, cut)) {
      ends.push_back(cut);
    } else if (terminator && cited_end_at(text, span, i, evidence, cut)) {
      ends.push_back(cut);
    } else if (terminator && footnote_end_at(text, span, i, evidence, cut)) {
      ends.push_back(cut);
    } else if (terminator &&
               (evidence.lowercase_starts || (byte == '.' && !colon_ends_sentence_ && lowercase_after(i) &&
                                              plain_word_before(text, span.begin, i))) &&
               lowercase_sentence_after(text, span, i, evidence, cut)) {
      ends.push_back(cut);
    } else if (terminator && glued && glued_end_at(text, span, i, cut)) {
      ends.push_back(cut);
    } else if (byte == '.' && i > span.begin && u_isalnum(code_point_before(text, i))) {
      // ICU reads on when the next letter is lowercase (UAX #29 SB8), even across a number or an
      // ellipsis: "kwamen. 81 procent was raak", "raak. ...en toen".
      const std::size_t next = skip_spaces(i + 1);
      if (next == i + 1 || next >= span.end) continue;
      const std::string_view rest = text.substr(next, 5);
      bool ellipsis = rest.starts_with("...") || rest.starts_with(". . .") || rest.starts_with("\u2026");
      if (ellipsis) {
        // Only an ellipsis that leads into words: not "abandoned. . . ." at the end.
        std::size_t word = next;
        while (word < span.end && (text[word] == '.' || text[word] == ' ' || text.compare(word, 3, "\u2026") == 0)) {
          word += text[word] == '.' || text[word] == ' ' ? 1 : 3;
        }
        ellipsis = word < span.end && u_isalpha(code_point_at(text, word));
      }
      const bool digit = text[next] >= '0' && text[next] <= '9';
      if (ellipsis || (digit && ends_after_period(text, span.begin, i, next, evidence))) ends.push_back(next);
    } else if (byte == ':' && colon_ends_sentence_) {
      // Armenian writes its full stop "։" as a colon: before a capital (perhaps after an opening
      // quote: ": «Բայց"), or a number after a word.
      const std::size_t next = skip_spaces(i + 1);
      const std::size_t letter = skip_while(text, next, span.end, is_opening);
      if (next > i + 1 && letter < span.end &&
          (is_upper(code_point_at(text, letter)) ||
           (text[next] >= '0' && text[next] <= '9' && i > span.begin && u_isalpha(code_point_before(text, i))))) {
        ends.push_back(next);
      }
    } else if (byte == 0xEF && semicolon_ends_sentence_ && text.compare(i, 3, "\uFF1B") == 0) {
      // Chinese ends a sentence at "；" too, outside quotations and titles, with its closing marks.
      const std::size_t j = skip_while(text, i + 3, span.end, is_closing);
      const std::size_t k = skip_spaces(j);
      if (k < span.end && !inside_open_quote(text, span.begin, i) && !inside_title_brackets(text, span.begin, i)) {
        ends.push_back(k);
      }
      i = j - 1;
    } else if (byte == 0xEF && text.compare(i, 3, "\uFF0E") == 0) {
      // The fullwidth full stop "．" (CJK typesetting, no space after it; a run of them is one
      // stop), before a capital, an uncased letter, a digit or an opening mark.
      std::size_t j = i + 3;
      while (j + 3 <= span.end && text.compare(j, 3, "\uFF0E") == 0) j += 3;
      j = skip_while(text, j, span.end, is_closing);
      const std::size_t k = skip_spaces(j);
      if (k < span.end && fullwidth_stop_may_end(text, span.begin, i)) {
        const UChar32 next = code_point_at(text, k);
        if ((u_isalnum(next) && !is_lower(next)) || is_opening(next)) ends.push_back(k);
      }
      i = j - 1;
    } else if (byte == 0xE2 && text.compare(i, 3, "\u2026") == 0) {
      // "…" (U+2026) is no sentence terminator for ICU: "and then… The next day"; "[…]" and "(…)"
      // mark an omission inside a sentence.
      const bool omission = i > span.begin && (text[i - 1] == '[' || text[i - 1] == '(');
      std::size_t j = i + 3;
      while (j + 3 <= span.end && text.compare(j, 3, "\u2026") == 0) j += 3;
      j = skip_while(text, j, span.end, is_closing);
      const std::size_t k = skip_spaces(j);
      if (!omission && k > j && k < span.end && is_upper(code_point_at(text, k))) ends.push_back(k);
      i = j - 1;
    }
  }
  if (ends.size() - before > 1) std::sort(ends.begin() + static_cast<std::ptrdiff_t>(before), ends.end());
}

void glued_sentence_ends(std::string_view text, Span span, std::vector<std::size_t>& ends) {
  std::size_t cut = 0;
  for (std::size_t i = find_any<kGluedEndBytes>(text, span.begin, span.end); i < span.end;
       i = find_any<kGluedEndBytes>(text, i + 1, span.end)) {
    if (glued_end_at(text, span, i, cut)) ends.push_back(cut);
  }
}

std::size_t next_glued_end_candidate(std::string_view text, std::size_t from) {
  return find_any<kGluedEndBytes>(text, from, text.size());
}

namespace {

// Numbering styles of list markers: kind × punctuation.
enum Kind { kDigits, kLetters, kRoman, kUpperLetters, kUpperRoman };
// Bullets: one style per bullet character.
constexpr int kBulletStyles = 100;
// A numbering continues within this many markers.
constexpr std::size_t kMarkerLookBack = 8;
enum Form { kDot, kParen, kDotParen, kEnclosed };
constexpr int kForms = 4;

struct Candidate {
  ListMarker marker;
  int style[2] = {-1, -1};  // Kind * kForms + Form; a second reading for "i", "v", "x"
  int value[2] = {0, 0};
  std::size_t paragraph = 0;
  bool line_start = false;
  bool after_stop = false;  // after a terminator, a colon or a semicolon
  bool accepted = false;
};

int roman_value(std::string_view token) {
  static constexpr std::array<std::string_view, 12> kRomans{"i",   "ii",   "iii", "iv", "v",  "vi",
                                                            "vii", "viii", "ix",  "x",  "xi", "xii"};
  for (std::size_t k = 0; k < kRomans.size(); ++k) {
    if (token == kRomans[k]) return static_cast<int>(k) + 1;
  }
  return 0;
}

// The bullet starting at byte i: • ‣ ⁃ ◦ (list bullets that do not occur inside words).
std::size_t bullet_length(std::string_view text, std::size_t i) {
  if (i + 3 > text.size() || static_cast<uint8_t>(text[i]) != 0xE2) return 0;
  const std::string_view b = text.substr(i, 3);
  return (b == "\u2022" || b == "\u2023" || b == "\u2043" || b == "\u25E6") ? 3 : 0;
}

bool only_blanks_before(std::string_view text, std::size_t i) {
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  return i == 0 || text[i - 1] == '\n' || text[i - 1] == '\r';
}

// Whether the line break at i is followed by a blank line: a new paragraph.
bool blank_line_after(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
  return j < text.size() && text[j] == '\n';
}

// A bullet of `length` bytes at i is a candidate when a space or a digit follows it.
void add_bullet(std::string_view text, std::size_t i, std::size_t length, std::size_t paragraph,
                std::vector<Candidate>& candidates) {
  const std::size_t after = i + length;
  if (after < text.size() && (text[after] == ' ' || (text[after] >= '0' && text[after] <= '9'))) {
    Candidate bullet{{i, after}, {kBulletStyles + static_cast<uint8_t>(text[i + 2]), -1}};
    bullet.paragraph = paragraph;
    bullet.line_start = only_blanks_before(text, i);
    candidates.push_back(bullet);
  }
}

// Sets the readings of `token`, an enumerator in `form`, on `candidate`; false when it has none.
bool read_enumerator(std::string_view token, Form form, Candidate& candidate) {
  const bool digits = std::ranges::all_of(token, [](char d) { return d >= '0' && d <= '9'; });
  int readings = 0;
  auto read = [&](Kind kind, int value) {
    candidate.style[readings] = kind * kForms + form;
    candidate.value[readings] = value;
    ++readings;
  };
  if (digits && token.size() <= 2) {
    read(kDigits, std::stoi(std::string(token)));
  } else if (!digits) {
    std::string lower(token);
    for (char& l : lower) l = static_cast<char>(std::tolower(static_cast<unsigned char>(l)));
    const bool upper = lower != token;
    if (upper && token.size() > 1 && !std::ranges::all_of(token, [](char u) { return u >= 'A' && u <= 'Z'; })) {
      return false;
    }
    if (upper && !candidate.line_start) return false;  // "Jonas E. Smith": capitals only at a line start
    if (int roman = roman_value(lower); roman > 0) read(upper ? kUpperRoman : kRoman, roman);
    if (token.size() == 1) read(upper ? kUpperLetters : kLetters, lower[0] - 'a' + 1);
  }
  return readings > 0;
}

// An enumerator whose punctuation ('.' or ')') is at i: "12." "b)" "iv." "3.)", then a space.
// Adds it as a candidate if it is one; returns the offset of its last byte.
std::size_t add_enumerator(std::string_view text, std::size_t i, std::size_t paragraph,
                           std::vector<Candidate>& candidates) {
  const char c = text[i];
  Form form = c == '.' ? kDot : kParen;
  std::size_t end = i + 1;
  if (c == '.' && end < text.size() && text[end] == ')') {
    form = kDotParen;
    ++end;
  }
  if (end >= text.size() || (text[end] != ' ' && text[end] != '\t')) return end - 1;
  std::size_t begin = i;
  while (begin > 0 && i - begin < 4 && std::isalnum(static_cast<unsigned char>(text[begin - 1]))) --begin;
  const std::string_view token = text.substr(begin, i - begin);
  if (token.empty() || (begin > 0 && std::isalnum(static_cast<unsigned char>(text[begin - 1])))) return end - 1;
  // What precedes: the start of the text, white space, or a bullet (and white space).
  std::size_t marker_begin = begin;
  std::size_t p = begin;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  if (p >= 3 && bullet_length(text, p - 3) > 0) {
    marker_begin = p - 3;
    if (!candidates.empty() && candidates.back().marker.begin == marker_begin) candidates.pop_back();
  } else if (form == kParen && begin > 0 && text[begin - 1] == '(' &&
             (begin == 1 || std::isspace(static_cast<unsigned char>(text[begin - 2])))) {
    marker_begin = begin - 1;  // "(a)" "(2)"
    form = kEnclosed;
  } else if (begin > 0 && !std::isspace(static_cast<unsigned char>(text[begin - 1]))) {
    return end - 1;
  } else if (p >= 2 && text[p - 1] == '.' && std::isdigit(static_cast<unsigned char>(text[p - 2]))) {
    return end - 1;  // a number after a number's period is a date or a section: "21. 3. - 20. 4."
  }
  Candidate candidate{{marker_begin, end}};
  candidate.paragraph = paragraph;
  candidate.line_start = only_blanks_before(text, marker_begin);
  const UChar32 previous = code_point_before_blanks(text, marker_begin);
  candidate.after_stop = previous == '.' || previous == '!' || previous == '?' || previous == ':' || previous == ';';
  if (read_enumerator(token, form, candidate)) candidates.push_back(candidate);
  return end - 1;
}

// Every bullet and enumerator of `text` that could be a list marker, in order.
std::vector<Candidate> list_marker_candidates(std::string_view text) {
  std::vector<Candidate> candidates;
  std::size_t paragraph = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    i = find_any<kListBytes>(text, i, text.size());
    if (i >= text.size()) break;
    const char c = text[i];
    if (c == '\n') {
      paragraph += blank_line_after(text, i);
      continue;
    }
    if (const std::size_t length = bullet_length(text, i); length > 0) {
      add_bullet(text, i, length, paragraph, candidates);
      i += length - 1;
      continue;
    }
    if (c == '.' || c == ')') i = add_enumerator(text, i, paragraph, candidates);
  }
  return candidates;
}

// Accepts markers at the start of a line, repeated bullets, and numberings: items of one style in
// one paragraph, each the one before it plus 1, that start at a line or after a sentence (. ! ? :
// ;) or count three items or more from 1. "am 1. und 2. Mai" and "12, 6. … 7. októbra" are dates
// and figures.
void accept_markers(std::vector<Candidate>& candidates) {
  const std::size_t n = candidates.size();
  std::vector<std::ptrdiff_t> continues(n, -1);    // the item before this one in its numbering
  std::vector<std::size_t> first(n), items(n, 1);  // the numbering's first item, and its items so far
  for (std::size_t k = 0; k < n; ++k) {
    Candidate& current = candidates[k];
    first[k] = k;
    if (current.line_start) current.accepted = true;
    for (std::size_t j = k; j-- > 0 && k - j <= kMarkerLookBack && !current.accepted && continues[k] < 0;) {
      Candidate& previous = candidates[j];
      if (previous.paragraph != current.paragraph) break;
      for (int a = 0; a < 2; ++a) {
        for (int b = 0; b < 2; ++b) {
          if (current.style[a] < 0 || current.style[a] != previous.style[b]) continue;
          if (current.style[a] >= kBulletStyles) {
            current.accepted = previous.accepted = true;
          } else if (continues[k] < 0 && current.value[a] == previous.value[b] + 1 &&
                     (continues[j] >= 0 || previous.value[b] == 1 || previous.line_start || previous.after_stop)) {
            continues[k] = static_cast<std::ptrdiff_t>(j);
            first[k] = first[j];
            items[k] = items[j] + 1;
          }
        }
      }
    }
  }
  // Backwards, so that a numbering's third item accepts the two before it.
  for (std::size_t k = n; k-- > 0;) {
    if (continues[k] < 0) continue;
    const Candidate& head = candidates[first[k]];
    if (candidates[k].accepted || head.line_start || head.after_stop || items[k] >= 3) {
      candidates[k].accepted = candidates[static_cast<std::size_t>(continues[k])].accepted = true;
    }
  }
}

}  // namespace

void find_list_markers(std::string_view text, std::vector<ListMarker>& markers) {
  std::vector<Candidate> candidates = list_marker_candidates(text);
  accept_markers(candidates);
  for (const Candidate& candidate : candidates) {
    if (candidate.accepted) markers.push_back(candidate.marker);
  }
}

}  // namespace precis::detail
