// Language identification (precis/language.hpp): the script first, then a naive Bayes model of
// character n-grams and whole words among the languages that share the script.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "language.hpp"
#include "precis/language.hpp"
#include "utf8_text.hpp"

namespace precis {
namespace {

// Scripts that one language precis treats writes alone: the script names the language.
struct ScriptLanguage {
  UScriptCode script;
  std::string_view language;
};
constexpr std::array<ScriptLanguage, 9> kScriptLanguages{{
    {USCRIPT_HAN, "zh"},
    {USCRIPT_HANGUL, "ko"},
    {USCRIPT_THAI, "th"},
    {USCRIPT_GREEK, "el"},
    {USCRIPT_HEBREW, "he"},
    {USCRIPT_ARMENIAN, "hy"},
    {USCRIPT_GEORGIAN, "ka"},
    {USCRIPT_ETHIOPIC, "am"},
    {USCRIPT_MYANMAR, "my"},
}};
constexpr std::size_t kHan = 0;  // Japanese counts Han with its kana
static_assert(kScriptLanguages[kHan].script == USCRIPT_HAN);

// Scripts several languages share: the model decides among the languages whose file names the
// script (its ISO 15924 code), and the script's usual language stands in when the model cannot.
struct SharedScript {
  UScriptCode script;
  std::string_view code;
  std::string_view usual_language;
};
constexpr std::array<SharedScript, 4> kSharedScripts{{
    {USCRIPT_LATIN, "Latn", "en"},  // first: kLatin
    {USCRIPT_CYRILLIC, "Cyrl", "ru"},
    {USCRIPT_ARABIC, "Arab", "ar"},
    {USCRIPT_DEVANAGARI, "Deva", "hi"},
}};
constexpr std::size_t kLatin = 0;  // ASCII letters, and the script of text without letters
static_assert(kSharedScripts[kLatin].script == USCRIPT_LATIN);
// Kana, with or without Han, names Japanese.
constexpr std::string_view kKanaLanguage = "ja";

// The model's features: character n-grams of 1 to kMaxOrder code points of a word padded with
// '_' at both ends, and the padded word itself when it is longer than the n-grams reach.
constexpr int kMaxOrder = 4;
constexpr int kKinds = kMaxOrder + 1;  // the n-gram orders, then whole words
constexpr UChar32 kWordEnd = '_';
// Costs are -ln p in tenths of a nat (python/tools/make_language_model.py).
constexpr double kCostScale = 10.0;
// The n-grams of one word overlap and are far from independent: the summed log-likelihoods are
// divided by this before they become probabilities, so a confidence of 0.9 is right about 9
// times in 10 on short texts (measured on the UD dev sentences, benchmarks/eval_language.py).
constexpr double kTemperature = 6.0;
// Fewer letters than this, or a lower probability for the best language, and the guess is not
// reliable.
constexpr std::size_t kMinLetters = 8;
constexpr double kMinConfidence = 0.5;
// Han, kana and Hangul letters are counted as this many letters when scripts are compared: one
// of them carries about what a short alphabetic word does.
constexpr std::size_t kSyllabicWeight = 3;
constexpr std::size_t kMaxCandidates = 3;
// Reading stops once the best language is this many times as probable as the next one, after at
// least this many words: more text would not change the answer, only cost time.
constexpr double kDecisiveOdds = 1e6;
constexpr std::size_t kMinWordsBeforeDecisive = 16;

uint64_t hash_step(uint64_t hash, UChar32 c) { return (hash ^ static_cast<uint32_t>(c)) * 0x100000001b3ULL; }
constexpr uint64_t kHashStart = 0xcbf29ce484222325ULL;

// Features hashed to 64 bits → a row of one cost per language; open addressing, linear probing.
class FeatureTable {
 public:
  void reserve(std::size_t features) {
    std::size_t capacity = 16;
    while (capacity < 2 * features) capacity *= 2;
    keys_.assign(capacity, 0);
    rows_.assign(capacity, 0);
  }
  // The row of `key`, added as `next_row` if new.
  uint32_t insert(uint64_t key, uint32_t next_row) {
    key |= 1;  // 0 marks an empty slot
    for (std::size_t i = key & (keys_.size() - 1);; i = (i + 1) & (keys_.size() - 1)) {
      if (keys_[i] == key) return rows_[i];
      if (keys_[i] == 0) {
        keys_[i] = key;
        rows_[i] = next_row;
        return next_row;
      }
    }
  }
  // The row of `key`, or -1.
  int64_t find(uint64_t key) const {
    key |= 1;
    for (std::size_t i = key & (keys_.size() - 1);; i = (i + 1) & (keys_.size() - 1)) {
      if (keys_[i] == key) return rows_[i];
      if (keys_[i] == 0) return -1;
    }
  }

