// Language identification: which language a text is written in.
//
//   precis::LanguageGuess guess = precis::detect_language(text);
//   guess.language;     // "de": the language precis uses for the text
//   guess.confidence;   // 0.998
//   guess.candidates;   // {"de", 0.998}, {"nl", 0.001}, ...
//
// The script decides first: a script that one language precis treats writes alone (Greek, Armenian,
// Hangul, Thai, Han without kana, ...) names it. Within the scripts that several share (Latin,
// Cyrillic, Arabic, Devanagari), a naive Bayes model of character 1-4-grams and whole words tells
// the languages apart (cpp/data/language, embedded at build time; nothing is loaded at run time).
// Long texts are read from a bounded sample: all of a text of up to kLanguageSampleBytes, otherwise
// kLanguageSampleWindows windows of kLanguageSampleBytes / kLanguageSampleWindows bytes spread
// evenly from its start to its end, each cut at white space. Deterministic, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "precis/fields.hpp"

namespace precis {

inline constexpr std::size_t kLanguageSampleBytes = 2048;
inline constexpr std::size_t kLanguageSampleWindows = 4;

// A language and how probable the text makes it.
struct LanguageScore {
  std::string language;
  double probability = 0.0;

  static constexpr auto fields() {
    return std::tuple{field("language", &LanguageScore::language, "ISO 639-1 code."),
                      field("probability", &LanguageScore::probability, "Probability of the language, 0 to 1.")};
  }
  bool operator==(const LanguageScore&) const = default;
};

struct LanguageGuess {
  std::string language;
  double confidence = 0.0;
  bool reliable = false;
  std::vector<LanguageScore> candidates;

  static constexpr auto fields() {
    return std::tuple{
        field("language", &LanguageGuess::language,
              "ISO 639-1 code of the language precis uses: the most probable one when reliable, otherwise the "
              "script's usual language (Latin: en, Cyrillic: ru, Arabic: ar, Devanagari: hi)."),
        field("confidence", &LanguageGuess::confidence,
              "Probability of the most probable language, 0 to 1 (0 when the text has no letters)."),
        field("reliable", &LanguageGuess::reliable,
              "The text has enough letters and the most probable language is clearly ahead; when false, "
              "summaries warn 'language_uncertain'."),
        field("candidates", &LanguageGuess::candidates,
              "The most probable languages, most probable first (at most 3)."),
    };
  }
  bool operator==(const LanguageGuess&) const = default;
};

// The language of `text` (UTF-8; ill-formed sequences are skipped). Never throws for any input.
LanguageGuess detect_language(std::string_view text);

// The languages detect_language can name, sorted.
std::vector<std::string> detectable_languages();

}  // namespace precis
