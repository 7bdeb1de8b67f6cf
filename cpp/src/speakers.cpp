#include "speakers.hpp"

#include <cstddef>

namespace precis::detail {
namespace {

constexpr std::size_t kLongestLabel = 40;
constexpr int kMostWords = 4;
constexpr std::size_t kFewestLabeledLines = 3;

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
// Any non-ASCII byte may belong to a letter of a name ("Müller", "José").
bool is_name_byte(char c) {
  return is_ascii_letter(c) || is_ascii_digit(c) || static_cast<unsigned char>(c) >= 0x80 || c == '.' || c == '\'' ||
         c == '-';
}

// The end of the label (just after its colon) that opens the line at `begin`, or 0.
std::size_t label_end(std::string_view text, std::size_t begin) {
  std::size_t i = begin;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size() || !(is_ascii_letter(text[i]) || static_cast<unsigned char>(text[i]) >= 0x80)) return 0;
  const std::size_t limit = std::min(text.size(), i + kLongestLabel);
  int words = 1;
  for (; i < limit; ++i) {
    const char c = text[i];
    if (c == ':') {
      const bool spaced = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\t' || text[i + 1] == '\n' ||
                          text[i + 1] == '\r';
      return spaced && text[i - 1] != ' ' ? i + 1 : 0;
    }
    if (c == ' ') {
      if (text[i - 1] == ' ' || ++words > kMostWords) return 0;
    } else if (!is_name_byte(c)) {
      return 0;
    }
  }
  return 0;
}

}  // namespace

std::vector<Span> speaker_labels(std::string_view text) {
  std::vector<Span> labels;
  std::size_t lines = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    if (text.find_first_not_of(" \t\r", begin) < end) {
      ++lines;
      if (const std::size_t label = label_end(text, begin)) {
        const std::size_t first = text.find_first_not_of(" \t", begin);
        labels.push_back({first, label});
      }
    }
    begin = end + 1;
  }
  if (labels.size() < kFewestLabeledLines || labels.size() * 3 < lines) labels.clear();
  return labels;
}

}  // namespace precis::detail