 private:
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> rows_;
};

struct ScriptModel {
  std::vector<std::string> languages;
  std::vector<std::array<uint16_t, kKinds>> unseen;  // per language, the cost of an unseen feature
  FeatureTable table;
  std::vector<uint16_t> costs;  // row-major: one row of languages.size() costs per feature
};

uint64_t feature_hash(std::u32string_view padded) {
  uint64_t hash = kHashStart;
  for (const UChar32 c : padded) hash = hash_step(hash, c);
  return hash;
}

struct Feature {
  uint64_t key;
  uint16_t cost;
  uint8_t kind;  // 0-3: n-grams of 1-4 code points, 4: whole words
};

// Parses one language's file: "#script Xxxx", "#unseen c1 ... c5", then "feature<TAB>cost" lines.
void add_language(ScriptModel& model, std::string_view code, std::string_view file,
                  std::vector<std::vector<Feature>>& features) {
  const std::size_t language = model.languages.size();
  model.languages.emplace_back(code);
  model.unseen.emplace_back();
  features.emplace_back();
  std::size_t position = 0;
  while (position < file.size()) {
    std::size_t end = file.find('\n', position);
    if (end == std::string_view::npos) end = file.size();
    const std::string_view line = file.substr(position, end - position);
    position = end + 1;
    if (line.starts_with("#unseen ")) {
      const char* at = line.data() + 8;
      for (uint16_t& cost : model.unseen[language]) at = std::from_chars(at, line.data() + line.size(), cost).ptr + 1;
      continue;
    }
    if (line.starts_with('#')) continue;
    const std::size_t tab = line.find('\t');
    std::u32string padded;
    const auto* bytes = reinterpret_cast<const uint8_t*>(line.data());
    for (int32_t i = 0; i < static_cast<int32_t>(tab);) {
      UChar32 c;
      U8_NEXT(bytes, i, static_cast<int32_t>(tab), c);
      padded.push_back(c);
    }
    uint16_t cost = 0;
    std::from_chars(line.data() + tab + 1, line.data() + line.size(), cost);
    const auto kind = static_cast<uint8_t>(std::min<std::size_t>(padded.size(), kKinds) - 1);
    features[language].push_back({feature_hash(padded), cost, kind});
  }
}

// The models of the shared scripts, read once from the embedded files.
const std::array<ScriptModel, kSharedScripts.size()>& script_models() {
  static const auto models = [] {
    std::array<ScriptModel, kSharedScripts.size()> built;
    for (std::size_t s = 0; s < kSharedScripts.size(); ++s) {
      ScriptModel& model = built[s];
      std::vector<std::vector<Feature>> features;
      const std::string header = "#script " + std::string(kSharedScripts[s].code) + "\n";
      for (const std::string_view code : detail::builtin_language_model_languages()) {
        const std::string_view file = detail::builtin_language_model(code);
        if (file.starts_with(header)) add_language(model, code, file, features);
      }
      std::size_t total = 0;
      for (const auto& list : features) total += list.size();
      model.table.reserve(total);
      const std::size_t width = model.languages.size();
      uint32_t rows = 0;
      for (std::size_t language = 0; language < width; ++language) {
        for (const Feature& feature : features[language]) {
          const uint32_t row = model.table.insert(feature.key, rows);
          if (row == rows) {
            ++rows;
            // A language that lacks the feature pays its unseen cost of the feature's kind.
            for (std::size_t other = 0; other < width; ++other) {
              model.costs.push_back(model.unseen[other][feature.kind]);
            }
          }
          model.costs[std::size_t{row} * width + language] = feature.cost;
        }
      }
    }
    return built;
  }();
  return models;
}

bool is_mark(UChar32 c) { return (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_MC_MASK)) != 0; }

// What one pass over the sample gathers: letters per script, and the words of the shared scripts.
struct SampleWords {
  std::array<std::size_t, kScriptLanguages.size()> single{};
  std::array<std::size_t, kSharedScripts.size()> shared{};
  std::size_t kana = 0;
  std::size_t letters = 0;  // weighted, as compared between scripts
  std::u32string buffer;    // the words, lowercased, each padded with kWordEnd
  struct Word {
    std::size_t begin, size;
    std::size_t script;  // index into kSharedScripts
    std::size_t window;  // which window of the sample it came from
  };
  std::vector<Word> words;
};

void read_window(std::string_view text, std::size_t window, SampleWords& sample) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  std::size_t word_begin = 0;
  std::size_t word_script = kSharedScripts.size();  // none: not inside a word
  auto end_word = [&] {
    if (word_script < kSharedScripts.size()) {
      sample.buffer.push_back(kWordEnd);
      sample.words.push_back({word_begin, sample.buffer.size() - word_begin, word_script, window});
      word_script = kSharedScripts.size();
    }
  };
  // A letter, lowercased, of the shared script `shared`: it starts or continues a word.
  auto add_letter = [&](std::size_t shared, UChar32 lowered) {
    ++sample.letters;
    ++sample.shared[shared];
    if (word_script != shared) {
      end_word();
      word_script = shared;
      word_begin = sample.buffer.size();
      sample.buffer.push_back(kWordEnd);
    }
    sample.buffer.push_back(lowered);
  };
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {  // ASCII, most of most text: no ICU lookups
      const auto a = static_cast<char>(bytes[i++]);
      if (a >= 'A' && a <= 'Z') {
        add_letter(kLatin, a - 'A' + 'a');
      } else if (a >= 'a' && a <= 'z') {
        add_letter(kLatin, a);
      } else {
        end_word();
      }
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && is_mark(c) && word_script < kSharedScripts.size()) {
      sample.buffer.push_back(c);
      continue;
    }
    if (c < 0 || !u_isalpha(c)) {
      end_word();
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    const auto shared = std::ranges::find(kSharedScripts, script, &SharedScript::script);
    if (shared != kSharedScripts.end()) {
      add_letter(static_cast<std::size_t>(shared - kSharedScripts.begin()), u_tolower(c));
      continue;
    }
    end_word();
    const bool syllabic =
        script == USCRIPT_HAN || script == USCRIPT_HANGUL || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
    const std::size_t weight = syllabic ? kSyllabicWeight : 1;
    sample.letters += weight;
    if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) sample.kana += weight;
    const auto single = std::ranges::find(kScriptLanguages, script, &ScriptLanguage::script);
    if (single != kScriptLanguages.end())
      sample.single[static_cast<std::size_t>(single - kScriptLanguages.begin())] += weight;
  }
  end_word();
}

