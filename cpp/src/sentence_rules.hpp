// Internal: the sentence boundary rules precis applies on top of ICU's sentence BreakIterator.
//
// ICU (UAX #29) ends a sentence after every '.', '!' or '?' followed by a space and anything but a
// lowercase letter. That is wrong after abbreviations ("Mr. Smith", "U.S. Government", "p. 55",
// "Rp. 50.000"), initials and labels ("Jonas E. Smith", "Q. Why?"), list markers ("1. The first
// item"), inside ellipses (". . ."), after "Yahoo! in", before a quotation's attribution ("'Why?'
// he asked", "“Sure?” I asked him"), before citation markers ("in 1851.[3]") and before trailing
// punctuation ("маму?»."). It misses ends with no space ("world.Today", "trial.4 5 The", "．"),
// after "…", and between inline list items ("1) one 2) two"). A Segmenter keeps
// ICU's boundaries where these rules agree, drops the others and adds the missing ones; it only
// looks at the bytes around each boundary.
//
// The per-language facts are data, cpp/data/segmentation/<code>.txt (format in the README
// there; mul.txt applies to every language), embedded at build time by
// precisEmbedLanguageData.cmake:
//   [titles]         words that precede a name or a number and never end a sentence ("Mr", "p");
//   [abbreviations]  words that end a sentence only before a sentence starter ("etc", "Inc");
//   [times]          "a.m": ends a sentence before a capital unless the sentence so far is only
//                    the time phrase ("At 5 a.m. Mr. Smith went" goes on);
//   [options]        "ordinal_numbers": "12." is an ordinal ("am 12. Juni"), not a sentence end;
//                    "colon_ends_sentence": ": " before a capital ends one (Armenian "։" typed as ":");
//                    "space_ends_sentence": a space inside a script written without spaces
//                    between words ends a sentence (Thai), see space_ends;
//   [final_endings]  word endings that end a sentence before white space with no punctuation
//                    (Korean "-다", "-요"), less the words in [not_final] ("보다");
//   [not_initial]    words that go on a sentence after a space ("และ", and);
//   [speech_verbs]   "said", "asked": the attribution after a quotation stays with it;
//   [exclamation_names] "Yahoo": names written with '!', which a capital does not end.
// Sentence starters are the capitalized stopwords of the language (cpp/data/stopwords) and the
// words of [starters]: "It", "The", "Hvad", "Die", "However". Rule families that need no list
// (initials, multi-period abbreviations, ellipses, lists, "!" before lowercase, glued sentences,
// CJK title brackets) are code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "precis/types.hpp"

namespace precis::detail {

// The rules text for an ISO 639-1 code, or an empty view (generated from data/segmentation).
std::string_view builtin_segmentation_rules(std::string_view language) noexcept;
std::vector<std::string_view> builtin_segmentation_rules_languages();

// A list item marker inside running text: "1." "2.)" "b)" "iv." "• 9." "⁃10.".
struct ListMarker {
  std::size_t begin = 0;
  std::size_t end = 0;  // just after the marker's punctuation
};

// Appends the list markers of `text` in order: the items of a numbering in one paragraph that
// starts at a line or after a sentence, or counts three items or more ("1. … 2. … 3. …", "Steps:
// a) … b) …"), repeated inline bullets ("• … • …"), and markers at the start of a line. A
// sentence boundary goes before each, never right after one.
void find_list_markers(std::string_view text, std::vector<ListMarker>& markers);

// Appends the ends of sentences glued to the next one without a space inside `span`: "a
// speech.Photo by", "$10.9bn.For". Only between two lowercase letters and a capital followed by a
// letter, so "U.S.Army", "e.g.The", "3.5" and "example.com" stay whole. Each end is the offset of
// the capital.
void glued_sentence_ends(std::string_view text, Span span, std::vector<std::size_t>& ends);
// The first '.', '!' or '?' of `text` at or after `from`, or text.size(): glued_sentence_ends finds
// nothing in a span without one, so a caller walking spans in order can skip most of them.
std::size_t next_glued_end_candidate(std::string_view text, std::size_t from);

// Hashes std::string and std::string_view alike, so that a set of words is searched without a copy.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view word) const noexcept { return std::hash<std::string_view>{}(word); }
};
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

