// Pipeline orchestration only: the algorithms live in segmenter, terms, graph, rank and select.
#include "precis/summarizer.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "keyphrases.hpp"
#include "language.hpp"
#include "precis/error.hpp"
#include "precis/language.hpp"
#include "precis/select.hpp"
#include "rank_internal.hpp"
#include "speakers.hpp"
#include "terms.hpp"
#include "utf8_text.hpp"

namespace precis {
namespace {

void add_warning(std::vector<Warning>& warnings, Warning warning) {
  if (std::find(warnings.begin(), warnings.end(), warning) == warnings.end()) warnings.push_back(warning);
}

// Where TooLong::kTruncate cuts a text longer than `limit` bytes: at a code point boundary, and at
// the last ASCII white space of the final 256 bytes when there is one (so no word is cut in half).
std::size_t truncation_point(std::string_view text, std::size_t limit) {
  std::size_t cut = limit;
  // A UTF-8 sequence has at most 3 continuation bytes (more means ill-formed input: cut anyway).
  for (int k = 0; k < 3 && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80; ++k) --cut;
  const std::size_t floor = cut > 256 ? cut - 256 : 0;
  for (std::size_t i = cut; i > floor; --i) {
    const char c = text[i - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return i - 1;
  }
  return cut;
}

// `view`, or its repaired copy in `storage` when it has ill-formed UTF-8 (valid text, the usual
// case, is not copied); adds the replacements to `replaced`.
std::string_view repaired(std::string_view view, std::string& storage, std::size_t& replaced) {
  std::size_t length = 0;
  if (detail::find_invalid_utf8(view, 0, &length) == std::string_view::npos) return view;
  std::size_t count = 0;
  storage = replace_invalid_utf8(view, &count);
  replaced += count;
  return storage;
}

// InputOptions::deadline_ms: the time since the call began, checked after each stage.
class Deadline {
 public:
  explicit Deadline(double milliseconds) : milliseconds_(milliseconds), start_(std::chrono::steady_clock::now()) {}

  void check(std::string_view stage) const {
    if (milliseconds_ <= 0.0) return;
    const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    if (elapsed > milliseconds_) {
      throw Error(ErrorCode::kDeadlineExceeded, "input.deadline_ms = " + std::to_string(milliseconds_) + " exceeded: " +
                                                    std::to_string(elapsed) + " ms after " + std::string(stage));
    }
  }

 private:
  double milliseconds_;
  std::chrono::steady_clock::time_point start_;
};

// The text and query the pipeline works on, after InputOptions, and the call's deadline.
struct PreparedInput {
  std::string_view text;
  std::string_view query;
  std::size_t truncated_bytes = 0;
  std::size_t replaced_sequences = 0;
  Deadline deadline;
  // Own the repaired copies (InvalidUtf8::kReplace) that text and query then view.
  std::string text_storage;
  std::string query_storage;

  PreparedInput(std::string_view input, std::string_view query_input, const InputOptions& options)
      : deadline(options.deadline_ms) {
    text = input;
    query = query_input;
    const std::size_t limit =
        options.max_bytes == 0 ? detail::kLongestText : std::min(options.max_bytes, detail::kLongestText);
    if (text.size() > limit) {
      if (options.on_too_long == TooLong::kTruncate) {
        text = text.substr(0, truncation_point(text, limit));
        truncated_bytes = input.size() - text.size();
      } else if (options.max_bytes != 0 && text.size() > options.max_bytes) {
        throw Error(ErrorCode::kInputTooLarge,
                    "text is " + std::to_string(text.size()) +
                        " bytes, more than input.max_bytes = " + std::to_string(options.max_bytes));
      }  // else the Segmenter reports the 2 GiB limit.
    }
    if (options.on_invalid_utf8 == InvalidUtf8::kReplace) {
      text = repaired(text, text_storage, replaced_sequences);
      query = repaired(query, query_storage, replaced_sequences);
    }
  }
  // text and query may view the members: neither copies nor moves.
  PreparedInput(const PreparedInput&) = delete;
  PreparedInput& operator=(const PreparedInput&) = delete;
};

}  // namespace

struct Summarizer::Impl {
  SummarizerOptions options;
  Segmenter segmenter;
  // Stopword sets per primary language, built on first use; entries are never removed, so the
  // references handed out stay valid.
  mutable std::mutex mutex;
  mutable std::map<std::string, detail::StopwordSet, std::less<>> stopwords;
  mutable std::map<std::string, detail::KeyphraseRules, std::less<>> keyphrase_rules;

