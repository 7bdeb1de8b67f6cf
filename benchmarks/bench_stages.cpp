// Per-stage benchmarks over a size sweep: bare ICU sentence breaking (the limit), segmentation,
// tokenization, term extraction, the similarity graph (full and sparse), PageRank, selection and
// the whole summarize() call. Every benchmark checks its result once before it is timed.
//
//   build/bench/benchmarks/bench_stages [--benchmark_filter=graph]
//
// Documents: the sample article (examples/western-development.en.txt), and 100 KB, 1 MB and 3 MB
// of English from the books in CORPUS/en-gutenberg (sorted by file name, concatenated, cut at a
// line end), and 1 MB of Chinese from CORPUS/zh-classics. CORPUS is $PRECIS_CORPUS_DIR, else
// shared/corpus beside the repository (see corpus_dir). Without the corpus, the sample article
// repeated stands in for the books (and the Chinese sizes are skipped), with a note on stderr.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "precis/precis.hpp"
#include "precis/select.hpp"
#include "terms.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// $PRECIS_CORPUS_DIR, else shared/corpus beside the repository (a clone) or beside its parent (a
// git worktree). A PRECIS_CORPUS_DIR that is not a folder is an error; without a corpus, a note on
// stderr says that the sample article stands in.
fs::path corpus_dir() {
  static const fs::path dir = [] {
    if (const char* env = std::getenv("PRECIS_CORPUS_DIR"); env && *env) {
      if (!fs::is_directory(env)) {
        std::fprintf(stderr, "bench_stages: PRECIS_CORPUS_DIR=%s is not a folder\n", env);
        std::exit(2);
      }
      return fs::path(env);
    }
    const fs::path repo = fs::path(PRECIS_EXAMPLES_DIR).parent_path();
    for (const fs::path& candidate :
         {repo.parent_path() / "shared" / "corpus", repo.parent_path().parent_path() / "shared" / "corpus"}) {
      if (fs::is_directory(candidate)) return candidate;
    }
    std::fprintf(stderr,
                 "bench_stages: no corpus in ../shared/corpus beside the repository; set "
                 "PRECIS_CORPUS_DIR. The sample article, repeated, stands in for the books.\n");
    return repo.parent_path() / "shared" / "corpus";
  }();
  return dir;
}

// `size` bytes of the files of `dir` (sorted by name, concatenated, repeated if need be; files that
// are not UTF-8 skipped, a leading BOM dropped), cut at the last line end before `size`. Empty when
// the directory has no UTF-8 .txt file. bench_python.py builds its inputs the same way.
std::string corpus_text(const fs::path& dir, std::size_t size) {
  std::vector<fs::path> files;
  if (fs::is_directory(dir)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".txt") {
        try {
          precis::check_utf8(read_file(entry.path()));
          files.push_back(entry.path());
        } catch (const precis::Error&) {
        }
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::string text;
  while (!files.empty() && text.size() < size) {
    for (const fs::path& file : files) {
      std::string book = read_file(file);
      if (book.starts_with("\xEF\xBB\xBF")) book.erase(0, 3);
      text += book;
      text += "\n\n";
      if (text.size() >= size) break;
    }
  }
  if (text.size() > size) text.resize(text.rfind('\n', size) + 1);
  return text;
}

struct Document {
  std::string name;
  std::string language;
  std::string text;
};

const std::vector<Document>& documents() {
  static const std::vector<Document> docs = [] {
    std::vector<Document> out;
    const std::string sample = read_file(fs::path(PRECIS_EXAMPLES_DIR) / "western-development.en.txt");
    out.push_back({"sample", "en", sample});
    for (const auto& [name, size] :
         std::vector<std::pair<std::string, std::size_t>>{{"100KB", 100'000}, {"1MB", 1'000'000}, {"3MB", 3'000'000}}) {
      std::string text = corpus_text(corpus_dir() / "en-gutenberg", size);
      if (text.empty()) {
        while (text.size() < size) text += sample + "\n\n";
      }
      out.push_back({"en-" + name, "en", std::move(text)});
    }
    std::string zh = corpus_text(corpus_dir() / "zh-classics", 1'000'000);
    if (!zh.empty()) out.push_back({"zh-1MB", "zh", std::move(zh)});
    return out;
  }();
  return docs;
}

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("benchmark result check failed: ") + what);
}

// full: the exact graph (no neighbour cap, no pair budget); else the defaults.
precis::SummarizerOptions options_for(const Document& doc, bool full = false) {
  precis::SummarizerOptions options;
  options.segment.language = doc.language;
  if (full) options.graph.max_neighbors = options.graph.max_pairs_per_sentence = 0;
  options.select.ratio = 0.1;
  return options;
}

void set_rate(benchmark::State& state, const Document& doc) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(doc.text.size()));
}