// An ASCII white-space byte: window edges move to one, never into a multi-byte character (the
// text may be ill-formed, so code points are not decoded here).
bool is_space_byte(char byte) { return static_cast<unsigned char>(byte) < 0x80 && detail::is_space(byte); }

// Moves `at` forward past the rest of a word and its white space, staying within `limit`.
std::size_t after_white_space(std::string_view text, std::size_t at, std::size_t limit) {
  while (at < limit && !is_space_byte(text[at])) ++at;
  while (at < limit && is_space_byte(text[at])) ++at;
  return at;
}

SampleWords read_sample(std::string_view text) {
  SampleWords sample;
  // A code point per byte at most, and a word end on either side of a word.
  const std::size_t bytes = std::min(text.size(), kLanguageSampleBytes);
  sample.buffer.reserve(2 * bytes + 2);
  sample.words.reserve(bytes / 2 + 1);
  if (text.size() <= kLanguageSampleBytes) {
    read_window(text, 0, sample);
    return sample;
  }
  const std::size_t window = kLanguageSampleBytes / kLanguageSampleWindows;
  for (std::size_t k = 0; k < kLanguageSampleWindows; ++k) {
    const std::size_t begin = (text.size() - window) * k / (kLanguageSampleWindows - 1);
    const std::size_t end = begin + window;
    // A window starts after white space (unless the text has none there, as in Chinese) and
    // ends before it, so no word is cut.
    std::size_t from = k == 0 ? 0 : after_white_space(text, begin, end);
    if (from == end) from = begin;
    std::size_t to = end;
    if (k + 1 < kLanguageSampleWindows) {
      while (to > from && !is_space_byte(text[to - 1])) --to;
      if (to == from) to = end;
    }
    // Ill-formed edges (a cut UTF-8 sequence) are skipped by the reader.
    read_window(text.substr(from, to - from), k, sample);
  }
  return sample;
}