  explicit Impl(SummarizerOptions opts) : options(std::move(opts)), segmenter(options.segment) {}

  // Every stage for `input`, with keyphrases when select.keywords > 0.
  Analysis analyze(const PreparedInput& input, const SelectOptions& select) const;

  // options.segment.language, or the detected language for "auto".
  LanguageGuess language_of(std::string_view text) const {
    if (options.segment.language == detail::kAutoLanguage) return detect_language(text);
    return {.language = segmenter.resolve_language(text), .confidence = 1.0, .reliable = true};
  }

  // The `count` best keyphrases of the text with these tokens and terms.
  std::vector<Keyphrase> keyphrases(std::string_view text, std::span<const Token> tokens,
                                    const detail::TermExtraction& extraction, std::span<const std::string> vocabulary,
                                    const std::string& language, detail::TermExtractor& extractor,
                                    std::size_t count) const {
    const detail::KeyphraseInput words{.text = text, .tokens = tokens, .terms = extraction, .vocabulary = vocabulary};
    return detail::extract_keyphrases(words, keyphrase_rules_for(language), extractor, options.keyphrases, options.rank,
                                      count);
  }

  // The ids of the document's terms that are content terms of `query` too, each once. A lone
  // Latin letter ("What did C say?") is no topic.
  std::vector<std::uint32_t> query_terms(std::string_view query, const Analysis& analysis,
                                         detail::TermExtractor& extractor) const {
    const std::vector<Token> tokens = segmenter.tokenize(query, analysis.diagnostics.language);
    const Sentence whole{.span = {0, query.size()}, .terminated = true};
    const detail::TermExtraction extraction = extractor.extract(query, tokens, {&whole, 1});
    std::unordered_set<std::string_view> wanted(extraction.vocabulary.begin(), extraction.vocabulary.end());
    std::vector<std::uint32_t> ids;
    for (std::uint32_t id = 0; id < analysis.vocabulary.size(); ++id) {
      const std::string& term = analysis.vocabulary[id];
      const bool lone_letter = term.size() == 1 && std::isalpha(static_cast<unsigned char>(term[0]));
      if (!lone_letter && wanted.count(term)) ids.push_back(id);
    }
    return ids;
  }

  const detail::StopwordSet& stopwords_for(const std::string& language) const {
    const std::string primary = detail::primary_language(language);
    std::lock_guard lock(mutex);
    auto found = stopwords.find(primary);
    if (found == stopwords.end()) found = stopwords.emplace(primary, detail::StopwordSet(primary)).first;
    return found->second;
  }