// ICU's sentence BreakIterator alone: the speed limit of segmentation. Over a UText of the UTF-8
// input, or (`utf16`) over a UTF-16 copy made with u_strFromUTF8, the conversion timed too: ICU
// iterates UTF-16 faster, and precis takes that way, so the faster of the two is the limit to
// compare with. The copy's buffer is reused from call to call (precis allocates one per call), so
// this limit is the stricter one.
void bare_icu_sentences(benchmark::State& state, const Document& doc, const char* locale, bool utf16) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> iterator(icu::BreakIterator::createSentenceInstance(icu::Locale(locale), status));
  check(U_SUCCESS(status), "createSentenceInstance");
  std::vector<UChar> units;
  const auto count = [&] {
    UErrorCode s = U_ZERO_ERROR;
    UText* text = nullptr;
    if (utf16) {
      units.resize(doc.text.size() + 1);
      int32_t length = 0;
      u_strFromUTF8(units.data(), static_cast<int32_t>(units.size()), &length, doc.text.data(),
                    static_cast<int32_t>(doc.text.size()), &s);
      text = utext_openUChars(nullptr, units.data(), length, &s);
    } else {
      text = utext_openUTF8(nullptr, doc.text.data(), static_cast<int64_t>(doc.text.size()), &s);
    }
    iterator->setText(text, s);
    std::size_t boundaries = 0;
    for (int32_t at = iterator->first(); at != icu::BreakIterator::DONE; at = iterator->next()) ++boundaries;
    utext_close(text);
    return boundaries;
  };
  check(count() > 1, "ICU found sentence boundaries");
  for (auto _ : state) benchmark::DoNotOptimize(count());
  set_rate(state, doc);
}

void segment(benchmark::State& state, const Document& doc) {
  const precis::Segmenter segmenter({.language = doc.language});
  check(segmenter.split_sentences(doc.text).size() > 1, "sentences found");
  for (auto _ : state) benchmark::DoNotOptimize(segmenter.split_sentences(doc.text));
  set_rate(state, doc);
}

void tokenize(benchmark::State& state, const Document& doc) {
  const precis::Segmenter segmenter({.language = doc.language});
  check(segmenter.tokenize(doc.text).size() > doc.text.size() / 40, "tokens found");
  for (auto _ : state) benchmark::DoNotOptimize(segmenter.tokenize(doc.text));
  set_rate(state, doc);
}

// Case folding, stopwords, stemming and interning, from tokens to the term matrix.
void terms(benchmark::State& state, const Document& doc) {
  const precis::Segmenter segmenter({.language = doc.language});
  const std::vector<precis::Sentence> sentences = segmenter.split_sentences(doc.text);
  const std::vector<precis::Token> tokens = segmenter.tokenize(doc.text);
  const precis::detail::StopwordSet stopwords(doc.language);
  const auto run = [&] {
    precis::detail::TermExtractor extractor({}, doc.language, &stopwords);
    return extractor.extract(doc.text, tokens, sentences);
  };
  const precis::detail::TermExtraction first = run();
  check(first.terms.sentence_count() == sentences.size() && first.terms.term_count > 0, "terms");
  for (auto _ : state) benchmark::DoNotOptimize(run());
  set_rate(state, doc);
}

void graph(benchmark::State& state, const Document& doc, bool full) {
  const precis::Summarizer summarizer(options_for(doc, full));
  const precis::Analysis analysis = summarizer.analyze(doc.text);
  const precis::GraphOptions options = summarizer.options().graph;
  const precis::SparseGraph first = precis::build_similarity_graph(analysis.terms, options);
  check(first.rows() == static_cast<Eigen::Index>(analysis.sentences.size()) && first.nonZeros() > 0,
        "graph has edges");
  for (auto _ : state) benchmark::DoNotOptimize(precis::build_similarity_graph(analysis.terms, options));
  state.counters["edges"] = static_cast<double>(first.nonZeros() / 2);
  state.counters["sentences"] = static_cast<double>(analysis.sentences.size());
  set_rate(state, doc);
}

