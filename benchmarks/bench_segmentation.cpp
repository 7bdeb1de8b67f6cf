// Sentence segmentation throughput: precis::Segmenter::split_sentences against bare ICU, in one
// run on the same text, so the ratio holds on a noisy machine.
//
//   make bench-segmentation
//   (or: build/bench/benchmarks/bench_segmentation [--repeat N] ../shared/corpus/en-gutenberg/*.txt)
//
// The files are concatenated (files that are not valid UTF-8 are skipped, with a message). "bare
// ICU" is what precis builds on: a sentence BreakIterator for "en", iterated to the end (no spans
// kept), over a UText on the UTF-8 bytes, and over a UTF-16 copy (the copy timed too), which is
// how precis runs it.
// "ICU @ss=standard" is the same with ICU's abbreviation suppressions. Each figure is the best of
// --repeat runs (default 5), the four measured in turn in every round.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "precis/error.hpp"
#include "precis/segmenter.hpp"

namespace {

// Boundaries of a clone of `prototype` over `text`: through a UText on the UTF-8 bytes, or (`utf16`)
// over a UTF-16 copy made by u_strFromUTF8, the copy included in the time.
std::size_t icu_boundaries(const std::string& text, const icu::BreakIterator& prototype, bool utf16 = false) {
  std::unique_ptr<icu::BreakIterator> it(prototype.clone());
  UErrorCode status = U_ZERO_ERROR;
  std::vector<UChar> units;
  UText* utext = nullptr;
  if (utf16) {
    units.resize(text.size() + 1);
    int32_t length = 0;
    u_strFromUTF8(units.data(), static_cast<int32_t>(units.size()), &length, text.data(),
                  static_cast<int32_t>(text.size()), &status);
    utext = utext_openUChars(nullptr, units.data(), length, &status);
  } else {
    utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  }
  it->setText(utext, status);
  std::size_t count = 0;
  for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) ++count;
  utext_close(utext);
  if (U_FAILURE(status)) std::abort();
  return count;
}

template <typename Run>
double seconds(Run run) {
  const auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 5;
  std::string text;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
      continue;
    }
    std::ifstream in(arg, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", arg.c_str());
      return 2;
    }
    const std::string content{std::istreambuf_iterator<char>(in), {}};
    try {
      precis::check_utf8(content);
    } catch (const precis::Error& error) {
      std::fprintf(stderr, "skipped %s: %s\n", arg.c_str(), error.what());
      continue;
    }
    text += content;
    text += "\n\n";
  }
  if (text.empty()) {
    std::fprintf(stderr, "usage: bench_segmentation [--repeat N] FILE...\n");
    return 2;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> plain(icu::BreakIterator::createSentenceInstance(icu::Locale("en"), status));
  std::unique_ptr<icu::BreakIterator> standard(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
  if (U_FAILURE(status)) return 1;
  const precis::Segmenter segmenter({.language = "en"});

  // Check before timing: every sentence is a non-empty slice, in order.
  const std::vector<precis::Sentence> sentences = segmenter.split_sentences(text);
  std::size_t previous = 0;
  for (const precis::Sentence& s : sentences) {
    if (s.span.begin < previous || s.span.end <= s.span.begin || s.span.end > text.size()) return 1;
    previous = s.span.end;
  }
  const std::size_t icu_count = icu_boundaries(text, *plain);

  if (icu_boundaries(text, *plain, /*utf16=*/true) != icu_count) {
    std::fprintf(stderr, "ICU found different boundaries over UTF-16 and over UTF-8\n");
    return 1;
  }

  double best_icu = 1e9, best_icu16 = 1e9, best_standard = 1e9, best_precis = 1e9;
  for (int r = 0; r < repeat; ++r) {
    best_icu = std::min(best_icu, seconds([&] { icu_boundaries(text, *plain); }));
    best_icu16 = std::min(best_icu16, seconds([&] { icu_boundaries(text, *plain, /*utf16=*/true); }));
    best_standard = std::min(best_standard, seconds([&] { icu_boundaries(text, *standard); }));
    best_precis = std::min(best_precis, seconds([&] { (void)segmenter.split_sentences(text); }));
  }
  const double mb = static_cast<double>(text.size()) / 1e6;
  std::printf("%.1f MB, best of %d\n", mb, repeat);
  std::printf("%-28s %9.1f MB/s  %zu segments\n", "bare ICU (en, UTF-8 UText)", mb / best_icu, icu_count - 1);
  std::printf("%-28s %9.1f MB/s\n", "bare ICU (en, UTF-16 copy)", mb / best_icu16);
  std::printf("%-28s %9.1f MB/s\n", "ICU en@ss=standard", mb / best_standard);
  std::printf("%-28s %9.1f MB/s  %zu sentences\n", "precis split_sentences", mb / best_precis, sentences.size());
  std::printf("precis / bare ICU = %.2f (UTF-8 UText), %.2f (UTF-16 copy)\n", best_icu / best_precis,
              best_icu16 / best_precis);
  return 0;
}
