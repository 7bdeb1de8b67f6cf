// Test tool: prints precis::to_json of the summary of FILE, or with --keywords N the JSON array of
// its N best keyphrases (Summarizer::keywords), so the Python tests can check that C++, the Python
// API and the CLI agree on the same input.
//   summarize_json FILE [OPTIONS_JSON]
//   summarize_json --keywords N FILE [OPTIONS_JSON]
#include <precis/precis.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "test_data.hpp"

int main(int argc, char** argv) {
  std::optional<std::size_t> keywords;
  if (argc >= 3 && std::string_view(argv[1]) == "--keywords") {
    keywords = std::stoul(argv[2]);
    argc -= 2;
    argv += 2;
  }
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: summarize_json [--keywords N] FILE [OPTIONS_JSON]\n";
    return 2;
  }
  const std::string text = precis::testing::read_file(argv[1]);
  try {
    const precis::SummarizerOptions options =
        argc == 3 ? precis::options_from_json(argv[2]) : precis::SummarizerOptions{};
    const precis::Summarizer summarizer(options);
    if (keywords) {
      std::cout << "[";
      const char* separator = "";
      for (const precis::Keyphrase& keyphrase : summarizer.keywords(text, *keywords)) {
        std::cout << separator << precis::to_json(keyphrase);
        separator = ",";
      }
      std::cout << "]\n";
    } else {
      std::cout << precis::to_json(summarizer.summarize(text), 2) << "\n";
    }
  } catch (const precis::Error& e) {
    std::cerr << "summarize_json: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