LanguageGuess guess_in_shared_script(const SampleWords& sample, std::size_t script) {
  const ScriptModel& model = script_models()[script];
  const std::size_t width = model.languages.size();
  // Costs of the features found, summed per language (the rows hold every language's cost, so
  // this loop is plain vectorizable adds), and the count of unseen features per kind.
  std::vector<uint32_t> found(width, 0);
  std::array<uint32_t, kKinds> unseen{};
  auto score = [&](uint64_t hash, std::size_t kind) {
    const int64_t row = model.table.find(hash);
    if (row < 0) {
      ++unseen[kind];
      return;
    }
    const uint16_t* costs = &model.costs[static_cast<std::size_t>(row) * width];
    for (std::size_t l = 0; l < width; ++l) found[l] += costs[l];
  };
  auto score_word = [&](const SampleWords::Word& word) {
    const std::u32string_view padded(sample.buffer.data() + word.begin, word.size);
    for (std::size_t begin = 0; begin < padded.size(); ++begin) {
      uint64_t hash = kHashStart;
      for (std::size_t n = 1; n <= kMaxOrder && begin + n <= padded.size(); ++n) {
        hash = hash_step(hash, padded[begin + n - 1]);
        if (n == 1 && padded[begin] == kWordEnd) continue;  // a lone word end is no feature
        score(hash, n - 1);
      }
    }
    if (padded.size() > kMaxOrder) score(feature_hash(padded), kMaxOrder);
  };
  std::vector<double> cost(width);
  auto total_costs = [&] {
    for (std::size_t l = 0; l < width; ++l) {
      cost[l] = found[l];
      for (std::size_t kind = 0; kind < kKinds; ++kind) cost[l] += double(unseen[kind]) * model.unseen[l][kind];
    }
  };
  // The words are scored a word from each window at a time, so that every part of the sample has
  // been heard when the evidence becomes decisive and the rest is skipped.
  std::array<std::vector<const SampleWords::Word*>, kLanguageSampleWindows> windows;
  for (const SampleWords::Word& word : sample.words) {
    if (word.script == script) windows[word.window].push_back(&word);
  }
  const double decisive_gap = kCostScale * kTemperature * std::log(kDecisiveOdds);
  std::size_t scored = 0;
  for (std::size_t round = 0;; ++round) {
    bool any = false;
    for (const auto& words : windows) {
      if (round >= words.size()) continue;
      score_word(*words[round]);
      any = true;
      ++scored;
    }
    if (!any) break;
    if (scored >= kMinWordsBeforeDecisive && width > 1) {
      total_costs();
      double best = cost[0], second = std::numeric_limits<double>::infinity();
      for (std::size_t l = 1; l < width; ++l) {
        second = std::min(second, std::max(best, cost[l]));
        best = std::min(best, cost[l]);
      }
      if (second - best >= decisive_gap) break;
    }
  }
  total_costs();
  // Probabilities: a softmax over the tempered log-likelihoods, in an order fixed by cost, then
  // by code, so ties are broken the same way on every run.
  std::vector<std::size_t> order(width);
  for (std::size_t l = 0; l < width; ++l) order[l] = l;
  std::ranges::sort(order, [&](std::size_t a, std::size_t b) {
    return cost[a] != cost[b] ? cost[a] < cost[b] : model.languages[a] < model.languages[b];
  });
  std::vector<double> probability(width);
  double total = 0.0;
  for (std::size_t l = 0; l < width; ++l) {
    probability[l] = std::exp(-(cost[l] - cost[order[0]]) / (kCostScale * kTemperature));
    total += probability[l];
  }
  LanguageGuess guess;
  for (std::size_t k = 0; k < std::min(kMaxCandidates, width); ++k) {
    guess.candidates.push_back({model.languages[order[k]], probability[order[k]] / total});
  }
  const LanguageScore& best = guess.candidates.front();
  guess.reliable = sample.shared[script] >= kMinLetters && best.probability >= kMinConfidence;
  guess.language = guess.reliable ? best.language : std::string(kSharedScripts[script].usual_language);
  guess.confidence = 0.0;
  for (std::size_t l = 0; l < width; ++l) {
    if (model.languages[l] == guess.language) guess.confidence = probability[l] / total;
  }
  return guess;
}

