// Test inputs shared by the C++ test files.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "precis/graph.hpp"

namespace precis::testing {

// A TermMatrix from each sentence's term ids.
inline TermMatrix matrix_of(const std::vector<std::vector<std::uint32_t>>& sentences, std::size_t term_count) {
  TermMatrix terms;
  for (const auto& sentence : sentences) {
    terms.ids.insert(terms.ids.end(), sentence.begin(), sentence.end());
    terms.offsets.push_back(static_cast<std::uint32_t>(terms.ids.size()));
  }
  terms.term_count = term_count;
  return terms;
}

// Code points of valid UTF-8, counted by hand: what the engine's code-point offsets must equal.
inline std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

#ifdef PRECIS_EXAMPLES_DIR
// The bundled news article (examples/western-development.en.txt), read once.
inline const std::string& sample_article() {
  static const std::string text = read_file(PRECIS_EXAMPLES_DIR "/western-development.en.txt");
  return text;
}
#endif

}  // namespace precis::testing