  const detail::KeyphraseRules& keyphrase_rules_for(const std::string& language) const {
    const std::string primary = detail::primary_language(language);
    std::lock_guard lock(mutex);
    auto found = keyphrase_rules.find(primary);
    if (found == keyphrase_rules.end()) {
      found =
          keyphrase_rules.emplace(primary, detail::KeyphraseRules(primary, options.keyphrases.keyphrase_rules)).first;
    }
    return found->second;
  }
};

Summarizer::Summarizer(SummarizerOptions options) {
  validate(options);
  impl_ = std::make_shared<const Impl>(std::move(options));
}

const SummarizerOptions& Summarizer::options() const noexcept { return impl_->options; }
const Segmenter& Summarizer::segmenter() const noexcept { return impl_->segmenter; }

Analysis Summarizer::analyze(std::string_view text) const {
  const PreparedInput input(text, {}, impl_->options.input);
  return impl_->analyze(input, impl_->options.select);
}

std::vector<Keyphrase> Summarizer::keywords(std::string_view text, std::size_t count) const {
  const PreparedInput input(text, {}, impl_->options.input);
  const Impl& impl = *impl_;
  const std::string language = impl.language_of(input.text).language;
  // Keyphrases need words, not sentences (KeyphraseInput): one span covers the text.
  const std::vector<Token> tokens = impl.segmenter.tokenize(input.text, language);
  input.deadline.check("tokens");
  const Sentence whole{.span = {0, input.text.size()}, .terminated = true};
  detail::TermExtractor extractor(impl.options.tokens, language, &impl.stopwords_for(language));
  const detail::TermExtraction extraction =
      extractor.extract(input.text, tokens, {&whole, 1}, detail::speaker_labels(input.text));
  input.deadline.check("terms");
  std::vector<Keyphrase> found =
      impl.keyphrases(input.text, tokens, extraction, extraction.vocabulary, language, extractor, count);
  input.deadline.check("keyphrases");
  return found;
}

Analysis Summarizer::Impl::analyze(const PreparedInput& input, const SelectOptions& select) const {
  const std::string_view text = input.text;
  const std::string_view query = input.query;
  Analysis analysis;
  Diagnostics& diagnostics = analysis.diagnostics;
  diagnostics.truncated_bytes = input.truncated_bytes;
  diagnostics.replaced_sequences = input.replaced_sequences;
  if (input.truncated_bytes > 0) add_warning(diagnostics.warnings, Warning::kTruncated);
  if (input.replaced_sequences > 0) add_warning(diagnostics.warnings, Warning::kInvalidUtf8Replaced);
  LanguageGuess guess = language_of(text);
  diagnostics.language = std::move(guess.language);
  diagnostics.language_confidence = guess.confidence;
  const bool language_uncertain = !guess.reliable;
  Segmentation segmentation = segmenter.segment(text, diagnostics.language);
  input.deadline.check("sentences and tokens");
  analysis.sentences = std::move(segmentation.sentences);
  const std::vector<Token> tokens = std::move(segmentation.tokens);

  const detail::StopwordSet& stopword_set = stopwords_for(diagnostics.language);
  detail::TermExtractor extractor(options.tokens, diagnostics.language, &stopword_set);
  const std::vector<Span> speakers = detail::speaker_labels(text);
  detail::TermExtraction extraction = extractor.extract(text, tokens, analysis.sentences, speakers);
  analysis.word_counts = std::move(extraction.word_counts);
  analysis.terms = std::move(extraction.terms);
  analysis.vocabulary = std::move(extraction.vocabulary);
  diagnostics.token_count = extraction.token_count;
  diagnostics.term_count = analysis.terms.term_count;
  diagnostics.stemmer = extractor.stemmer_name();
  diagnostics.stopword_count = options.tokens.remove_stopwords ? stopword_set.size() : 0;
  input.deadline.check("terms");
  if (select.keywords > 0) {
    analysis.keyphrases = keyphrases(text, tokens, extraction, analysis.vocabulary, diagnostics.language, extractor,
                                     static_cast<std::size_t>(select.keywords));
    input.deadline.check("keyphrases");
  }

  // Eigen 3.4's SparseMatrix has no move assignment: assigning the result would copy it.
  SparseGraph graph = build_similarity_graph(analysis.terms, options.graph);
  analysis.graph.swap(graph);
  diagnostics.edge_count = static_cast<std::size_t>(analysis.graph.nonZeros()) / 2;
  input.deadline.check("graph");
  if (!query.empty()) {
    QueryRelevance relevance = query_relevance(analysis.terms, query_terms(query, analysis, extractor));
    analysis.query_match = std::move(relevance.match);
    analysis.query_relevance = std::move(relevance.relevance);
    diagnostics.query_sentences = static_cast<std::size_t>(
        std::count_if(analysis.query_match.begin(), analysis.query_match.end(), [](double m) { return m > 0.0; }));
    if (diagnostics.query_sentences == 0) add_warning(diagnostics.warnings, Warning::kQueryUnmatched);
  }
  analysis.rank = detail::pagerank_of_symmetric_graph(analysis.graph, options.rank, analysis.query_match);
  diagnostics.iterations = analysis.rank.iterations;
  diagnostics.converged = analysis.rank.converged;
  diagnostics.residual = analysis.rank.residual;
  input.deadline.check("ranking");
  const std::size_t n = analysis.sentences.size();
  diagnostics.sentence_count = n;
  analysis.char_counts.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    analysis.char_counts[i] = detail::code_point_count(text, analysis.sentences[i].span);
  }
  // A long document is covered instead (SelectOptions::cover_long_documents): its lead is news
  // only in proportion to how much it says about the whole.
  const double budget = expected_sentence_count(select, analysis.word_counts, analysis.char_counts);
  if (n > 0 && options.rank.position_weight > 0.0 && !is_long_document(select, n, budget)) {
    apply_position_prior(analysis.rank.scores, effective_position_weight(options.rank, budget, static_cast<double>(n)));
  }

