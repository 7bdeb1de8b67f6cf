// Test tool: prints precis::to_json of the summary of FILE, so the Python tests can check that
// C++, the Python API and the CLI agree on the same input.
//   summarize_json FILE [OPTIONS_JSON]
#include <precis/precis.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: summarize_json FILE [OPTIONS_JSON]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    const precis::SummarizerOptions options =
        argc == 3 ? precis::options_from_json(argv[2]) : precis::SummarizerOptions{};
    std::cout << precis::to_json(precis::Summarizer(options).summarize(buffer.str()), 2) << "\n";
  } catch (const precis::Error& e) {
    std::cerr << "summarize_json: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
