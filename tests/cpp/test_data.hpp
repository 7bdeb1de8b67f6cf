// Test inputs shared by the C++ test files.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace precis::testing {

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