  if (n == 0) add_warning(diagnostics.warnings, Warning::kEmptyInput);
  if (n == 1) add_warning(diagnostics.warnings, Warning::kSingleSentence);
  if (n > 0 && language_uncertain) add_warning(diagnostics.warnings, Warning::kLanguageUncertain);
  if (n > 0 && analysis.terms.ids.empty()) add_warning(diagnostics.warnings, Warning::kNoWords);
  if (n > 1 && !analysis.terms.ids.empty() && analysis.graph.nonZeros() == 0) {
    add_warning(diagnostics.warnings, Warning::kNoEdges);
  }
  if (!analysis.rank.converged) add_warning(diagnostics.warnings, Warning::kNotConverged);
  return analysis;
}

Summary Summarizer::summarize(std::string_view text) const { return summarize(text, impl_->options.select); }

Summary Summarizer::summarize(std::string_view text, const SelectOptions& select) const {
  return summarize(text, select, {});
}

Summary Summarizer::summarize(std::string_view original_text, const SelectOptions& select,
                              std::string_view query) const {
  Summary summary;
  summary.options = impl_->options;
  summary.options.select = select;
  validate(summary.options);

  const PreparedInput prepared(original_text, query, impl_->options.input);
  const std::string_view text = prepared.text;
  Analysis analysis = impl_->analyze(prepared, select);
  const std::size_t n = analysis.sentences.size();
  std::vector<std::string_view> texts(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Span span = analysis.sentences[i].span;
    texts[i] = text.substr(span.begin, span.size());
  }
  summary.scores.assign(analysis.rank.scores.data(), analysis.rank.scores.data() + n);

  SelectionInput input;
  input.scores = summary.scores;
  input.texts = texts;
  input.word_counts = analysis.word_counts;
  input.char_counts = analysis.char_counts;
  input.sentences = analysis.sentences;
  input.terms = &analysis.terms;
  input.query_match = analysis.query_match;
  input.query_relevance = analysis.query_relevance;
  summary.diagnostics = std::move(analysis.diagnostics);
  summary.keywords = std::move(analysis.keyphrases);
  const std::vector<std::size_t> chosen = select_sentences(input, select, summary.diagnostics.warnings);
  prepared.deadline.check("selection");

  const std::vector<std::size_t> rank_of = sentence_ranks(summary.scores);

  std::vector<std::size_t> byte_offsets;
  byte_offsets.reserve(2 * chosen.size());
  for (std::size_t index : chosen) {
    byte_offsets.push_back(analysis.sentences[index].span.begin);
    byte_offsets.push_back(analysis.sentences[index].span.end);
  }
  const std::vector<std::size_t> code_points = codepoint_offsets(text, byte_offsets);
  summary.sentences.reserve(chosen.size());
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const std::size_t index = chosen[k];
    ScoredSentence& sentence = summary.sentences.emplace_back();
    sentence.index = index;
    sentence.byte_start = analysis.sentences[index].span.begin;
    sentence.byte_end = analysis.sentences[index].span.end;
    sentence.start = code_points[2 * k];
    sentence.end = code_points[2 * k + 1];
    sentence.score = summary.scores[index];
    sentence.rank = rank_of[index];
    sentence.text = std::string(texts[index]);
  }

  return summary;
}

namespace {

// out[i] = work(texts[i]) for every text, on up to `workers` threads (0: one per hardware thread).
// Each text is independent and written to its own slot, so the result does not depend on the
// number of workers or on scheduling. The first error (by text index) is rethrown after all
// workers finish.
template <typename Result, typename Work>
std::vector<Result> map_texts(const std::vector<std::string_view>& texts, std::size_t workers, Work work) {
  std::vector<Result> out(texts.size());
  std::vector<std::exception_ptr> errors(texts.size());
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  workers = std::min(workers, texts.size());
  std::atomic<std::size_t> next{0};
  // New worker threads also read the word features this thread has learned; meanwhile this
  // thread only waits, so they do not change.
  const detail::FeatureMemos& known_features = detail::feature_memos_of_this_thread();
  auto run = [&] {
    for (std::size_t i = next++; i < texts.size(); i = next++) {
      try {
        out[i] = work(texts[i]);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  if (workers <= 1) {
    run();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
      pool.emplace_back([&] {
        const detail::InheritedFeatureMemos inherited(known_features);
        run();
      });
    }
  }
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return out;
}

}  // namespace

std::vector<Summary> Summarizer::summarize_many(const std::vector<std::string_view>& texts, const SelectOptions& select,
                                                std::size_t workers) const {
  SummarizerOptions checked = impl_->options;
  checked.select = select;
  validate(checked);
  return map_texts<Summary>(texts, workers, [&](std::string_view text) { return summarize(text, select); });
}

std::vector<std::vector<Keyphrase>> Summarizer::keywords_many(const std::vector<std::string_view>& texts,
                                                              std::size_t count, std::size_t workers) const {
  return map_texts<std::vector<Keyphrase>>(texts, workers,
                                           [&](std::string_view text) { return keywords(text, count); });
}

}  // namespace precis