// What a text tells about itself, read once before its boundaries are judged (the orthographic
// evidence of Punkt, Kiss & Strunk 2006).
struct TextEvidence {
  // The text starts its sentences in lower case (chat, e-mail, web comments): at least two, and at
  // least half, of the letters that follow a word's '.', '!' or '?' and a space on the same line
  // are lowercase (abbreviations, initials and ordinals not counted).
  bool lowercase_starts = false;
  // Lowercased words that follow an abbreviation with a capital ("moved to the U.K. Prices") and
  // that the text around them (a few kilobytes) writes in lower case and never capitalized inside
  // a sentence: ordinary words, so the capital starts a sentence. A word the text also capitalizes
  // mid-sentence is a name ("the U.S. Army … the Army said").
  WordSet common_words;
  // Words the text writes with '!' inside a sentence, before a lowercase word ("asked Yahoo! about
  // it"): names, after which a capital ("Yahoo! News") does not start a sentence unless it is a
  // sentence starter.
  WordSet exclaimed_names;
};

// Immutable; shared by all calls for one language.
class SentenceRules {
 public:
  // `language` is a primary subtag ("en"); a language without a rules file gets only the rules
  // in code. With `abbreviations` false the lists and the initials rule are not used.
  SentenceRules(std::string_view language, bool abbreviations);

  // What `text` tells about itself.
  TextEvidence evidence(std::string_view text) const;

  // Where the sentence that begins at `begin` ends, given `boundary`, a boundary ICU found
  // (begin < boundary < text.size()): 0 when it does not end there, else `boundary` or an offset
  // before it (ICU leaves opening brackets written without a space on the sentence before:
  // "雨です。「本当？」" ends before "「").
  std::size_t sentence_end(std::string_view text, std::size_t begin, std::size_t boundary,
                           const TextEvidence& evidence) const;

  // Appends the sentence ends inside `span` (a sentence) that ICU does not find: after "…"
  // before a capital, after citation markers ("1851.[3] Its") and footnote numbers ("trial.4 5
  // The"), after the fullwidth full stop "．", before a number or an ellipsis that opens a
  // sentence ("raak. 81 procent", "raak. ...en"), before a dash that opens a line of dialogue
  // ("komitety. - A co czuję?": Unicode's rules never break before a dash) and around quotes typed
  // as two commas or two apostrophes (",, Mijn ... houden. '' Veertig"), after a word in a final
  // ending (Korean), at a space between Thai phrases (space_ends), at an Armenian colon, a Chinese
  // "；", glued sentences when `glued`, and before a lowercase word after a period that follows
  // four or more lowercase letters not after a number ("skalę. chodź", not "1 mill. indbyggere")
  // or, when the text starts its sentences in lower case, after any terminator, abbreviations
  // aside.
  void missing_ends(std::string_view text, Span span, bool glued, const TextEvidence& evidence,
                    std::vector<std::size_t>& ends) const;