void rank(benchmark::State& state, const Document& doc) {
  const precis::Summarizer summarizer(options_for(doc));
  const precis::Analysis analysis = summarizer.analyze(doc.text);
  check(precis::pagerank(analysis.graph).converged, "PageRank converges");
  for (auto _ : state) benchmark::DoNotOptimize(precis::pagerank(analysis.graph));
  state.counters["edges"] = static_cast<double>(analysis.graph.nonZeros() / 2);
  set_rate(state, doc);
}

void select(benchmark::State& state, const Document& doc) {
  const precis::Summarizer summarizer(options_for(doc));
  const precis::Analysis analysis = summarizer.analyze(doc.text);
  const std::size_t n = analysis.sentences.size();
  std::vector<std::string_view> texts(n);
  std::vector<std::size_t> chars(n);
  for (std::size_t i = 0; i < n; ++i) {
    texts[i] = std::string_view(doc.text).substr(analysis.sentences[i].span.begin, analysis.sentences[i].span.size());
    chars[i] = texts[i].size();
  }
  const std::vector<double> scores(analysis.rank.scores.data(), analysis.rank.scores.data() + n);
  precis::SelectionInput input{.scores = scores,
                               .texts = texts,
                               .word_counts = analysis.word_counts,
                               .char_counts = chars,
                               .sentences = analysis.sentences,
                               .terms = &analysis.terms};
  const precis::SelectOptions options = summarizer.options().select;
  const auto run = [&] {
    std::vector<precis::Warning> warnings;
    return precis::select_sentences(input, options, warnings);
  };
  check(!run().empty(), "sentences chosen");
  for (auto _ : state) benchmark::DoNotOptimize(run());
  set_rate(state, doc);
}

// What language="auto" adds to a summary: the document's language, read from its sample.
void detect_language(benchmark::State& state, const Document& doc) {
  check(precis::detect_language(doc.text).language == doc.language, "the document's language detected");
  for (auto _ : state) benchmark::DoNotOptimize(precis::detect_language(doc.text));
  set_rate(state, doc);
}

void summarize(benchmark::State& state, const Document& doc) {
  const precis::Summarizer summarizer(options_for(doc));
  check(!summarizer.summarize(doc.text).sentences.empty(), "summary not empty");
  for (auto _ : state) benchmark::DoNotOptimize(summarizer.summarize(doc.text));
  set_rate(state, doc);
}

void register_all() {
  for (const Document& doc : documents()) {
    const Document* d = &doc;
    const bool big = doc.text.size() > 2'000'000;
    const auto add = [&](const std::string& stage, auto fn) {
      auto* b = benchmark::RegisterBenchmark((stage + "/" + doc.name).c_str(), fn);
      b->Unit(doc.text.size() > 200'000 ? benchmark::kMillisecond : benchmark::kMicrosecond);
      if (big) b->Iterations(3);
    };
    const char* locale = doc.language == "zh" ? "zh" : "en";
    add("icu_sentences", [d, locale](benchmark::State& s) { bare_icu_sentences(s, *d, locale, false); });
    add("icu_sentences_utf16", [d, locale](benchmark::State& s) { bare_icu_sentences(s, *d, locale, true); });
    add("segment", [d](benchmark::State& s) { segment(s, *d); });
    add("tokenize", [d](benchmark::State& s) { tokenize(s, *d); });
    add("terms", [d](benchmark::State& s) { terms(s, *d); });
    add("graph_sparse", [d](benchmark::State& s) { graph(s, *d, false); });
    if (doc.text.size() <= 1'100'000) add("graph_full", [d](benchmark::State& s) { graph(s, *d, true); });
    add("rank", [d](benchmark::State& s) { rank(s, *d); });
    add("select", [d](benchmark::State& s) { select(s, *d); });
    add("detect_language", [d](benchmark::State& s) { detect_language(s, *d); });
    add("summarize", [d](benchmark::State& s) { summarize(s, *d); });
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
