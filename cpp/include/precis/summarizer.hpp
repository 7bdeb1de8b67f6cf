// precis: extractive summarization with TextRank-family graph ranking.
//
//   #include <precis/precis.hpp>
//
//   precis::Summarizer summarizer({.select = {.sentences = 5}});
//   precis::Summary summary = summarizer.summarize(text);   // text: UTF-8
//   for (const precis::ScoredSentence& s : summary.sentences)
//     std::cout << s.rank << ' ' << s.score << ' ' << s.text << '\n';
//
// Pipeline: Segmenter (sentences, tokens) → content terms (case fold, stopwords, Snowball stem) →
// similarity graph (inverted index) → PageRank → budgeted selection; keyphrases from the same
// tokens and terms (a word graph, PageRank, adjacent words). Each stage is public
// (segmenter.hpp, graph.hpp, rank.hpp, select.hpp) and analyze() returns the intermediate results.
//
// Thread safety: a Summarizer is immutable after construction; summarize() and analyze() are
// const and may be called concurrently from any number of threads. Copies are cheap and share
// state. Construction validates the options and loads ICU data (about 0.1-2 ms): build one
// Summarizer and reuse it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "precis/graph.hpp"
#include "precis/options.hpp"
#include "precis/rank.hpp"
#include "precis/segmenter.hpp"
#include "precis/types.hpp"

namespace precis {

// Every intermediate result of the pipeline for one text.
struct Analysis {
  std::vector<Sentence> sentences;
  std::vector<std::size_t> word_counts;  // word and number tokens per sentence (stopwords included)
  std::vector<std::size_t> char_counts;  // code points per sentence
  TermMatrix terms;                      // content terms per sentence
  std::vector<std::string> vocabulary;   // term id → term (folded, stemmed) text
  SparseGraph graph;
  RankResult rank;
  // With a query (summarize(text, select, query)): how well each sentence matches it, and that
  // match spread to its neighbours (query_relevance in rank.hpp); empty without one.
  std::vector<double> query_match;
  std::vector<double> query_relevance;
  // The select.keywords best keyphrases (empty when it is 0).
  std::vector<Keyphrase> keyphrases;
  // The language, counts and PageRank outcome, and the warnings so far (selection adds its own);
  // truncated_bytes: spans cover the text kept; replaced_sequences: spans refer to
  // replace_invalid_utf8(text).
  Diagnostics diagnostics;
};

class Summarizer {
 public:
  // Validates `options` (throws Error{kInvalidArgument} naming the field) and loads ICU data
  // (throws Error{kIcu} on failure).
  explicit Summarizer(SummarizerOptions options = {});

  // Summarizes UTF-8 text with the budgets in options().select.
  // Never throws because of the content (empty text, one sentence, no words: a valid Summary with
  // warnings). Throws Error{kInvalidUtf8} for ill-formed UTF-8 and Error{kInputTooLarge} for
  // text longer than options().input.max_bytes or of 2 GiB or more, unless options().input says
  // to repair or truncate it (then the Summary's diagnostics say so).
  Summary summarize(std::string_view text) const;

  // The same with other budgets: `select` replaces options().select for this call (validated;
  // Error{kInvalidArgument} names the field).
  Summary summarize(std::string_view text, const SelectOptions& select) const;
  // A query-focused summary: relevance to `query` (UTF-8, normalized like the text: case folding,
  // stopwords, stems) first, centrality second. The summary is the passage around the sentence
  // that best answers the query (select_sentences); PageRank's teleport distribution also leans
  // toward matching sentences, by options().rank.query_weight. An empty query, or one without a
  // content term of the text, gives the plain summary (warning kQueryUnmatched for the latter).
  Summary summarize(std::string_view text, const SelectOptions& select, std::string_view query) const;

  // Summaries of many texts, computed on up to `workers` threads (0: one per hardware thread;
  // never more threads than texts).
  // The result is identical to calling summarize() on each text in turn, whatever `workers` is.
  // If a text throws, the first error (by text index) is rethrown after all workers finish.
  std::vector<Summary> summarize_many(const std::vector<std::string_view>& texts, const SelectOptions& select,
                                      std::size_t workers = 0) const;

  // The `count` best keyphrases of UTF-8 text, best first (options().keyphrases says how to find
  // them): summarize(text, {.keywords = count}).keywords without ranking the sentences. Errors
  // as for summarize().
  std::vector<Keyphrase> keywords(std::string_view text, std::size_t count = 10) const;

  // The keywords of many texts, on up to `workers` threads as summarize_many(): identical to
  // calling keywords() on each text in turn, whatever `workers` is.
  std::vector<std::vector<Keyphrase>> keywords_many(const std::vector<std::string_view>& texts, std::size_t count = 10,
                                                    std::size_t workers = 0) const;

  // Segmentation, terms, graph and scores, without selection; the position prior is scaled for
  // the budgets in options().select, and options().input applies, as summarize(text) does.
  Analysis analyze(std::string_view text) const;

  const SummarizerOptions& options() const noexcept;
  const Segmenter& segmenter() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace precis