// The guess for a language its script names: as sure as the script's share of the letters.
LanguageGuess named_by_script(std::string_view language, std::size_t letters_of_script, std::size_t letters) {
  LanguageGuess guess;
  guess.language = language;
  guess.confidence = double(letters_of_script) / double(letters);
  guess.reliable = letters_of_script >= kMinLetters && guess.confidence >= kMinConfidence;
  guess.candidates.push_back({guess.language, guess.confidence});
  return guess;
}

}  // namespace

LanguageGuess detect_language(std::string_view text) {
  const SampleWords sample = read_sample(text);
  // Japanese mixes kana with Han: any real share of kana means Japanese.
  if (sample.kana * 10 > sample.letters) {
    return named_by_script(kKanaLanguage, sample.kana + sample.single[kHan], sample.letters);
  }
  const auto best_single = std::ranges::max_element(sample.single);
  const auto best_shared = std::ranges::max_element(sample.shared);
  if (*best_single > *best_shared) {
    const std::size_t k = static_cast<std::size_t>(best_single - sample.single.begin());
    return named_by_script(kScriptLanguages[k].language, *best_single, sample.letters);
  }
  if (*best_shared == 0) {  // no letters, or only of scripts precis has no language for
    LanguageGuess guess;
    guess.language = kSharedScripts[kLatin].usual_language;
    return guess;
  }
  return guess_in_shared_script(sample, static_cast<std::size_t>(best_shared - sample.shared.begin()));
}

std::vector<std::string> detectable_languages() {
  std::vector<std::string> languages{std::string(kKanaLanguage)};
  for (const ScriptLanguage& entry : kScriptLanguages) languages.emplace_back(entry.language);
  for (const ScriptModel& model : script_models()) {
    languages.insert(languages.end(), model.languages.begin(), model.languages.end());
  }
  std::ranges::sort(languages);
  return languages;
}

}  // namespace precis
