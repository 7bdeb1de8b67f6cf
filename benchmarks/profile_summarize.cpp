// A fixed amount of work for instruction-count profiles (valgrind --tool=callgrind, perf stat):
// one warm-up call, then CALLS summarize() calls on FILE with a reused Summarizer.
//
//   cd build/bench && valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out
//   benchmarks/profile_summarize ../../examples/western-development.en.txt 20   (one command line)
//   callgrind_annotate --inclusive=yes /tmp/cg.out   # per stage: split_sentences, tokenize, ...
//
// Prints the number of sentences chosen, so the work cannot be optimized away.
#include <precis/precis.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: profile_summarize FILE [CALLS] [OPTIONS_JSON]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const int calls = argc >= 3 ? std::atoi(argv[2]) : 20;
  const precis::SummarizerOptions options =
      argc == 4 ? precis::options_from_json(argv[3]) : precis::SummarizerOptions{};
  const precis::Summarizer summarizer(options);
  std::size_t chosen = summarizer.summarize(text).sentences.size();
  for (int i = 0; i < calls; ++i) chosen += summarizer.summarize(text).sentences.size();
  std::cout << chosen << "\n";
  return 0;
}
