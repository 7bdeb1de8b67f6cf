// Summarizes a file with the installed library and checks the result; prints PASS.
#include <precis/precis.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: precis_install_test FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  const precis::Summarizer summarizer({.select = {.sentences = 3}});
  const precis::Summary summary = summarizer.summarize(text);
  bool ok = summary.sentences.size() == 3 && summary.scores.size() == summary.diagnostics.sentence_count;
  for (const precis::ScoredSentence& s : summary.sentences) {
    ok = ok && text.substr(s.bytes().begin, s.bytes().size()) == s.text;
  }
  ok = ok && precis::summary_from_json(precis::to_json(summary)) == summary;
  std::cout << summary.text() << "\n" << (ok ? "PASS" : "FAIL") << " (precis " << precis::version() << ")\n";
  return ok ? 0 : 1;
}