 private:
  std::size_t ends_sentence(std::string_view text, Span left, std::size_t boundary, const TextEvidence& evidence) const;
  bool ends_after_time(std::string_view text, std::size_t begin, std::size_t word_begin, std::size_t next) const;
  // Whether the text at `next` is a quotation's attribution: a few words with a speech verb (the
  // last of them when the quotation is a statement, ending with a period).
  bool attribution_follows(std::string_view text, std::size_t next, bool quoted_statement) const;
  // The kinds (kTitle | kAbbreviation | kTime) of `word`, given `folded`, `word` lowercased.
  uint8_t kinds(std::string_view word, std::string_view folded) const;
  bool is_starter(std::string_view text, std::size_t at) const;
  // How the period at `period` ends a sentence whose next character is at `next`.
  enum class PeriodEnd { kNo, kYes, kBeforeStarter, kBeforeStarterOrCommonWord };
  PeriodEnd period_end(std::string_view text, std::size_t begin, std::size_t period, std::size_t next) const;
  bool ends_after_period(std::string_view text, std::size_t begin, std::size_t period, std::size_t next,
                         const TextEvidence& evidence) const;
  // Whether the terminator at `i` is followed by the opening of a sentence that ICU does not
  // break before (its offset in `cut`): a dash that opens a line of dialogue ("komitety. - A co"),
  // an opening quote typed as two commas (",, Mijn"), or the next word after a closing quote typed
  // as two apostrophes ("houden. '' Veertig").
  bool opening_after(std::string_view text, Span span, std::size_t i, const TextEvidence& evidence,
                     std::size_t& cut) const;
  // Whether the ASCII terminator at `i` ends a sentence after the citation markers that follow it
  // ("in 1851.[3] Its"); the next sentence's offset in `cut`.
  bool cited_end_at(std::string_view text, Span span, std::size_t i, const TextEvidence& evidence,
                    std::size_t& cut) const;
  // Whether the terminator at `i` ends a sentence after the footnote numbers glued to it ("trial.4 5
  // The", "half.3,4 The", "war.¹² Trade"); the next sentence's offset in `cut`.
  bool footnote_end_at(std::string_view text, Span span, std::size_t i, const TextEvidence& evidence,
                       std::size_t& cut) const;
  // Whether the ASCII terminator at `i` ends a sentence before a lowercase word (abbreviations,
  // initials and ordinals aside); the next sentence's offset in `cut`.
  bool lowercase_sentence_after(std::string_view text, Span span, std::size_t i, const TextEvidence& evidence,
                                std::size_t& cut) const;
  // The sentence ends inside `span` after words in a final ending ([final_endings]).
  void final_ending_ends(std::string_view text, Span span, std::vector<std::size_t>& ends) const;
  // The sentence ends inside `span` at spaces between letters of a script that writes no spaces
  // between words (Line_Break=SA: Thai, Lao, Khmer, Myanmar), where a space separates phrases
  // and sentences: when the text before it since the last end and the phrase after it (up to the
  // next such space) each hold kMinPhraseCodePoints code points, no bracket or quote is open, the
  // phrase after does not start with a word of [not_initial] and the text before does not end
  // with one of [not_final] (whole words, by ICU's dictionary).
  void space_ends(std::string_view text, Span span, std::vector<std::size_t>& ends) const;
  static constexpr std::size_t kMinPhraseCodePoints = 10;

  bool abbreviations_ = true;
  bool ordinal_numbers_ = false;
  bool colon_ends_sentence_ = false;
  bool semicolon_ends_sentence_ = false;
  bool space_ends_sentence_ = false;
  // The lists, word → kinds. Entries written with a capital match exactly (exact_); lowercase
  // entries match any case (folded_, looked up with the word lowercased).
  // kNumbering: "No", "p", "fig": never ends a sentence before a number ("No. 5", "p. 55"),
  // otherwise an ordinary word ("Yes. No. Maybe." and "I said no. Then he left" end after it).
  static constexpr uint8_t kTitle = 1, kAbbreviation = 2, kTime = 4, kNumbering = 8;
  std::unordered_map<std::string_view, uint8_t> exact_, folded_;
  std::unordered_set<std::string_view> starters_;  // lowercase stopwords and [starters]
  std::vector<std::string_view> final_endings_, not_final_, not_initial_;
  std::unordered_set<std::string_view> speech_verbs_;       // [speech_verbs]: "said" after a quotation
  std::unordered_set<std::string_view> exclamation_names_;  // [exclamation_names]: "Yahoo" of "Yahoo!"
};

}  // namespace precis::detail
