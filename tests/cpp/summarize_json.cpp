// Test tool: prints precis::to_json of the summary of FILE, so the Python tests can check that
// C++, the Python API and the CLI agree on the same input.
//   summarize_json FILE [OPTIONS_JSON]
#include <precis/precis.hpp>

#include <iostream>

#include "test_data.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: summarize_json FILE [OPTIONS_JSON]\n";
    return 2;
  }
  const std::string text = precis::testing::read_file(argv[1]);
  try {
    const precis::SummarizerOptions options =
        argc == 3 ? precis::options_from_json(argv[2]) : precis::SummarizerOptions{};
    std::cout << precis::to_json(precis::Summarizer(options).summarize(text), 2) << "\n";
  } catch (const precis::Error& e) {
    std::cerr << "summarize_json: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
